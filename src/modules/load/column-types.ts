/**
 * Column lookups and type rules of loads: which source types a target column accepts (GoogleSQL's implicit
 * coercions on INSERT and MERGE) and which types a CAST converts between.
 */
import { canonicalType, type CanonicalColumn, type CanonicalType } from '../table';

/** Types a time window or a time-unit partition filter works on. */
export const TIME_TYPES: readonly CanonicalType[] = ['DATE', 'DATETIME', 'TIMESTAMP'];

/** Finds a column by name; BigQuery column names are case-insensitive. */
export function findColumn(columns: readonly CanonicalColumn[], name: string): CanonicalColumn | undefined {
  const lower = name.toLowerCase();
  return columns.find((c) => c.name.toLowerCase() === lower);
}

/** GoogleSQL's spelling of a canonical type, for messages and casts (`INTEGER` → `INT64`). */
export function sqlTypeName(type: CanonicalType): string {
  const names: Partial<Record<CanonicalType, string>> = { INTEGER: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL', RECORD: 'STRUCT' };
  return names[type] ?? type;
}

/** A column's type as people read it: `ARRAY<STRING>`, `STRUCT<a INT64>`, `NUMERIC`. */
export function describeType(column: Pick<CanonicalColumn, 'type' | 'mode' | 'fields'>): string {
  const base =
    column.type === 'RECORD' ? `STRUCT<${(column.fields ?? []).map((f) => `${f.name} ${describeType(f)}`).join(', ')}>` : sqlTypeName(column.type);
  return column.mode === 'REPEATED' ? `ARRAY<${base}>` : base;
}

/** Implicit coercions GoogleSQL applies when a value is written to a column of another type. */
const COERCIONS: Readonly<Partial<Record<CanonicalType, readonly CanonicalType[]>>> = {
  INTEGER: ['NUMERIC', 'BIGNUMERIC', 'FLOAT'],
  NUMERIC: ['BIGNUMERIC', 'FLOAT'],
  BIGNUMERIC: ['FLOAT'],
  DATE: ['DATETIME'],
};

/**
 * Why a source column cannot be written to a target column, or undefined when it can. `sourceType`
 * replaces the source column's type when the load casts it.
 */
export function incompatibility(source: CanonicalColumn, target: CanonicalColumn, sourceType: CanonicalType = source.type): string | undefined {
  if ((source.mode === 'REPEATED') !== (target.mode === 'REPEATED')) {
    return source.mode === 'REPEATED' ? 'the source column is an array and the target column is not' : 'the target column is an array and the source column is not';
  }
  if (sourceType === 'RECORD' && target.type === 'RECORD') return recordIncompatibility(source.fields ?? [], target.fields ?? []);
  if (sourceType === target.type || (COERCIONS[sourceType] ?? []).includes(target.type)) return undefined;
  return `${sqlTypeName(sourceType)} does not convert to ${sqlTypeName(target.type)} implicitly`;
}

/** STRUCT values are written field by field, in order. */
function recordIncompatibility(source: readonly CanonicalColumn[], target: readonly CanonicalColumn[]): string | undefined {
  if (source.length !== target.length) return `the source STRUCT has ${source.length} fields and the target STRUCT ${target.length}`;
  for (let i = 0; i < source.length; i++) {
    if (source[i].name.toLowerCase() !== target[i].name.toLowerCase()) return `STRUCT field ${i + 1} is "${source[i].name}" in the source and "${target[i].name}" in the target`;
    const inner = incompatibility(source[i], target[i]);
    if (inner) return `STRUCT field "${source[i].name}": ${inner}`;
  }
  return undefined;
}

/** What CAST converts between (GoogleSQL conversion rules); STRING converts to and from every listed type. */
const CASTS: Readonly<Partial<Record<CanonicalType, readonly CanonicalType[]>>> = {
  INTEGER: ['INTEGER', 'NUMERIC', 'BIGNUMERIC', 'FLOAT', 'BOOLEAN', 'STRING'],
  NUMERIC: ['INTEGER', 'NUMERIC', 'BIGNUMERIC', 'FLOAT', 'STRING'],
  BIGNUMERIC: ['INTEGER', 'NUMERIC', 'BIGNUMERIC', 'FLOAT', 'STRING'],
  FLOAT: ['INTEGER', 'NUMERIC', 'BIGNUMERIC', 'FLOAT', 'STRING'],
  BOOLEAN: ['BOOLEAN', 'INTEGER', 'STRING'],
  STRING: ['STRING', 'BYTES', 'INTEGER', 'NUMERIC', 'BIGNUMERIC', 'FLOAT', 'BOOLEAN', 'DATE', 'DATETIME', 'TIMESTAMP', 'TIME', 'GEOGRAPHY', 'JSON'],
  BYTES: ['BYTES', 'STRING'],
  DATE: ['DATE', 'DATETIME', 'TIMESTAMP', 'STRING'],
  DATETIME: ['DATE', 'DATETIME', 'TIMESTAMP', 'TIME', 'STRING'],
  TIMESTAMP: ['DATE', 'DATETIME', 'TIMESTAMP', 'TIME', 'STRING'],
  TIME: ['TIME', 'STRING'],
  GEOGRAPHY: ['GEOGRAPHY', 'STRING'],
  JSON: ['JSON', 'STRING'],
};

/** Types a cast may name. */
export const CAST_TYPES: readonly CanonicalType[] = ['STRING', 'BYTES', 'INTEGER', 'NUMERIC', 'BIGNUMERIC', 'FLOAT', 'BOOLEAN', 'DATE', 'DATETIME', 'TIMESTAMP', 'TIME', 'GEOGRAPHY', 'JSON'];

/** The canonical type a cast names (`INT64` → `INTEGER`), or undefined when it is not a type a cast may name. */
export function castType(written: string): CanonicalType | undefined {
  const type = canonicalType(written);
  return type !== undefined && CAST_TYPES.includes(type) ? type : undefined;
}

/** True when CAST(<from> AS <to>) is valid GoogleSQL. */
export function castable(from: CanonicalType, to: CanonicalType): boolean {
  return from === to || (CASTS[from] ?? []).includes(to);
}
