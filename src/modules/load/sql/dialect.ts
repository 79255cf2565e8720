/**
 * The only place where BigQuery and DuckDB differ. Generated statements are one text with dialect calls
 * for: identifier quoting, table references, casts and type names, literals, script variables, and a few
 * function names (current timestamp, UUID, date arithmetic, JSON text). DuckDB exists so tests can
 * execute the generated logic on fixture rows (reference/zetasql-notes.md, last section).
 *
 * Identifiers are validated here as a last line of defence: the load module rejects bad names with a
 * diagnostic first, so a name that fails here is a bug ({@link SqlInternalError}), and nothing a user
 * writes can break out of a quoted identifier.
 */
import { CANONICAL_TYPES, canonicalType } from '../../table/column-types';
import { SqlInternalError } from './errors';
import type { PartitionGranularity, SqlColumn, TableRef, TimeColumnType } from './types';

/** What differs between the SQL engines the generated statements run on. */
export interface Dialect {
  /** `bigquery` or `duckdb`; selects the one dialect-specific template (loading files). */
  readonly id: 'bigquery' | 'duckdb';
  /** A quoted column (or other) identifier; throws unless it matches `[A-Za-z_][A-Za-z0-9_]*`. */
  identifier(name: string): string;
  /** A quoted, fully qualified table reference. */
  table(ref: TableRef): string;
  /** The engine's name for a BigQuery scalar type (`INTEGER` → `INT64` / `BIGINT`). */
  typeName(bigQueryType: string): string;
  /** The engine's type of a column, with its mode (`ARRAY<…>`) and RECORD fields (`STRUCT<…>`). */
  columnType(column: SqlColumn): string;
  /** A cast that yields NULL instead of failing (`SAFE_CAST` / `TRY_CAST`). */
  safeCast(expression: string, bigQueryType: string): string;
  /** A cast that fails on bad input. */
  cast(expression: string, bigQueryType: string): string;
  /** A string literal. */
  stringLiteral(value: string): string;
  /** The current timestamp (TIMESTAMP). */
  currentTimestamp(): string;
  /** A new random UUID as a STRING. */
  uuid(): string;
  /** Reads a script variable. */
  variable(name: string): string;
  /** Assigns the value of an expression (or a scalar subquery) to a script variable: a whole statement. */
  setVariable(name: string, expression: string): string;
  /** The DATE `days` days before today. */
  daysAgo(days: number): string;
  /** The start of the partition (of a time-unit partitioned column) that holds the value. */
  partitionStart(expression: string, type: TimeColumnType, granularity: PartitionGranularity): string;
  /** The start of the next partition, given the start of a partition. */
  nextPartitionStart(expression: string, type: TimeColumnType, granularity: PartitionGranularity): string;
  /** A JSON text of any value: makes values comparable that `=` cannot compare (JSON, ARRAY, STRUCT). */
  jsonText(expression: string): string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TABLE_PART = /^[A-Za-z0-9_]+$/;
// Same rule as environment.ts `project_id`.
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const VARIABLE = /^_gdp_[a-z0-9_]+$/;

/** Throws unless `name` is a plain identifier (column, alias). */
export function checkIdentifier(name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name) || name.length > 300) {
    throw new SqlInternalError(`${JSON.stringify(name)} is not a valid identifier ([A-Za-z_][A-Za-z0-9_]*, at most 300 characters)`);
  }
  return name;
}

function checkTableRef(ref: TableRef): TableRef {
  if (!PROJECT_ID.test(ref.project)) throw new SqlInternalError(`${JSON.stringify(ref.project)} is not a valid GCP project id`);
  for (const part of [ref.dataset, ref.table]) {
    if (typeof part !== 'string' || !TABLE_PART.test(part) || part.length > 1024) {
      throw new SqlInternalError(`${JSON.stringify(part)} is not a valid dataset or table id (letters, digits and "_")`);
    }
  }
  return ref;
}

function checkVariable(name: string): string {
  if (!VARIABLE.test(name)) throw new SqlInternalError(`${JSON.stringify(name)} is not a generated variable name (_gdp_…)`);
  return name;
}

/** A BigQuery type name split into its base (canonical spelling) and parameters. */
interface ParsedType {
  readonly base: string;
  readonly params: readonly number[];
}

// Scalars only: RECORD columns are written field by field and RANGE is not a load column type.
const SCALARS: readonly string[] = CANONICAL_TYPES.filter((t) => t !== 'RECORD' && t !== 'RANGE');
const PARAMETERIZED: Readonly<Record<string, number>> = { STRING: 1, BYTES: 1, NUMERIC: 2, BIGNUMERIC: 2 };

function parseType(type: string): ParsedType {
  const m = /^\s*([A-Za-z0-9]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/.exec(String(type));
  const base = m ? (canonicalType(m[1]) ?? m[1].toUpperCase()) : '';
  const params = m ? [m[2], m[3]].filter((p): p is string => p !== undefined).map(Number) : [];
  if (!m || !SCALARS.includes(base) || params.length > (PARAMETERIZED[base] ?? 0)) {
    throw new SqlInternalError(`${JSON.stringify(type)} is not a BigQuery scalar type this library can write`);
  }
  return { base, params };
}

const BIGQUERY_NAMES: Readonly<Record<string, string>> = { INTEGER: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL' };
const DUCKDB_NAMES: Readonly<Record<string, string>> = {
  STRING: 'VARCHAR',
  INTEGER: 'BIGINT',
  FLOAT: 'DOUBLE',
  NUMERIC: 'DECIMAL(38,9)',
  BIGNUMERIC: 'DECIMAL(38,9)',
  BOOLEAN: 'BOOLEAN',
  // BigQuery TIMESTAMP is an instant; DATETIME is a civil date-time.
  TIMESTAMP: 'TIMESTAMPTZ',
  DATE: 'DATE',
  DATETIME: 'TIMESTAMP',
  TIME: 'TIME',
  BYTES: 'BLOB',
  JSON: 'JSON',
  // DuckDB's GEOMETRY needs the spatial extension; tests keep geography as text.
  GEOGRAPHY: 'VARCHAR',
};

const bigQueryTypeName = (type: string): string => {
  const { base, params } = parseType(type);
  const name = BIGQUERY_NAMES[base] ?? base;
  return params.length ? `${name}(${params.join(', ')})` : name;
};

const duckDbTypeName = (type: string): string => {
  const { base, params } = parseType(type);
  if ((base === 'NUMERIC' || base === 'BIGNUMERIC') && params.length > 0) {
    const precision = Math.min(params[0], 38);
    return `DECIMAL(${precision},${Math.min(params[1] ?? 0, precision)})`;
  }
  return DUCKDB_NAMES[base];
};

const isRecord = (type: string): boolean => /^\s*(RECORD|STRUCT)\s*$/i.test(type);

function columnTypeWith(
  column: SqlColumn,
  scalar: (type: string) => string,
  struct: (fields: string[]) => string,
  array: (element: string) => string,
  quote: (name: string) => string,
): string {
  let element: string;
  if (isRecord(column.type)) {
    if (!column.fields?.length) throw new SqlInternalError(`RECORD column "${column.name}" has no fields to write its type`);
    element = struct(column.fields.map((f) => `${quote(f.name)} ${columnTypeWith(f, scalar, struct, array, quote)}`));
  } else {
    element = scalar(column.type);
  }
  return column.mode === 'REPEATED' ? array(element) : element;
}

const INTERVAL_UNITS: Readonly<Record<PartitionGranularity, string>> = { HOUR: 'HOUR', DAY: 'DAY', MONTH: 'MONTH', YEAR: 'YEAR' };

function checkPartitioning(type: TimeColumnType, granularity: PartitionGranularity): string {
  if (!['DATE', 'TIMESTAMP', 'DATETIME'].includes(type)) throw new SqlInternalError(`${type} cannot be a partitioning column type`);
  if (!(granularity in INTERVAL_UNITS)) throw new SqlInternalError(`${granularity} is not a partitioning granularity`);
  if (type === 'DATE' && granularity === 'HOUR') throw new SqlInternalError('a DATE column cannot be partitioned by HOUR');
  return INTERVAL_UNITS[granularity];
}

function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < 0) throw new SqlInternalError(`window days must be a non-negative integer, got ${days}`);
  return days;
}

/** One character of a BigQuery string literal: quotes and backslashes escaped, control characters as \\uXXXX. */
function bigQueryStringChar(c: string): string {
  if (c === '\\' || c === "'") return `\\${c}`;
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : c;
}

/** BigQuery (GoogleSQL) as run by generated procedures. */
export const bigQuery: Dialect = {
  id: 'bigquery',
  identifier: (name) => `\`${checkIdentifier(name)}\``,
  table(ref) {
    const { project, dataset, table } = checkTableRef(ref);
    return `\`${project}\`.\`${dataset}\`.\`${table}\``;
  },
  typeName: bigQueryTypeName,
  columnType: (column) =>
    columnTypeWith(column, bigQueryTypeName, (f) => `STRUCT<${f.join(', ')}>`, (e) => `ARRAY<${e}>`, bigQuery.identifier),
  safeCast: (expression, type) => `SAFE_CAST(${expression} AS ${bigQueryTypeName(type)})`,
  cast: (expression, type) => `CAST(${expression} AS ${bigQueryTypeName(type)})`,
  stringLiteral: (value) => `'${Array.from(String(value), bigQueryStringChar).join('')}'`,
  currentTimestamp: () => 'CURRENT_TIMESTAMP()',
  uuid: () => 'GENERATE_UUID()',
  variable: (name) => checkVariable(name),
  setVariable: (name, expression) => `SET ${checkVariable(name)} = (${expression})`,
  daysAgo: (days) => `DATE_SUB(CURRENT_DATE(), INTERVAL ${checkDays(days)} DAY)`,
  partitionStart(expression, type, granularity) {
    const unit = checkPartitioning(type, granularity);
    if (type === 'DATE') return unit === 'DAY' ? expression : `DATE_TRUNC(${expression}, ${unit})`;
    return `${type}_TRUNC(${expression}, ${unit})`;
  },
  nextPartitionStart(expression, type, granularity) {
    const unit = checkPartitioning(type, granularity);
    // TIMESTAMP_ADD stops at DAY: whole months and years go through DATETIME (UTC).
    if (type === 'TIMESTAMP' && (unit === 'MONTH' || unit === 'YEAR')) {
      return `TIMESTAMP(DATETIME_ADD(DATETIME(${expression}), INTERVAL 1 ${unit}))`;
    }
    return `${type}_ADD(${expression}, INTERVAL 1 ${unit})`;
  },
  jsonText: (expression) => `TO_JSON_STRING(${expression})`,
};

/** DuckDB, for executing the generated statements in tests. */
export const duckDb: Dialect = {
  id: 'duckdb',
  identifier: (name) => `"${checkIdentifier(name)}"`,
  table(ref) {
    const { project, dataset, table } = checkTableRef(ref);
    return `"${project}"."${dataset}"."${table}"`;
  },
  typeName: duckDbTypeName,
  columnType: (column) => columnTypeWith(column, duckDbTypeName, (f) => `STRUCT(${f.join(', ')})`, (e) => `${e}[]`, duckDb.identifier),
  safeCast: (expression, type) => `TRY_CAST(${expression} AS ${duckDbTypeName(type)})`,
  cast: (expression, type) => `CAST(${expression} AS ${duckDbTypeName(type)})`,
  stringLiteral: (value) => `'${String(value).replace(/'/g, "''")}'`,
  currentTimestamp: () => 'now()',
  uuid: () => 'CAST(uuid() AS VARCHAR)',
  variable: (name) => `getvariable('${checkVariable(name)}')`,
  setVariable: (name, expression) => `SET VARIABLE ${checkVariable(name)} = (${expression})`,
  daysAgo: (days) => `CAST(current_date - INTERVAL (${checkDays(days)}) DAY AS DATE)`,
  partitionStart(expression, type, granularity) {
    const unit = checkPartitioning(type, granularity);
    return `CAST(date_trunc('${unit.toLowerCase()}', ${expression}) AS ${duckDbTypeName(type)})`;
  },
  nextPartitionStart(expression, type, granularity) {
    const unit = checkPartitioning(type, granularity);
    return `CAST(${expression} + INTERVAL 1 ${unit} AS ${duckDbTypeName(type)})`;
  },
  jsonText: (expression) => `CAST(to_json(${expression}) AS VARCHAR)`,
};
