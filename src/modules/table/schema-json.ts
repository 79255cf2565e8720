/**
 * Pure views of a table's columns for synthesis and the SQL checker: canonical types, defaulted modes,
 * and the BigQuery API schema JSON.
 */
import { canonicalType, type CanonicalType } from './column-types';
import type { ColumnConfig } from './schema';

/**
 * The least a column needs to be made canonical: a table file's column, a load's SQL column, an existing
 * table's column.
 */
export type ColumnLike = Pick<ColumnConfig, 'name' | 'type'> & Partial<Omit<ColumnConfig, 'name' | 'type' | 'fields'>> & { readonly fields?: readonly ColumnLike[] };

/** A column with its canonical type and mode; what every later stage works with. */
export interface CanonicalColumn extends Omit<ColumnConfig, 'type' | 'mode' | 'fields'> {
  readonly type: CanonicalType;
  readonly mode: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  readonly fields?: readonly CanonicalColumn[];
}

/** A field of the BigQuery API's `TableFieldSchema`, as the provider's `schema` JSON expects it. */
export interface ApiField {
  readonly name: string;
  readonly type: CanonicalType;
  readonly mode: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  readonly description?: string;
  readonly fields?: readonly ApiField[];
  /** int64 values are strings in the API; numbers would show as a permanent diff. */
  readonly maxLength?: string;
  readonly precision?: string;
  readonly scale?: string;
  readonly roundingMode?: string;
  readonly defaultValueExpression?: string;
  readonly policyTags?: { readonly names: readonly string[] };
  readonly collation?: string;
  readonly rangeElementType?: { readonly type: string };
}

/**
 * The table's columns with canonical type names (`INT64` → `INTEGER`, `STRUCT` → `RECORD`, …) and
 * `mode` defaulted to NULLABLE. Call it on a configuration that passed the module's checks; an unknown
 * type is kept upper-cased.
 */
export function canonicalColumns(config: { readonly schema: readonly ColumnLike[] }): CanonicalColumn[] {
  return config.schema.map(canonicalColumn);
}

function canonicalColumn(column: ColumnLike): CanonicalColumn {
  const { fields, ...rest } = column;
  return {
    ...rest,
    type: canonicalType(column.type) ?? (column.type.trim().toUpperCase() as CanonicalType),
    mode: column.mode ?? 'NULLABLE',
    ...(fields ? { fields: fields.map(canonicalColumn) } : {}),
  };
}

/** The table's schema as the BigQuery API (and the provider's `schema` attribute) expects it. */
export function bigQuerySchemaJson(config: { readonly schema: readonly ColumnLike[] }): ApiField[] {
  return canonicalColumns(config).map(apiField);
}

function apiField(c: CanonicalColumn): ApiField {
  const field: { -readonly [K in keyof ApiField]: ApiField[K] } = { name: c.name, type: c.type, mode: c.mode };
  if (c.description !== undefined) field.description = c.description;
  if (c.fields) field.fields = c.fields.map(apiField);
  if (c.max_length !== undefined) field.maxLength = String(c.max_length);
  if (c.precision !== undefined) field.precision = String(c.precision);
  if (c.scale !== undefined) field.scale = String(c.scale);
  if (c.rounding_mode !== undefined) field.roundingMode = c.rounding_mode;
  if (c.default_value_expression !== undefined) field.defaultValueExpression = c.default_value_expression;
  if (c.policy_tags && c.policy_tags.length > 0) field.policyTags = { names: [...c.policy_tags] };
  if (c.collation !== undefined) field.collation = c.collation;
  if (c.range_element_type !== undefined) field.rangeElementType = { type: c.range_element_type };
  return field;
}
