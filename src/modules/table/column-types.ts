/**
 * BigQuery column types: the canonical names the API returns, and the aliases users may write.
 * Synthesis must emit canonical names: the provider treats `STRUCT` ≠ `RECORD` and `DECIMAL` ≠ `NUMERIC`
 * as type changes and would replace the table (reference/gcp-domain.md §2.2).
 */

/** Type names as the BigQuery API returns them. */
export const CANONICAL_TYPES = [
  'STRING',
  'BYTES',
  'INTEGER',
  'FLOAT',
  'NUMERIC',
  'BIGNUMERIC',
  'BOOLEAN',
  'TIMESTAMP',
  'DATE',
  'TIME',
  'DATETIME',
  'GEOGRAPHY',
  'JSON',
  'RECORD',
  'RANGE',
] as const;

/** A canonical BigQuery column type. */
export type CanonicalType = (typeof CANONICAL_TYPES)[number];

/** Accepted spellings that are not canonical, and the canonical type each stands for. */
export const TYPE_ALIASES: Readonly<Record<string, CanonicalType>> = {
  INT64: 'INTEGER',
  FLOAT64: 'FLOAT',
  BOOL: 'BOOLEAN',
  STRUCT: 'RECORD',
  DECIMAL: 'NUMERIC',
  BIGDECIMAL: 'BIGNUMERIC',
};

/** Every spelling accepted in `type` (upper case; matching is case-insensitive). */
export const ACCEPTED_TYPE_NAMES: readonly string[] = [...CANONICAL_TYPES, ...Object.keys(TYPE_ALIASES)];

/** The canonical type of a written type name, or undefined when BigQuery has no such type. */
export function canonicalType(written: string): CanonicalType | undefined {
  const upper = written.trim().toUpperCase();
  if ((CANONICAL_TYPES as readonly string[]).includes(upper)) return upper as CanonicalType;
  return TYPE_ALIASES[upper];
}

/** Types a column may be clustered on (reference/gcp-domain.md §2.4). */
export const CLUSTERABLE_TYPES: readonly CanonicalType[] = [
  'BIGNUMERIC',
  'BOOLEAN',
  'DATE',
  'DATETIME',
  'GEOGRAPHY',
  'INTEGER',
  'NUMERIC',
  'RANGE',
  'STRING',
  'TIMESTAMP',
];

/** Types a time-unit partitioning column may have. */
export const TIME_PARTITION_TYPES: readonly CanonicalType[] = ['DATE', 'TIMESTAMP', 'DATETIME'];

/** Element types of a RANGE column. */
export const RANGE_ELEMENT_TYPES = ['DATE', 'DATETIME', 'TIMESTAMP'] as const;

/** Limits of `precision` (P) and `scale` (S) per parameterized numeric type. */
export const NUMERIC_LIMITS: Readonly<Partial<Record<CanonicalType, { maxScale: number; maxDigits: number }>>> = {
  NUMERIC: { maxScale: 9, maxDigits: 29 },
  BIGNUMERIC: { maxScale: 38, maxDigits: 38 },
};

/**
 * A hint for type names people write by habit from SQL DDL (`STRING(64)`, `ARRAY<STRING>`, `BIGINT`),
 * or undefined.
 */
export function typeSpellingHint(written: string): string | undefined {
  const upper = written.trim().toUpperCase();
  const param = /^(STRING|BYTES)\s*\(\s*(\d+)\s*\)$/.exec(upper);
  if (param) return `Write "type: ${param[1]}" and "max_length: ${param[2]}".`;
  const numeric = /^(NUMERIC|BIGNUMERIC|DECIMAL|BIGDECIMAL)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(upper);
  if (numeric) return `Write "type: ${numeric[1]}", "precision: ${numeric[2]}"${numeric[3] ? ` and "scale: ${numeric[3]}"` : ''}.`;
  const array = /^ARRAY\s*<\s*(.+)>$/.exec(upper);
  if (array) return `Write "type: ${array[1].trim()}" and "mode: REPEATED".`;
  if (/^STRUCT\s*</.test(upper)) return 'Write "type: RECORD" and list the nested columns under "fields".';
  if (/^RANGE\s*<\s*(DATE|DATETIME|TIMESTAMP)\s*>$/.test(upper)) return `Write "type: RANGE" and "range_element_type: ${/<\s*(\w+)/.exec(upper)![1]}".`;
  if (['INT', 'SMALLINT', 'BIGINT', 'TINYINT', 'BYTEINT'].includes(upper)) return 'Write "type: INTEGER" (or INT64).';
  return undefined;
}
