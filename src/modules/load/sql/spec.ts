/**
 * The interface between the `load` module type (configuration/loads/*.yaml) and the SQL generator of
 * ingest/merge procedures. The module validates the configuration and builds a {@link LoadSpec}; this
 * library turns it into a BigQuery procedure body, or into the bare data statements for tests.
 *
 * Fields marked "addition" are optional extensions of the agreed interface.
 */
import type { SqlColumn, TableRef, TimeColumnType } from './types';

export type { SqlColumn, TableRef } from './types';
export type { Dialect } from './dialect';

/**
 * How a load changes its target:
 * - `append`: insert the source rows.
 * - `upsert`: update target rows whose key is in the source, insert the others; never delete.
 * - `full_sync`: upsert, then delete target rows whose key is missing from the source (only inside the
 *   window when one is given).
 * - `partition_replace`: delete the target partitions present in the source, insert the source rows.
 * - `scd2`: keep history: close the current version of a changed key and insert new versions.
 */
export type LoadPattern = 'append' | 'upsert' | 'full_sync' | 'partition_replace' | 'scd2';

/** A data-quality rule checked on the source rows before the target changes. */
export interface QualityRule {
  /** Rule name (shown in messages, the log table and `_gdp_rule` of rejected rows). */
  name: string;
  /**
   * - `not_null`: a row is bad when any of `columns` is NULL.
   * - `unique`: rows whose `columns` (all non-NULL) occur more than once are all bad.
   * - `accepted_values`: a row is bad when `columns[0]` is not NULL and not one of `values`.
   * - `condition`: a row is bad when the SQL boolean `condition` is FALSE (NULL passes, as in a WHERE).
   */
  kind: 'not_null' | 'unique' | 'accepted_values' | 'condition';
  columns?: string[];
  values?: (string | number)[];
  /** A BigQuery boolean expression over the source columns (after casts). */
  condition?: string;
  /**
   * - `fail`: stop the load (RAISE) before the target changes.
   * - `warn`: write a `warning` row to the log table and go on.
   * - `quarantine`: move the bad rows to `rejectedTable` with the rule name; the good rows go on.
   *   Rules run in order, so a row is quarantined once, by the first rule it breaks.
   */
  severity: 'warn' | 'fail' | 'quarantine';
}

/** A source that is a table. */
export interface TableSource {
  kind: 'table';
  table: TableRef;
  columns: SqlColumn[];
  /** A BigQuery boolean expression over the source table's columns. */
  filter?: string;
}

/** A source that is a query. */
export interface QuerySource {
  kind: 'query';
  /** A BigQuery SELECT (no trailing semicolon needed). */
  sql: string;
  /**
   * The query's output columns (addition). Without it, the query must return every data column of the
   * target, plus the ordering and `scd2.effectiveFrom` columns that are not target columns.
   */
  columns?: SqlColumn[];
}

/** Files in Cloud Storage, loaded with LOAD DATA into a temporary table first. */
export interface FilesSource {
  kind: 'files';
  uris: string[];
  format: 'CSV' | 'JSON' | 'PARQUET';
  csv?: { skipLeadingRows?: number; fieldDelimiter?: string };
  /** The files' columns, in file order for CSV. */
  columns: SqlColumn[];
}

/** Everything needed to generate one load. Column names refer to the target unless said otherwise. */
export interface LoadSpec {
  /** Load name, shown in the log table and in error messages. */
  name: string;
  pattern: LoadPattern;
  target: {
    table: TableRef;
    columns: SqlColumn[];
    partition?: { column: string; granularity: 'DAY' | 'HOUR' | 'MONTH' | 'YEAR'; columnType: TimeColumnType };
    requirePartitionFilter: boolean;
  };
  /** Source columns are matched to target columns by name; target columns missing from it are not written. */
  source: TableSource | QuerySource | FilesSource;
  /** Key columns (required by upsert, full_sync and scd2; optional de-duplication key otherwise). */
  keys: string[];
  /**
   * Ranks the source rows of one key, first = the row to keep (so usually `descending: true` on an
   * update timestamp). NULLs rank last. For `scd2`, versions are ordered by `scd2.effectiveFrom` and this
   * ordering picks one row among rows of a key with the same effective time.
   */
  orderBy?: { column: string; descending: boolean }[];
  /** Columns updated when a key matches (default: every non-key data column the source provides). */
  updateColumns?: string[];
  /** Columns never updated when a key matches, only inserted (e.g. `created_at`). */
  excludeColumns?: string[];
  /** Source column → BigQuery type: cast with SAFE_CAST (NULL when the value does not convert). */
  casts?: Record<string, string>;
  /**
   * Limits the load to the rows whose `column` is at least `days` days before today (UTC), in the source
   * (rows outside are not loaded) and in the target (full_sync deletes, scd2 hard-delete closes). The column
   * must be a DATE, TIMESTAMP or DATETIME column of both.
   */
  window?: { column: string; days: number };
  /** Target columns filled with the load's start time (TIMESTAMP/DATETIME/DATE) and id (STRING). */
  audit?: { loadTime?: string; loadId?: string };
  quality: QualityRule[];
  scd2?: {
    /** Target column: start of the version. */
    validFrom: string;
    /** Target column: end of the version (exclusive); NULL while current. */
    validTo: string;
    /** Target column (BOOLEAN): TRUE on the current version. */
    isCurrent: string;
    /** What to do with current versions whose key is missing from the source. */
    hardDeletes: 'ignore' | 'close';
    /** Columns whose change creates a version (default: every non-key data column except the ordering columns). */
    trackColumns?: string[];
    /**
     * Source column giving when each row became true (addition); default: the first `orderBy` column, or
     * else the load's start time (one version per key and load).
     */
    effectiveFrom?: string;
  };
  /** Run log + error log: see {@link logTableColumns}. */
  logTable: TableRef;
  /** `<target>_rejected` for quarantine: see {@link rejectedTableColumns}. */
  rejectedTable?: TableRef;
}

/** When a statement runs: `init`…`check` before the transaction, `change` inside it, `log` after COMMIT. */
export type StatementPhase = 'init' | 'stage' | 'check' | 'change' | 'log';

/** One generated statement (without a trailing semicolon). */
export interface RenderedStatement {
  /** What it does, e.g. `stage`, `quality:amount_positive`, `merge`. */
  readonly step: string;
  readonly phase: StatementPhase;
  readonly sql: string;
  /** Script variable that the number of rows the statement changed is added to (`@@row_count`). */
  readonly addRowCountTo?: string;
  /**
   * A `fail` quality check: the statement stores the number of bad rows in `variable`; the load must stop
   * when it is positive, with {@link qualityFailureMessage}.
   */
  readonly failWhenPositive?: { readonly variable: string; readonly rule: string };
}

export { renderLoadProcedure, renderMappedLoadProcedure, type MappedProcedure } from './procedure';
export type { MarkedPiece, PieceRange } from './fragments';
export { renderLoadStatements, qualityFailureMessage } from './statements';
export { logTableColumns, rejectedTableColumns } from './tables';
