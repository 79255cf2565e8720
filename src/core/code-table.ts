/** Shape of a diagnostic code catalog entry; every owner of codes (core, SQL, plan, each module) exports a table of these. */
export interface CodeInfo {
  /** Default severity of diagnostics with this code. */
  readonly severity: 'error' | 'warning' | 'info';
  /** Short title shown in the README's error-code table. */
  readonly title: string;
  /** Default fix, used when a diagnostic does not give a more specific hint. */
  readonly hint?: string;
}

/** A table of codes, code → info (`GDP500` for gdp's own codes, `<PREFIX>001` for a plugin's). */
export type CodeTable = Readonly<Record<string, CodeInfo>>;
