/**
 * The column and table shapes the SQL library works with (re-exported by `spec.ts`).
 */

/** A column of a table, with its canonical BigQuery table type. */
export interface SqlColumn {
  /** Column name: `[A-Za-z_][A-Za-z0-9_]*`. */
  name: string;
  /**
   * Canonical BigQuery table type: STRING, INTEGER, FLOAT, NUMERIC, BIGNUMERIC, BOOLEAN, TIMESTAMP, DATE,
   * DATETIME, TIME, BYTES, JSON, GEOGRAPHY, RECORD. Standard SQL spellings (INT64, FLOAT64, BOOL, STRUCT,
   * DECIMAL) and parameterized types (`NUMERIC(18,2)`, `STRING(10)`) are accepted too.
   */
  type: string;
  mode: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  /**
   * Sub-columns of a RECORD column; needed only where the type must be written out (LOAD DATA's column
   * list, test tables). Optional addition to the agreed interface.
   */
  fields?: SqlColumn[];
}

/** A BigQuery table: rendered quoted by the dialect (`` `project`.`dataset`.`table` ``). */
export interface TableRef {
  /** GCP project id (6–30 lowercase letters, digits or hyphens, starting with a letter). */
  project: string;
  /** Dataset id: letters, digits and `_`. */
  dataset: string;
  /** Table id: letters, digits and `_`. */
  table: string;
}

/** Time-unit partitioning granularity. */
export type PartitionGranularity = 'HOUR' | 'DAY' | 'MONTH' | 'YEAR';

/** Types a time-unit partitioning (or window) column may have. */
export type TimeColumnType = 'DATE' | 'TIMESTAMP' | 'DATETIME';
