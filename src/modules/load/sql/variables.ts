/**
 * Script variables of a generated load. BigQuery declares them at the top of the procedure; DuckDB keeps
 * them with `SET VARIABLE`. The `_gdp_` prefix is reserved: no column may use it.
 */

/** Names of the variables. */
export const VARS = {
  loadId: '_gdp_load_id',
  startedAt: '_gdp_started_at',
  inserted: '_gdp_rows_inserted',
  updated: '_gdp_rows_updated',
  deleted: '_gdp_rows_deleted',
  rejected: '_gdp_rows_rejected',
  /** Rows a MERGE changed in total; split into the counts above. */
  merged: '_gdp_rows_merged',
  failed: '_gdp_failed_rows',
  windowStart: '_gdp_window_start',
  partLo: '_gdp_part_lo',
  partHi: '_gdp_part_hi',
  partEnd: '_gdp_part_end',
} as const;

/** A variable and its BigQuery type. */
export interface Variable {
  readonly name: string;
  /** BigQuery type (canonical table spelling, rendered by the dialect). */
  readonly type: string;
}

/** The counters every load keeps (all start at 0). */
export const COUNTERS: readonly string[] = [VARS.inserted, VARS.updated, VARS.deleted, VARS.rejected, VARS.merged];
