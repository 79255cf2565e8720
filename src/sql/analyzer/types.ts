/**
 * ZetaSQL `TypeProto`s: built from table columns, and cleaned from analyzer responses (which return
 * enums as numbers and every optional field as null) so they can be sent back in a catalog.
 */
import type { CanonicalColumn } from '../../modules/table';

/** A ZetaSQL type as sent in requests (`typeKind` by name, or by number as responses give it). */
export interface SqlType {
  readonly typeKind: string | number;
  readonly arrayType?: { readonly elementType: SqlType };
  readonly structType?: { readonly field: readonly { readonly fieldName: string; readonly fieldType: SqlType }[] };
  readonly rangeType?: { readonly elementType: SqlType };
}

/** ZetaSQL type kinds of BigQuery's column types (FLOAT is ZetaSQL's DOUBLE). */
const COLUMN_TYPE_KINDS: Readonly<Record<string, string>> = {
  STRING: 'TYPE_STRING',
  BYTES: 'TYPE_BYTES',
  INTEGER: 'TYPE_INT64',
  FLOAT: 'TYPE_DOUBLE',
  NUMERIC: 'TYPE_NUMERIC',
  BIGNUMERIC: 'TYPE_BIGNUMERIC',
  BOOLEAN: 'TYPE_BOOL',
  TIMESTAMP: 'TYPE_TIMESTAMP',
  DATE: 'TYPE_DATE',
  TIME: 'TYPE_TIME',
  DATETIME: 'TYPE_DATETIME',
  GEOGRAPHY: 'TYPE_GEOGRAPHY',
  JSON: 'TYPE_JSON',
  INTERVAL: 'TYPE_INTERVAL',
};

/** A simple type by kind name (`TYPE_INT64`). */
export function simpleType(kind: string): SqlType {
  return { typeKind: kind };
}

/**
 * The ZetaSQL type of a table column: RECORD → STRUCT of its fields, RANGE → RANGE<element>, and
 * REPEATED → ARRAY. Undefined for a type the table module has already reported as unknown.
 */
export function columnType(column: CanonicalColumn): SqlType | undefined {
  const element = elementType(column);
  if (!element) return undefined;
  return column.mode === 'REPEATED' ? { typeKind: 'TYPE_ARRAY', arrayType: { elementType: element } } : element;
}

function elementType(column: CanonicalColumn): SqlType | undefined {
  if (column.type === 'RECORD') {
    const fields = (column.fields ?? []).map((f) => ({ fieldName: f.name, fieldType: columnType(f) }));
    if (fields.length === 0 || fields.some((f) => f.fieldType === undefined)) return undefined;
    return { typeKind: 'TYPE_STRUCT', structType: { field: fields as { fieldName: string; fieldType: SqlType }[] } };
  }
  if (column.type === 'RANGE') {
    const inner = column.range_element_type ? COLUMN_TYPE_KINDS[column.range_element_type] : undefined;
    return inner ? { typeKind: 'TYPE_RANGE', rangeType: { elementType: simpleType(inner) } } : undefined;
  }
  const kind = COLUMN_TYPE_KINDS[column.type];
  return kind ? simpleType(kind) : undefined;
}

/** A type from an analyzer response, without its null fields; undefined when it is not a type. */
export function cleanType(raw: unknown): SqlType | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const t = raw as Record<string, unknown>;
  if (t.typeKind === undefined || t.typeKind === null) return undefined;
  const typeKind = t.typeKind as string | number;
  const array = t.arrayType as { elementType?: unknown } | null | undefined;
  if (array) {
    const element = cleanType(array.elementType);
    return element ? { typeKind, arrayType: { elementType: element } } : undefined;
  }
  const struct = t.structType as { field?: { fieldName?: string; fieldType?: unknown }[] } | null | undefined;
  if (struct) {
    const field: { fieldName: string; fieldType: SqlType }[] = [];
    for (const f of struct.field ?? []) {
      const fieldType = cleanType(f.fieldType);
      if (!fieldType) return undefined;
      field.push({ fieldName: f.fieldName ?? '', fieldType });
    }
    return { typeKind, structType: { field } };
  }
  const range = t.rangeType as { elementType?: unknown } | null | undefined;
  if (range) {
    const element = cleanType(range.elementType);
    return element ? { typeKind, rangeType: { elementType: element } } : undefined;
  }
  return { typeKind };
}
