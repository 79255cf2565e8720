import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the Dataplex data quality scan module. */
export const DATAQUALITY_CODES = {
  GDP670: { severity: 'error', title: 'Column not in the table', hint: 'Use a column of the table’s schema (nested columns as record.field).' },
  GDP671: { severity: 'error', title: 'Rule does not accept the column’s type', hint: 'Pick a rule that fits the column’s type, or another column.' },
  GDP672: { severity: 'error', title: 'Field does not apply to this rule', hint: 'Remove the field: this kind of rule does not use it.' },
  GDP673: { severity: 'error', title: 'Rule is missing a field', hint: 'Add the field this kind of rule needs.' },
  GDP674: { severity: 'error', title: 'Threshold out of range', hint: 'A threshold is the share of rows that must pass: a number above 0 and at most 1 (e.g. 0.99).' },
  GDP675: { severity: 'error', title: 'Incremental column not usable', hint: 'Scan incrementally on a top-level DATE or TIMESTAMP column, or on the table’s partition column ("partition").' },
  GDP676: { severity: 'error', title: 'Value does not fit the column', hint: 'Write bounds of the column’s type (numbers for numbers, "2024-01-31" for dates), with min at most max.' },
  GDP677: { severity: 'error', title: 'Duplicate rule name', hint: 'Give each rule of a scan its own name.' },
  GDP678: { severity: 'error', title: 'Scanned table unknown', hint: 'Name a table declared in configuration/tables/ (table: orders_v1) or write ${tables["orders_v1"].reference}.' },
  GDP679: {
    severity: 'error',
    title: 'Export table is a declared table',
    hint: 'Export to a table id no file in configuration/tables/ declares (default dq_results): Dataplex creates the results table with its own schema.',
  },
} as const satisfies CodeTable;

/** A code of this module. */
export type DataQualityCode = keyof typeof DATAQUALITY_CODES;
