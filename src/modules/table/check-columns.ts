/**
 * Rules on a table's columns (reference/gcp-domain.md §2.2): names, types, nesting, and options that only
 * some types take. Each problem is reported at the offending YAML value.
 */
import type { TableCode } from './codes';
import type { Reporter } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { didYouMean } from '../../core/suggest';
import { ACCEPTED_TYPE_NAMES, canonicalType, NUMERIC_LIMITS, typeSpellingHint, type CanonicalType } from './column-types';
import type { ColumnConfig } from './schema';
import type { ColumnLike } from './schema-json';

/** BigQuery's limits on a schema. */
export const SCHEMA_LIMITS = { maxColumns: 10_000, maxRecordDepth: 15, maxNameLength: 300 } as const;

/** Column name prefixes BigQuery reserves (compared case-insensitively). */
export const RESERVED_PREFIXES = [
  '_TABLE_',
  '_FILE_',
  '_PARTITION',
  '_ROW_TIMESTAMP',
  '__ROOT__',
  '_COLIDENTIFIER',
  '_CHANGE_TYPE',
  '_CHANGE_SEQUENCE_NUMBER',
  '_CHANGE_TIMESTAMP',
] as const;

const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Options that only some column types take: option → the types that accept it. */
const TYPED_OPTIONS: readonly { key: keyof ColumnConfig; types: readonly CanonicalType[] }[] = [
  { key: 'max_length', types: ['STRING', 'BYTES'] },
  { key: 'precision', types: ['NUMERIC', 'BIGNUMERIC'] },
  { key: 'scale', types: ['NUMERIC', 'BIGNUMERIC'] },
  { key: 'rounding_mode', types: ['NUMERIC', 'BIGNUMERIC'] },
  { key: 'collation', types: ['STRING'] },
  { key: 'range_element_type', types: ['RANGE'] },
];

/** Checks every column of a schema, nested ones included. */
export function checkColumns(columns: readonly ColumnLike[], report: Reporter<TableCode>): void {
  const state = { count: 0, tooMany: false };
  checkLevel(columns, ['schema'], 0, state, report);
}

function checkLevel(
  columns: readonly ColumnLike[],
  at: ValuePath,
  recordDepth: number,
  state: { count: number; tooMany: boolean },
  report: Reporter<TableCode>,
): void {
  const seen = new Map<string, number>();
  columns.forEach((column, i) => {
    const path = [...at, i];
    state.count++;
    if (state.count > SCHEMA_LIMITS.maxColumns && !state.tooMany) {
      state.tooMany = true;
      report('GDP518', [...path, 'name'], `column "${column.name}" is column number ${state.count.toLocaleString('en-US')}; a table may have at most ${SCHEMA_LIMITS.maxColumns.toLocaleString('en-US')} columns, nested fields included`);
    }
    checkName(column.name, path, report);
    const lower = column.name.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) {
      report('GDP514', [...path, 'name'], `column "${column.name}" is declared twice at this level (also ${describePath([...at, first])}, "${columns[first].name}"); column names are case-insensitive`);
    } else {
      seen.set(lower, i);
    }
    const type = checkType(column, path, report);
    if (type === 'RECORD' && recordDepth + 1 > SCHEMA_LIMITS.maxRecordDepth) {
      report('GDP517', [...path, 'type'], `RECORD column "${column.name}" is nested ${recordDepth + 1} levels deep; BigQuery allows at most ${SCHEMA_LIMITS.maxRecordDepth}`);
      return;
    }
    if (column.fields) checkLevel(column.fields, [...path, 'fields'], recordDepth + 1, state, report);
  });
}

/** Checks a column's name; `columnPath` is the column's (the name's path is built only for a report). */
function checkName(name: string, columnPath: ValuePath, report: Reporter<TableCode>): void {
  const path = (): ValuePath => [...columnPath, 'name'];
  if (!COLUMN_NAME.test(name)) {
    const why = /^[0-9]/.test(name) ? 'starts with a digit' : 'holds characters other than letters, digits and "_"';
    report('GDP512', path(), `column name "${name}" ${why}; use letters, digits and "_", starting with a letter or "_"`);
  } else if (name.length > SCHEMA_LIMITS.maxNameLength) {
    report('GDP512', path(), `column name "${name.slice(0, 20)}…" is ${name.length} characters long; the limit is ${SCHEMA_LIMITS.maxNameLength}`);
  }
  const upper = name.toUpperCase();
  const reserved = RESERVED_PREFIXES.find((p) => upper.startsWith(p));
  if (reserved) report('GDP513', path(), `column name "${name}" starts with "${reserved}", a prefix BigQuery reserves for its pseudo-columns`);
}

/** Checks the type and the options that depend on it; returns the canonical type when it is known. */
function checkType(column: ColumnLike, path: ValuePath, report: Reporter<TableCode>): CanonicalType | undefined {
  const type = canonicalType(column.type);
  if (!type) {
    report('GDP515', [...path, 'type'], `column "${column.name}" has type "${column.type}", which BigQuery does not know.${didYouMean(column.type, ACCEPTED_TYPE_NAMES)}`, {
      hint: typeSpellingHint(column.type),
    });
    return undefined;
  }
  if (type === 'RECORD' && !column.fields) {
    report('GDP516', [...path, 'type'], `RECORD column "${column.name}" has no nested "fields"; list its columns under "fields"`);
  }
  if (type !== 'RECORD' && column.fields) {
    report('GDP516', [...path, 'fields'], `column "${column.name}" is ${type} but has nested "fields"; only RECORD (STRUCT) columns have them`, {
      key: true,
      hint: 'Change the type to RECORD, or remove "fields".',
    });
  }
  if (type === 'RANGE' && column.range_element_type === undefined) {
    report('GDP521', [...path, 'type'], `RANGE column "${column.name}" has no "range_element_type"; BigQuery needs DATE, DATETIME or TIMESTAMP`);
  }
  for (const option of TYPED_OPTIONS) {
    if (column[option.key] === undefined || option.types.includes(type)) continue;
    report('GDP519', [...path, option.key], `"${option.key}" only applies to ${option.types.join(' and ')} columns, but column "${column.name}" is ${type}`, {
      key: true,
    });
  }
  checkNumericParameters(column, type, path, report);
  return type;
}

function checkNumericParameters(column: ColumnLike, type: CanonicalType, path: ValuePath, report: Reporter<TableCode>): void {
  const limits = NUMERIC_LIMITS[type];
  if (!limits) return;
  const { precision, scale } = column;
  if (scale !== undefined && precision === undefined) {
    report('GDP520', [...path, 'scale'], `${type} column "${column.name}" has scale ${scale} but no precision; scale needs precision`);
    return;
  }
  if (scale !== undefined && scale > limits.maxScale) {
    report('GDP520', [...path, 'scale'], `${type} column "${column.name}" has scale ${scale}; the scale of ${type} is 0–${limits.maxScale}`);
    return;
  }
  if (precision === undefined) return;
  const digits = precision - (scale ?? 0);
  if (digits < 1 || digits > limits.maxDigits) {
    report('GDP520', [...path, 'precision'], `${type} column "${column.name}" has precision ${precision} and scale ${scale ?? 0}, leaving ${digits} digits before the decimal point; ${type} allows 1–${limits.maxDigits}`);
  }
}

/** `schema[2].fields[0]`, for messages. */
export function describePath(path: ValuePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
