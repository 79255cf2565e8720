/**
 * The dialects: identifier validation and quoting, table references, types, literals (executed in DuckDB
 * for the round trip), variables and partition arithmetic.
 */
import { bigQuery, duckDb, type Dialect } from './dialect';
import { SqlInternalError } from './errors';
import { Duck } from './__fixtures__/duckdb-harness';

const DIALECTS: [string, Dialect][] = [
  ['bigquery', bigQuery],
  ['duckdb', duckDb],
];

describe.each(DIALECTS)('%s identifiers', (_name, d) => {
  it.each(['id', '_x', 'Order_2', 'select'])('quotes %s', (name) => {
    const q = d.id === 'bigquery' ? '`' : '"';
    expect(d.identifier(name)).toBe(`${q}${name}${q}`);
  });

  it.each(['a`b', 'a"b', "a'b", '1a', '', 'a b', 'a-b', 'é', 'a\nb', 'x'.repeat(301)])('rejects %j with an internal error', (name) => {
    expect(() => d.identifier(name)).toThrow(SqlInternalError);
    expect(() => d.identifier(name)).toThrow(/internal error in SQL generation: .* is not a valid identifier/);
  });

  it('validates every part of a table reference', () => {
    expect(() => d.table({ project: 'my-proj-1', dataset: '2024_sales', table: 'orders_v1' })).not.toThrow();
    expect(() => d.table({ project: 'My-Proj', dataset: 'd', table: 't' })).toThrow(/GCP project id/);
    expect(() => d.table({ project: 'my-proj', dataset: 'd.x', table: 't' })).toThrow(/dataset or table id/);
    expect(() => d.table({ project: 'my-proj', dataset: 'd', table: 't`' })).toThrow(/dataset or table id/);
  });

  it('accepts only generated variable names', () => {
    expect(() => d.variable('x; DROP')).toThrow(SqlInternalError);
    expect(() => d.setVariable('_gdp_ok', '1')).not.toThrow();
  });
});

describe('table references', () => {
  it('quotes each part', () => {
    const ref = { project: 'acme-data-dv', dataset: 'sales', table: 'orders_v1' };
    expect(bigQuery.table(ref)).toBe('`acme-data-dv`.`sales`.`orders_v1`');
    expect(duckDb.table(ref)).toBe('"acme-data-dv"."sales"."orders_v1"');
  });
});

describe('types', () => {
  it.each([
    ['STRING', 'STRING', 'VARCHAR'],
    ['INTEGER', 'INT64', 'BIGINT'],
    ['int64', 'INT64', 'BIGINT'],
    ['FLOAT', 'FLOAT64', 'DOUBLE'],
    ['NUMERIC', 'NUMERIC', 'DECIMAL(38,9)'],
    ['NUMERIC(18, 2)', 'NUMERIC(18, 2)', 'DECIMAL(18,2)'],
    ['BIGNUMERIC', 'BIGNUMERIC', 'DECIMAL(38,9)'],
    ['BOOLEAN', 'BOOL', 'BOOLEAN'],
    ['BOOL', 'BOOL', 'BOOLEAN'],
    ['TIMESTAMP', 'TIMESTAMP', 'TIMESTAMPTZ'],
    ['DATETIME', 'DATETIME', 'TIMESTAMP'],
    ['DATE', 'DATE', 'DATE'],
    ['TIME', 'TIME', 'TIME'],
    ['BYTES', 'BYTES', 'BLOB'],
    ['JSON', 'JSON', 'JSON'],
    ['STRING(10)', 'STRING(10)', 'VARCHAR'],
  ])('%s → %s / %s', (type, big, duck) => {
    expect(bigQuery.typeName(type)).toBe(big);
    expect(duckDb.typeName(type)).toBe(duck);
  });

  it.each(['RECORD', 'ARRAY<STRING>', 'STRING; DROP', 'VARCHAR', 'INT64(3)'])('rejects %j as a scalar type', (type) => {
    expect(() => bigQuery.typeName(type)).toThrow(SqlInternalError);
  });

  it('writes REPEATED and RECORD column types with their fields', () => {
    const column = {
      name: 'items',
      type: 'RECORD',
      mode: 'REPEATED' as const,
      fields: [
        { name: 'sku', type: 'STRING', mode: 'NULLABLE' as const },
        { name: 'tags', type: 'STRING', mode: 'REPEATED' as const },
      ],
    };
    expect(bigQuery.columnType(column)).toBe('ARRAY<STRUCT<`sku` STRING, `tags` ARRAY<STRING>>>');
    expect(duckDb.columnType(column)).toBe('STRUCT("sku" VARCHAR, "tags" VARCHAR[])[]');
    expect(() => bigQuery.columnType({ name: 'r', type: 'RECORD', mode: 'NULLABLE' })).toThrow(/has no fields/);
  });

  it('casts safely or strictly', () => {
    expect(bigQuery.safeCast('x', 'INTEGER')).toBe('SAFE_CAST(x AS INT64)');
    expect(duckDb.safeCast('x', 'INTEGER')).toBe('TRY_CAST(x AS BIGINT)');
    expect(bigQuery.cast('x', 'DATE')).toBe('CAST(x AS DATE)');
  });
});

describe('string literals', () => {
  const TRICKY = ["it's", 'back\\slash', 'new\nline', "'; DROP TABLE x; --", 'tab\tand \u0001 control', 'ünï "quoted"'];

  it('BigQuery escapes quotes, backslashes and control characters', () => {
    expect(bigQuery.stringLiteral("it's")).toBe("'it\\'s'");
    expect(bigQuery.stringLiteral('a\\b')).toBe("'a\\\\b'");
    expect(bigQuery.stringLiteral('a\nb')).toBe("'a\\u000ab'");
  });

  it('DuckDB literals read back as the original text', async () => {
    const duck = await Duck.open();
    try {
      const rows = await duck.query(`SELECT ${TRICKY.map((t, i) => `${duckDb.stringLiteral(t)} AS v${i}`).join(', ')}`);
      expect(Object.values(rows[0])).toEqual(TRICKY);
    } finally {
      duck.close();
    }
  });
});

describe('partition arithmetic', () => {
  it('BigQuery: start and next start of a partition per type and granularity', () => {
    expect(bigQuery.partitionStart('x', 'DATE', 'DAY')).toBe('x');
    expect(bigQuery.partitionStart('x', 'DATE', 'MONTH')).toBe('DATE_TRUNC(x, MONTH)');
    expect(bigQuery.partitionStart('x', 'TIMESTAMP', 'HOUR')).toBe('TIMESTAMP_TRUNC(x, HOUR)');
    expect(bigQuery.partitionStart('x', 'DATETIME', 'YEAR')).toBe('DATETIME_TRUNC(x, YEAR)');
    expect(bigQuery.nextPartitionStart('x', 'DATE', 'DAY')).toBe('DATE_ADD(x, INTERVAL 1 DAY)');
    expect(bigQuery.nextPartitionStart('x', 'TIMESTAMP', 'DAY')).toBe('TIMESTAMP_ADD(x, INTERVAL 1 DAY)');
    expect(bigQuery.nextPartitionStart('x', 'TIMESTAMP', 'MONTH')).toBe('TIMESTAMP(DATETIME_ADD(DATETIME(x), INTERVAL 1 MONTH))');
    expect(bigQuery.nextPartitionStart('x', 'DATETIME', 'YEAR')).toBe('DATETIME_ADD(x, INTERVAL 1 YEAR)');
    expect(() => bigQuery.partitionStart('x', 'DATE', 'HOUR')).toThrow(/cannot be partitioned by HOUR/);
    expect(bigQuery.daysAgo(3)).toBe('DATE_SUB(CURRENT_DATE(), INTERVAL 3 DAY)');
    expect(() => bigQuery.daysAgo(-1)).toThrow(SqlInternalError);
  });

  it('DuckDB computes the same boundaries', async () => {
    const duck = await Duck.open();
    try {
      const ts = "CAST('2024-02-29 13:45:00+00' AS TIMESTAMPTZ)";
      const dt = "CAST('2024-12-31 23:00:00' AS TIMESTAMP)";
      const [row] = await duck.query(
        `SELECT CAST(${duckDb.partitionStart("DATE '2024-02-29'", 'DATE', 'MONTH')} AS VARCHAR) AS a, ` +
          `CAST(${duckDb.nextPartitionStart(duckDb.partitionStart(ts, 'TIMESTAMP', 'MONTH'), 'TIMESTAMP', 'MONTH')} AS VARCHAR) AS b, ` +
          `CAST(${duckDb.nextPartitionStart(duckDb.partitionStart(ts, 'TIMESTAMP', 'HOUR'), 'TIMESTAMP', 'HOUR')} AS VARCHAR) AS c, ` +
          `CAST(${duckDb.nextPartitionStart(duckDb.partitionStart(dt, 'DATETIME', 'YEAR'), 'DATETIME', 'YEAR')} AS VARCHAR) AS d`,
      );
      expect(row).toEqual({ a: '2024-02-01', b: '2024-03-01 00:00:00+00', c: '2024-02-29 14:00:00+00', d: '2025-01-01 00:00:00' });
    } finally {
      duck.close();
    }
  });
});
