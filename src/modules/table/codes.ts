import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the table module. */
export const TABLE_CODES = {
  GDP510: { severity: 'error', title: 'Table file name does not match table_id and version', hint: 'Name the file <table_id>_v<version>.yaml, or change table_id/version to match the file name.' },
  GDP511: { severity: 'error', title: 'Invalid table id', hint: 'Use letters, digits and "_" only (e.g. transactions).' },
  GDP512: { severity: 'error', title: 'Invalid column name', hint: 'Column names hold letters, digits and "_", start with a letter or "_", and are at most 300 characters.' },
  GDP513: { severity: 'error', title: 'Reserved column name', hint: 'Rename the column: BigQuery reserves names starting with _TABLE_, _FILE_, _PARTITION, _ROW_TIMESTAMP, __ROOT__, _COLIDENTIFIER and _CHANGE_.' },
  GDP514: { severity: 'error', title: 'Duplicate column name', hint: 'Rename or remove one of the columns: BigQuery column names are case-insensitive.' },
  GDP515: { severity: 'error', title: 'Unknown column type', hint: 'Use one of STRING, BYTES, INTEGER, FLOAT, NUMERIC, BIGNUMERIC, BOOLEAN, TIMESTAMP, DATE, TIME, DATETIME, GEOGRAPHY, JSON, RECORD, RANGE.' },
  GDP516: { severity: 'error', title: 'Nested fields do not match the column type', hint: 'Give a RECORD (STRUCT) column its nested `fields`; remove `fields` from columns of other types.' },
  GDP517: { severity: 'error', title: 'RECORD columns nested too deep', hint: 'BigQuery allows at most 15 levels of nested RECORD columns; flatten the schema.' },
  GDP518: { severity: 'error', title: 'Too many columns', hint: 'BigQuery allows at most 10,000 columns per table, nested fields included; split the table.' },
  GDP519: { severity: 'error', title: 'Column option not valid for the column type', hint: 'Remove the option, or change the column type to one that takes it.' },
  GDP520: { severity: 'error', title: 'Precision or scale out of range', hint: 'NUMERIC: 0 ≤ scale ≤ 9 and 1 ≤ precision − scale ≤ 29; BIGNUMERIC: 0 ≤ scale ≤ 38 and 1 ≤ precision − scale ≤ 38; scale needs precision.' },
  GDP521: { severity: 'error', title: 'RANGE column without element type', hint: 'Add `range_element_type: DATE` (or DATETIME, TIMESTAMP) to the RANGE column.' },
  GDP522: { severity: 'error', title: 'Invalid partitioning column', hint: 'Partition on a top-level, non-repeated column: DATE, TIMESTAMP or DATETIME for time_partitioning, INTEGER for range_partitioning.' },
  GDP523: { severity: 'error', title: 'Partition granularity does not fit the column type', hint: 'DATE columns take DAY, MONTH or YEAR; HOUR needs a TIMESTAMP or DATETIME column.' },
  GDP524: { severity: 'error', title: 'Invalid integer range', hint: 'Use start < end, a positive interval, and at most 10,000 partitions ((end − start) / interval).' },
  GDP525: { severity: 'error', title: 'Conflicting partitioning options', hint: 'Use either time_partitioning or range_partitioning; require_partition_filter needs one of them.' },
  GDP526: { severity: 'error', title: 'Invalid clustering', hint: 'Cluster on at most 4 distinct top-level, non-repeated columns of type BIGNUMERIC, BOOLEAN, DATE, DATETIME, GEOGRAPHY, INTEGER, NUMERIC, RANGE, STRING or TIMESTAMP.' },
  GDP527: { severity: 'error', title: 'Invalid primary key', hint: 'List distinct top-level, non-repeated columns of the table in primary_key.' },
  GDP528: { severity: 'error', title: 'Invalid policy tag', hint: 'Write the policy tag’s resource name: projects/<project>/locations/<location>/taxonomies/<id>/policyTags/<id>.' },
  GDP529: { severity: 'warning', title: 'Table expiration is in the past', hint: 'Remove expiration_time or set a future time (milliseconds since 1970-01-01 UTC): BigQuery deletes an expired table.' },
} as const satisfies CodeTable;

/** A code of this module. */
export type TableCode = keyof typeof TABLE_CODES;
