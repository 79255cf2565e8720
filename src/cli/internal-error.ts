import { formatJson } from '../core/format';
import { ModuleTypeError } from '../core/registry';

/** Prints a bug in gdp (not a user mistake) with its stack trace, labelled as such. */
export const InternalErrorReporter = {
  /** Writes the error to stderr (and, when JSON was asked for, one JSON document to stdout); returns exit code 2. */
  report(e: unknown, json = false): number {
    const err = e instanceof Error ? e : new Error(String(e));
    if (e instanceof ModuleTypeError) return reportModuleBug(e, json);
    if (json) {
      const diagnostic = { code: 'GDP900', severity: 'error', file: '<gdp>', line: 1, column: 1, message: `internal error (a bug in gdp): ${err.message}` } as const;
      process.stdout.write(formatJson([diagnostic], { valid: false, internalError: true }) + '\n');
    }
    process.stderr.write(
      `gdp: internal error GDP900 (a bug in gdp, not in your configuration): ${err.message}\n${err.stack ?? ''}\n` +
        'Please report it with the command you ran and this trace.\n',
    );
    return 2;
  },
};

/** A module type broke the contract while it ran: a bug in that module type (a plugin's, usually), not in gdp. */
function reportModuleBug(e: ModuleTypeError, json: boolean): number {
  if (json) {
    const diagnostic = { code: 'GDP900', severity: 'error', file: '<gdp>', line: 1, column: 1, message: `a bug in module type "${e.kind}": ${e.message}` } as const;
    process.stdout.write(formatJson([diagnostic], { valid: false, internalError: true }) + '\n');
  }
  process.stderr.write(
    `gdp: error GDP900 in module type "${e.kind}" (a bug in that module type, not in your configuration; \`gdp modules\` says where it comes from): ${e.message}\n${e.stack ?? ''}\n`,
  );
  return 2;
}
