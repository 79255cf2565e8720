import { NAME_RULES } from '../../core/naming';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { brief, compileFiles, errors, SEED_CONFIG } from '../../testing';
import { tableModule } from '.';
import { checkTable } from './check-table';
import type { TableConfig } from './schema';

const DATASET = 'confidentiality: c2\nlocation: eu\n';
const FILE = 'configuration/tables/t_v1.yaml';
/** Lines 1–3 of every test table; the lines a test adds start at line 4. */
const HEAD = 'table_id: t\ndataset: sales\nversion: 1\n';

/** Compiles `tables/t_v1.yaml` (HEAD + body) beside a valid `datasets/sales.yaml`. */
function compileTable(body: string, file = 'tables/t_v1.yaml') {
  return compileFiles({ 'datasets/sales.yaml': DATASET, [file]: HEAD + body });
}

/** `code line:column` of the errors, for compact assertions on the test table. */
function at(body: string): string[] {
  return brief(errors(compileTable(body))).map((b) => b.replace(`${FILE}:`, ''));
}

function messages(body: string): string[] {
  return errors(compileTable(body)).map((d) => d.message);
}

describe('table module: accepted files', () => {
  it('compiles the seed table unchanged, with the seed dataset', () => {
    // GIVEN the users' seed dataset and table files
    const read = (rel: string) => readFileSync(path.join(SEED_CONFIG, rel), 'utf8');
    // WHEN they are compiled for every environment
    const result = compileFiles({ 'datasets/dataset.yaml': read('datasets/dataset.yaml'), 'tables/transactions_v1.yaml': read('tables/transactions_v1.yaml') });
    // THEN there is no diagnostic at all, and the table has its BigQuery address per environment
    expect(result.diagnostics).toEqual([]);
    const entity = result.project.lookup<TableConfig>('tables', 'transactions_v1')!;
    const pd = result.project.environments.get('pd')!.env;
    expect(tableModule.environment!.attributes!(entity, { env: pd, lookup: result.project.lookup, all: result.project.all })).toEqual({
      project: 'acme-data-pd',
      dataset_id: 'acme_c2_dataset_eu_pd',
      table_id: 'transactions_v1',
      reference: '`acme-data-pd.acme_c2_dataset_eu_pd.transactions_v1`',
      full_name: 'acme-data-pd.acme_c2_dataset_eu_pd.transactions_v1',
      id: 'projects/acme-data-pd/datasets/acme_c2_dataset_eu_pd/tables/transactions_v1',
    });
    expect(entity.config.deletion_protection).toBe(true);
  });

  it('compiles its own example with a sales dataset', () => {
    const result = compileFiles({ 'datasets/sales.yaml': DATASET, 'tables/orders_v2.yaml': tableModule.example });
    expect(result.diagnostics).toEqual([]);
  });

  it('accepts type aliases in any case and every optional feature', () => {
    const body = `time_partitioning: {type: HOUR, field: ts, expiration_ms: 86400000}
require_partition_filter: true
clustering: {fields: [ts, b]}
primary_key: [i]
labels: {team: data}
expiration_time: 4102444800000
deletion_protection: false
schema:
  - {name: i, type: int64, mode: REQUIRED}
  - {name: ts, type: Timestamp}
  - {name: b, type: bool}
  - {name: s, type: struct, fields: [{name: x, type: float64}]}
  - {name: d, type: decimal, precision: 10, scale: 2}
  - {name: bd, type: BIGDECIMAL, precision: 76, scale: 38}
  - {name: r, type: RANGE, range_element_type: DATETIME}
  - name: tag
    type: STRING
    policy_tags: ["projects/\${project}/locations/eu/taxonomies/1/policyTags/2"]
`;
    expect(at(body)).toEqual([]);
  });

  it('names a generated table by dataset and table id, for the core’s duplicate check', () => {
    const result = compileTable('schema: [{name: a, type: STRING}]\n');
    const entity = result.project.lookup<TableConfig>('tables', 't_v1')!;
    const dv = result.project.environments.get('dv')!.env;
    expect(tableModule.environment!.generatedNames!(entity, { env: dv, lookup: result.project.lookup, all: result.project.all })).toEqual([
      { rule: NAME_RULES.table, value: 't_v1', path: ['table_id'], uniqueKey: 'acme_c2_sales_eu_dv.t_v1' },
    ]);
  });

  it('rejects a second file for the same table (.yaml and .yml)', () => {
    const result = compileFiles({
      'datasets/sales.yaml': DATASET,
      'tables/t_v1.yaml': `${HEAD}schema: [{name: a, type: STRING}]\n`,
      'tables/t_v1.yml': `${HEAD}schema: [{name: a, type: STRING}]\n`,
    });
    expect(brief(errors(result))).toEqual(['GDP304 configuration/tables/t_v1.yml:1:11']);
  });

  it('generates a JSON Schema for editors despite the recursive columns', () => {
    const schema = z.toJSONSchema(tableModule.schema, { io: 'input', unrepresentable: 'any' }) as { $defs: Record<string, unknown> };
    expect(Object.keys(schema.$defs)).toContain('TableColumn');
  });
});

describe('table module: file name, table id and dataset', () => {
  it('GDP510: table_id does not match the file name', () => {
    const result = compileFiles({ 'datasets/sales.yaml': DATASET, 'tables/t_v1.yaml': 'table_id: orders\ndataset: sales\nversion: 1\nschema: [{name: a, type: STRING}]\n' });
    expect(brief(errors(result))).toEqual([`GDP510 ${FILE}:1:11`]);
    expect(errors(result)[0].message).toMatch(/"orders_v1\.yaml"/);
  });

  it('GDP510: version does not match the file name', () => {
    const result = compileFiles({ 'datasets/sales.yaml': DATASET, 'tables/t_v1.yaml': 'table_id: t\ndataset: sales\nversion: 2\nschema: [{name: a, type: STRING}]\n' });
    expect(brief(errors(result))).toEqual([`GDP510 ${FILE}:3:10`]);
    expect(errors(result)[0].message).toMatch(/says v1.*"t_v2\.yaml"/);
  });

  it('GDP511: table id with characters BigQuery ids should not hold (reported once, not per environment)', () => {
    const result = compileFiles({ 'datasets/sales.yaml': DATASET, 'tables/t-x_v1.yaml': 'table_id: t-x\ndataset: sales\nversion: 1\nschema: [{name: a, type: STRING}]\n' });
    expect(brief(errors(result))).toEqual(['GDP511 configuration/tables/t-x_v1.yaml:1:11']);
  });

  it('GDP308: the dataset must be declared, with a suggestion', () => {
    const result = compileFiles({ 'datasets/sales.yaml': DATASET, 'tables/t_v1.yaml': 'table_id: t\ndataset: sale\nversion: 1\nschema: [{name: a, type: STRING}]\n' });
    expect(brief(errors(result))).toEqual([`GDP308 ${FILE}:2:10`]);
    expect(errors(result)[0].message).toMatch(/Did you mean "sales"\?/);
  });

  it('GDP201: an unknown column option is an error with a suggestion', () => {
    expect(at('schema:\n  - name: a\n    type: STRING\n    max_lenght: 3\n')).toEqual(['GDP201 7:5']);
    expect(messages('schema:\n  - name: a\n    type: STRING\n    max_lenght: 3\n')[0]).toMatch(/Did you mean "max_length"\?/);
  });
});

describe('table module: columns', () => {
  it('GDP512: column names must be letters, digits and _, not start with a digit, ≤ 300 characters', () => {
    const long = 'a'.repeat(301);
    const body = `schema:\n  - {name: 1st, type: STRING}\n  - {name: a-b, type: STRING}\n  - {name: ${long}, type: STRING}\n  - {name: ${'b'.repeat(300)}, type: STRING}\n`;
    expect(at(body)).toEqual(['GDP512 5:12', 'GDP512 6:12', 'GDP512 7:12']);
  });

  it('GDP513: reserved prefixes, in any case and at any level', () => {
    const body = `schema:
  - {name: _PARTITIONTIME, type: TIMESTAMP}
  - {name: _file_name, type: STRING}
  - {name: _CHANGE_TYPE, type: STRING}
  - name: r
    type: RECORD
    fields: [{name: _TABLE_SUFFIX, type: STRING}]
`;
    expect(at(body)).toEqual(['GDP513 5:12', 'GDP513 6:12', 'GDP513 7:12', 'GDP513 10:21']);
  });

  it('GDP514: duplicate names at one level, case-insensitively; the same name at another level is fine', () => {
    const body = `schema:
  - {name: id, type: STRING}
  - {name: ID, type: STRING}
  - name: r
    type: RECORD
    fields:
      - {name: id, type: STRING}
      - {name: Id, type: STRING}
`;
    expect(at(body)).toEqual(['GDP514 6:12', 'GDP514 11:16']);
  });

  it('GDP515: an unknown type suggests the closest one and explains SQL spellings', () => {
    const body = 'schema:\n  - {name: a, type: STRNG}\n  - {name: b, type: "STRING(10)"}\n  - {name: c, type: ARRAY<INT64>}\n';
    const result = compileTable(body);
    expect(brief(errors(result))).toEqual([`GDP515 ${FILE}:5:21`, `GDP515 ${FILE}:6:21`, `GDP515 ${FILE}:7:21`]);
    const [a, b, c] = errors(result);
    expect(a.message).toMatch(/"STRNG".*Did you mean "STRING"\?/);
    expect(b.hint).toBe('Write "type: STRING" and "max_length: 10".');
    expect(c.hint).toBe('Write "type: INT64" and "mode: REPEATED".');
  });

  it('GDP516: RECORD needs fields; other types must not have them', () => {
    const body = 'schema:\n  - {name: a, type: RECORD}\n  - name: b\n    type: STRING\n    fields: [{name: x, type: STRING}]\n';
    expect(at(body)).toEqual(['GDP516 5:21', 'GDP516 8:5']);
  });

  it('GDP517: at most 15 levels of nested RECORD', () => {
    // GIVEN 16 RECORDs nested in each other, the innermost holding a STRING
    const lines = ['schema:'];
    let typeLine = 0;
    for (let level = 1; level <= 16; level++) {
      const indent = '  '.repeat(2 * level - 1);
      lines.push(`${indent.slice(2)}- name: r${level}`, `${indent}type: RECORD`, `${indent}fields:`);
      if (level === 16) typeLine = 3 + lines.length - 1;
    }
    lines.push(`${'  '.repeat(32)}- {name: leaf, type: STRING}`);
    // THEN only the 16th level is reported, at its type
    expect(at(lines.join('\n') + '\n')).toEqual([`GDP517 ${typeLine}:${2 * 31 + 7}`]);
  });

  it('GDP518: at most 10,000 columns, nested fields included', () => {
    const columns = Array.from({ length: 10_001 }, (_, i) => `  - {name: c${i}, type: STRING}`);
    expect(at(`schema:\n${columns.join('\n')}\n`)).toEqual(['GDP518 10005:12']);
  });

  it('GDP519: options only some types take', () => {
    const body = `schema:
  - {name: a, type: INTEGER, max_length: 5}
  - {name: b, type: STRING, precision: 5}
  - {name: c, type: INT64, collation: "und:ci"}
  - {name: d, type: DATE, range_element_type: DATE}
  - {name: e, type: FLOAT, rounding_mode: ROUND_HALF_EVEN}
`;
    expect(at(body)).toEqual(['GDP519 5:30', 'GDP519 6:29', 'GDP519 7:28', 'GDP519 8:27', 'GDP519 9:28']);
  });

  it('GDP520: precision and scale within NUMERIC and BIGNUMERIC limits', () => {
    const body = `schema:
  - {name: a, type: NUMERIC, precision: 40, scale: 2}
  - {name: b, type: NUMERIC, precision: 20, scale: 10}
  - {name: c, type: NUMERIC, scale: 2}
  - {name: d, type: BIGNUMERIC, precision: 5, scale: 5}
  - {name: e, type: BIGNUMERIC, precision: 77, scale: 38}
  - {name: f, type: NUMERIC, precision: 38, scale: 9}
`;
    expect(at(body)).toEqual(['GDP520 5:41', 'GDP520 6:52', 'GDP520 7:37', 'GDP520 8:44', 'GDP520 9:44']);
    expect(messages(body)[0]).toMatch(/precision 40 and scale 2, leaving 38 digits.*1–29/);
  });

  it('GDP521: a RANGE column needs its element type', () => {
    expect(at('schema:\n  - {name: r, type: RANGE}\n')).toEqual(['GDP521 5:21']);
  });

  it('GDP205: a column description is at most 1,024 characters', () => {
    const body = `schema:\n  - name: a\n    type: STRING\n    description: ${'x'.repeat(1025)}\n`;
    expect(at(body)).toEqual(['GDP205 7:18']);
    expect(at(`schema:\n  - name: a\n    type: STRING\n    description: ${'x'.repeat(1024)}\n`)).toEqual([]);
  });

  it('GDP528: a policy tag must be a policy tag resource name once resolved', () => {
    const body = 'schema:\n  - name: a\n    type: STRING\n    policy_tags: ["projects/${project}/taxonomies/1"]\n';
    const result = compileTable(body);
    // One diagnostic per environment, all at the tag.
    expect(brief(errors(result))).toEqual(Array(4).fill(`GDP528 ${FILE}:7:19`));
  });
});

describe('table module: partitioning', () => {
  const cols = `schema:
  - {name: d, type: DATE}
  - {name: ts, type: TIMESTAMP}
  - {name: n, type: INTEGER}
  - {name: s, type: STRING}
  - {name: ds, type: DATE, mode: REPEATED}
  - {name: rec, type: RECORD, fields: [{name: inner, type: DATE}]}
`;

  it('GDP522: the time partitioning column exists, with a suggestion', () => {
    const r = compileTable(`time_partitioning: {type: DAY, field: tss}\n${cols}`);
    expect(brief(errors(r))).toEqual([`GDP522 ${FILE}:4:39`]);
    expect(errors(r)[0].message).toMatch(/Did you mean "ts"\?/);
  });

  it('GDP522: the time partitioning column is top-level, not repeated, and a date/time type', () => {
    expect(at(`time_partitioning: {type: DAY, field: rec.inner}\n${cols}`)).toEqual(['GDP522 4:39']);
    expect(at(`time_partitioning: {type: DAY, field: ds}\n${cols}`)).toEqual(['GDP522 4:39']);
    expect(messages(`time_partitioning: {type: DAY, field: s}\n${cols}`)).toEqual([
      'column "s" is STRING; time partitioning needs a DATE, TIMESTAMP, DATETIME column',
    ]);
    expect(at(`time_partitioning:\n  type: DAY\n  field: n\n${cols}`)).toEqual(['GDP522 6:10']);
  });

  it('GDP523: HOUR granularity needs TIMESTAMP or DATETIME', () => {
    expect(at(`time_partitioning:\n  type: HOUR\n  field: d\n${cols}`)).toEqual(['GDP523 5:9']);
    expect(at(`time_partitioning:\n  type: HOUR\n  field: ts\n${cols}`)).toEqual([]);
  });

  it('GDP522: the range partitioning column is a top-level INTEGER', () => {
    expect(at(`range_partitioning: {field: s, start: 0, end: 100, interval: 10}\n${cols}`)).toEqual(['GDP522 4:29']);
    expect(at(`range_partitioning: {field: n, start: 0, end: 100, interval: 10}\n${cols}`)).toEqual([]);
  });

  it('GDP524: integer range bounds and partition count', () => {
    const rp = (start: number, end: number, interval: number) =>
      at(`range_partitioning:\n  field: n\n  start: ${start}\n  end: ${end}\n  interval: ${interval}\n${cols}`);
    expect(rp(0, 100, 0)).toEqual(['GDP524 8:13']);
    expect(rp(100, 100, 10)).toEqual(['GDP524 7:8']);
    expect(rp(0, 10_001, 1)).toEqual(['GDP524 8:13']);
    expect(rp(0, 10_000, 1)).toEqual([]);
  });

  it('GDP525: not both time and range partitioning', () => {
    const body = `time_partitioning: {type: DAY, field: d}\nrange_partitioning: {field: n, start: 0, end: 100, interval: 10}\n${cols}`;
    expect(at(body)).toEqual(['GDP525 5:1']);
  });

  it('GDP525: require_partition_filter needs partitioning', () => {
    expect(at(`require_partition_filter: true\n${cols}`)).toEqual(['GDP525 4:27']);
    expect(at(`require_partition_filter: false\n${cols}`)).toEqual([]);
  });
});

describe('table module: clustering and primary key', () => {
  const cols = `schema:
  - {name: a, type: STRING}
  - {name: b, type: INTEGER}
  - {name: c, type: DATE}
  - {name: d, type: BOOLEAN}
  - {name: e, type: NUMERIC}
  - {name: f, type: FLOAT64}
  - {name: tags, type: STRING, mode: REPEATED}
  - {name: rec, type: RECORD, fields: [{name: x, type: STRING}]}
`;

  it('GDP526: at most 4 clustering columns', () => {
    expect(at(`clustering:\n  fields: [a, b, c, d, e]\n${cols}`)).toEqual(['GDP526 5:24']);
  });

  it('GDP526: clustering columns exist, are distinct, top-level, non-repeated and of a clusterable type', () => {
    const body = `clustering:\n  fields:\n    - aa\n    - f\n    - tags\n    - a\n    - a\n    - rec.x\n${cols}`;
    // The 5th and 6th entries also exceed the limit of 4 (reported at the 5th).
    expect(at(body)).toEqual(['GDP526 6:7', 'GDP526 7:7', 'GDP526 8:7', 'GDP526 10:7', 'GDP526 10:7', 'GDP526 11:7']);
    expect(messages(body)[0]).toMatch(/no top-level column is named "aa".*Did you mean "a"\?/);
    expect(messages(body)[1]).toMatch(/FLOAT, which BigQuery cannot cluster on/);
  });

  it('GDP527: primary key columns exist, are distinct, top-level and not repeated', () => {
    const body = `primary_key:\n  - a\n  - zz\n  - tags\n  - a\n  - rec.x\n${cols}`;
    expect(at(body)).toEqual(['GDP527 6:5', 'GDP527 7:5', 'GDP527 8:5', 'GDP527 9:5']);
  });
});

describe('table module: expiration', () => {
  it('GDP529: warns when expiration_time is in the past', () => {
    const result = compileTable('expiration_time: 1000\nschema: [{name: a, type: STRING}]\n');
    expect(errors(result)).toEqual([]);
    expect(brief(result.diagnostics)).toEqual([`GDP529 ${FILE}:4:18`]);
    expect(result.diagnostics[0].severity).toBe('warning');
  });

  it('does not warn for a future expiration (the clock is injectable)', () => {
    const result = compileTable('expiration_time: 1000\nschema: [{name: a, type: STRING}]\n');
    const entity = result.project.lookup<TableConfig>('tables', 't_v1')!;
    const reported: string[] = [];
    // checkTable is what check() runs; with a clock before the expiration it reports nothing.
    checkTable(entity, (code) => reported.push(code), 999);
    expect(reported).toEqual([]);
  });
});
