/** Shape of a diagnostic code catalog entry; module folders export tables of these. */
export interface CodeInfo {
  /** Default severity of diagnostics with this code. */
  readonly severity: 'error' | 'warning' | 'info';
  /** Short title shown in the README's error-code table. */
  readonly title: string;
  /** Default fix, used when a diagnostic does not give a more specific hint. */
  readonly hint?: string;
}

/** A table of codes, `GDPnnn` → info. */
export type CodeTable = Readonly<Record<`GDP${number}`, CodeInfo>>;
