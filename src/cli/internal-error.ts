/** Prints a bug in gdp (not a user mistake) with its stack trace, labelled as such. */
export const InternalErrorReporter = {
  /** Writes the error to stderr and returns exit code 2. */
  report(e: unknown): number {
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(
      `gdp: internal error GDP900 (a bug in gdp, not in your configuration): ${err.message}\n${err.stack ?? ''}\n` +
        'Please report it with the command you ran and this trace.\n',
    );
    return 2;
  },
};
