import { formatSqlType, parseSqlType, standardSqlTypeJson } from './sql-type';

function json(value: string): string {
  const r = parseSqlType(value);
  if (!r.ok) throw new Error(`expected ${value} to parse: ${r.message}`);
  return standardSqlTypeJson(r.type);
}

function failure(value: string): { message: string; offset: number } {
  const r = parseSqlType(value);
  if (r.ok) throw new Error(`expected ${value} to fail`);
  return { message: r.message, offset: r.offset };
}

describe('parseSqlType', () => {
  it.each([
    ['INT64', '{"typeKind":"INT64"}'],
    ['string', '{"typeKind":"STRING"}'],
    ['INTEGER', '{"typeKind":"INT64"}'],
    ['DECIMAL', '{"typeKind":"NUMERIC"}'],
    ['BIGDECIMAL(40, 2)', '{"typeKind":"BIGNUMERIC"}'],
    ['NUMERIC(18,2)', '{"typeKind":"NUMERIC"}'],
    ['STRING(10)', '{"typeKind":"STRING"}'],
    ['ARRAY<STRING>', '{"typeKind":"ARRAY","arrayElementType":{"typeKind":"STRING"}}'],
    ['RANGE<date>', '{"typeKind":"RANGE","rangeElementType":{"typeKind":"DATE"}}'],
    [
      'STRUCT<a INT64, b ARRAY<DATE>>',
      '{"typeKind":"STRUCT","structType":{"fields":[{"name":"a","type":{"typeKind":"INT64"}},{"name":"b","type":{"typeKind":"ARRAY","arrayElementType":{"typeKind":"DATE"}}}]}}',
    ],
    ['STRUCT<INT64, date DATE>', '{"typeKind":"STRUCT","structType":{"fields":[{"type":{"typeKind":"INT64"}},{"name":"date","type":{"typeKind":"DATE"}}]}}'],
    ['STRUCT<`my field` JSON>', '{"typeKind":"STRUCT","structType":{"fields":[{"name":"my field","type":{"typeKind":"JSON"}}]}}'],
    [' ARRAY < STRUCT < x  FLOAT64 > > ', '{"typeKind":"ARRAY","arrayElementType":{"typeKind":"STRUCT","structType":{"fields":[{"name":"x","type":{"typeKind":"FLOAT64"}}]}}}'],
  ])('converts %s to StandardSqlDataType JSON', (value, expected) => {
    expect(json(value)).toBe(expected);
  });

  it('lists parameterized types, whose parameters the API cannot keep', () => {
    const r = parseSqlType('STRUCT<a NUMERIC(18,2), b STRING(5)>');
    expect(r.ok && r.parameterized).toEqual([
      { text: 'NUMERIC(18,2)', offset: 9 },
      { text: 'STRING(5)', offset: 26 },
    ]);
  });

  it.each([
    ['', 0, /expected a type name, but found the end of the value/],
    ['STRNG', 0, /unknown type "STRNG"\. Did you mean "STRING"\?/],
    ['ARRAY<FLOAT>', 6, /legacy SQL type name; GoogleSQL calls it FLOAT64/],
    ['BOOLEAN', 0, /GoogleSQL calls it BOOL/],
    ['ARRAY<STRING', 12, /expected ">" to close ARRAY</],
    ['ARRAY STRING', 6, /expected "<" after ARRAY/],
    ['ARRAY<ARRAY<INT64>>', 6, /cannot hold ARRAYs directly/],
    ['STRUCT<>', 7, /at least one field/],
    ['STRUCT<a INT64 b DATE>', 15, /expected "," or ">" in STRUCT/],
    ['STRUCT<a, b INT64>', 8, /field "a" has no type/],
    ['STRUCT<a INT64>>', 15, /unexpected ">" after the type/],
    ['INT64;', 5, /unexpected character ";"/],
    ['STRUCT<`a INT64>', 7, /not closed/],
    ['RANGE<INT64>', 6, /RANGE holds DATE, DATETIME or TIMESTAMP/],
    ['NUMERIC(40)', 8, /precision of NUMERIC\(P, 0\) must be between 1 and 29, not 40/],
    ['NUMERIC(10, 10)', 12, /scale of NUMERIC is at most 9, not 10/],
    ['BIGNUMERIC(5, 6)', 11, /must be between 6 and 44, not 5/],
    ['STRING(0)', 7, /at least 1/],
    ['STRING(a)', 7, /expected a number/],
    ['INT64(3)', 5, /unexpected "\(" after the type/],
    // Levels alternate ARRAY (1, 3, …) and STRUCT (2, 4, …): the 16th level is the STRUCT at 6 + 7 × 15.
    ['ARRAY<' + 'STRUCT<a ARRAY<'.repeat(8) + 'INT64' + '>>'.repeat(8) + '>', 111, /nested more than 15 levels/],
  ])('rejects %j at offset %d', (value, offset, message) => {
    const f = failure(value);
    expect(f.message).toMatch(message);
    expect(f.offset).toBe(offset);
  });

  it('formats a parsed type back to canonical GoogleSQL', () => {
    const r = parseSqlType('array<struct<a integer, `b c` numeric(5,1)>>');
    expect(r.ok && formatSqlType(r.type)).toBe('ARRAY<STRUCT<a INT64, `b c` NUMERIC>>');
  });
});
