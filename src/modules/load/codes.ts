import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the load module. */
export const LOAD_CODES = {
  GDP590: { severity: 'error', title: 'Invalid load name', hint: 'Name the file with lowercase letters, digits and "_", starting with a letter (e.g. transactions_upsert.yaml).' },
  GDP591: { severity: 'error', title: 'Invalid load source', hint: 'Give source exactly one of table (with an optional filter), query, or files (with optional columns).' },
  GDP592: { severity: 'error', title: 'Unknown column', hint: 'Use a column of the table named in the message (see its schema), or add the column there.' },
  GDP593: { severity: 'error', title: 'Incompatible column types', hint: 'Make the types match, or convert the source column with casts: { <column>: <target type> }.' },
  GDP594: { severity: 'error', title: 'Keys or column lists do not fit the pattern', hint: 'upsert, full_sync and scd2 need keys; update_columns and exclude_columns name non-key target columns.' },
  GDP595: { severity: 'error', title: 'SCD2 column missing or of the wrong type', hint: 'Add the column to the target table with the type shown, or name another column under scd2.' },
  GDP596: { severity: 'error', title: 'Audit column missing or of the wrong type', hint: 'Add the column to the target table (load_time: TIMESTAMP, load_id: STRING), or remove it from audit.' },
  GDP597: { severity: 'error', title: 'partition_replace needs a column-partitioned target', hint: 'Partition the target table on a column (time_partitioning.field or range_partitioning), or use another pattern.' },
  GDP598: { severity: 'error', title: 'Invalid SQL identifier', hint: 'Write column and rule names with letters, digits and "_", starting with a letter or "_" (no backticks or quotes).' },
  GDP599: { severity: 'error', title: 'Invalid file source', hint: 'Write uris as gs://<bucket>/<path> with at most one "*", and give CSV options only for format CSV.' },
  GDP600: { severity: 'error', title: 'Invalid cast', hint: 'Cast to a BigQuery type the source column converts to: STRING, INT64, NUMERIC, BIGNUMERIC, FLOAT64, BOOL, DATE, DATETIME, TIMESTAMP, TIME, BYTES or JSON.' },
  GDP601: { severity: 'error', title: 'Invalid quality rule', hint: 'not_null and unique need columns, accepted_values needs one column and values, condition needs a condition; names are unique.' },
  GDP602: { severity: 'error', title: 'Required target column not filled', hint: 'Provide the column from the source, give it a default_value_expression in the table, or make it NULLABLE.' },
  GDP603: { severity: 'error', title: 'Invalid window', hint: 'window.column must be a DATE, DATETIME or TIMESTAMP column of the target.' },
  GDP604: { severity: 'error', title: 'Source and target are the same table', hint: 'Load from another table (a landing or staging table) into the target.' },
  GDP605: { severity: 'warning', title: 'Setting has no effect with this pattern', hint: 'Remove the setting, or choose a pattern that uses it.' },
  GDP606: { severity: 'warning', title: 'Trigger bucket is not the files’ bucket', hint: 'Trigger on the bucket the source files are read from.' },
} as const satisfies CodeTable;

/** A code of this module. */
export type LoadCode = keyof typeof LOAD_CODES;
