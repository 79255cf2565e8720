import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { brief, bundledConfiguration, compileFiles, errors, ROOT } from '../../testing';
import type { Diagnostic } from '../../core/diagnostics';
import type { CompileResult } from '../../core/project';
import { loadModule } from '.';
import { tableModule } from '../table';

const FILE = 'configuration/loads/orders_load.yaml';

/** A source and a target table in dataset sales (bundled), with the columns the tests need. */
const TABLES = {
  'tables/src_v1.yaml': `table_id: src
dataset: sales
version: 1
schema:
  - { name: id, type: STRING, mode: REQUIRED }
  - { name: amount, type: STRING }
  - { name: qty, type: INT64 }
  - { name: day, type: DATE }
  - { name: updated_at, type: TIMESTAMP }
`,
  'tables/dst_v1.yaml': `table_id: dst
dataset: sales
version: 1
primary_key: [id]
schema:
  - { name: id, type: STRING, mode: REQUIRED }
  - { name: amount, type: NUMERIC }
  - { name: qty, type: NUMERIC }
  - { name: day, type: DATE }
  - { name: updated_at, type: TIMESTAMP }
  - { name: loaded_at, type: TIMESTAMP }
  - { name: flag, type: STRING }
`,
};

/** Compiles a load file `loads/orders_load.yaml` with the bundled configuration and the test tables. */
function compileLoad(text: string, extra: Record<string, string> = {}): CompileResult {
  return compileFiles({ ...TABLES, ...extra, 'loads/orders_load.yaml': text }, { base: bundledConfiguration() });
}

/** Diagnostics of the load file. */
function ofLoad(result: CompileResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.file === FILE);
}

const UPSERT = `target: dst_v1
pattern: upsert
source: { table: src_v1 }
keys: [id]
casts: { amount: NUMERIC }
`;

describe('load module', () => {
  it('compiles every bundled load, and the bundle covers every pattern', () => {
    // GIVEN the bundled example configuration WHEN compiled for every environment
    const result = compileFiles({}, { base: bundledConfiguration() });
    // THEN there is no error, and the bundled loads use each of the five patterns
    expect(errors(result)).toEqual([]);
    const loads = result.project.all<{ pattern: string }>('loads');
    expect(loads.map((l) => l.name)).toEqual(readdirSync(path.join(ROOT, 'configuration/loads')).map((f) => f.replace(/\.yaml$/, '')).sort());
    expect(new Set(loads.map((l) => l.config.pattern))).toEqual(new Set(['append', 'upsert', 'full_sync', 'partition_replace', 'scd2']));
  });

  it('accepts the README example with the table example as its target', () => {
    const result = compileFiles({ 'tables/orders_v2.yaml': tableModule.example, 'loads/orders_upsert.yaml': loadModule.example }, { base: bundledConfiguration() });
    expect(errors(result)).toEqual([]);
  });

  it('accepts a valid upsert and exposes the procedure as an attribute', () => {
    // GIVEN an upsert whose STRING amount is cast to the target's NUMERIC
    const result = compileLoad(UPSERT);
    // THEN there is no diagnostic, and ${loads["orders_load"].reference} names load_orders_load in the target's dataset
    expect(ofLoad(result)).toEqual([]);
    const entity = result.project.lookup('loads', 'orders_load')!;
    const pd = result.project.environments.get('pd')!.env;
    expect(loadModule.environment!.attributes!(entity as never, { env: pd, lookup: result.project.lookup, all: result.project.all })).toMatchObject({
      project: 'acme-data-pd',
      dataset_id: 'acme_c2_sales_eu_pd',
      routine_id: 'load_orders_load',
      location: 'EU',
      reference: '`acme-data-pd.acme_c2_sales_eu_pd.load_orders_load`',
      id: 'projects/acme-data-pd/datasets/acme_c2_sales_eu_pd/routines/load_orders_load',
    });
    expect(result.project.graph.dependenciesOf('loads/orders_load')).toEqual(['tables/dst_v1', 'tables/src_v1']);
  });

  it('reports an undeclared target and source table at their names', () => {
    const result = compileLoad('target: dts_v1\npattern: append\nsource:\n  table: scr_v1\n');
    expect(brief(ofLoad(result))).toEqual([`GDP308 ${FILE}:1:9`, `GDP308 ${FILE}:4:10`]);
    expect(ofLoad(result)[0].message).toMatch(/no table is named "dts_v1"\. Did you mean "dst_v1"\?/);
  });

  it('rejects an illegal load name (the file name)', () => {
    const result = compileFiles({ ...TABLES, 'loads/Orders-Load.yaml': UPSERT }, { base: bundledConfiguration() });
    expect(brief(errors(result))).toEqual(['GDP590 configuration/loads/Orders-Load.yaml:1:1']);
  });

  it('needs exactly one source, and filter and columns where they apply', () => {
    const both = compileLoad('target: dst_v1\npattern: append\nsource:\n  table: src_v1\n  query: SELECT 1\n');
    expect(brief(ofLoad(both))).toEqual([`GDP591 ${FILE}:5:3`]);
    const none = compileLoad('target: dst_v1\npattern: append\nsource: {}\n');
    expect(brief(ofLoad(none))).toEqual([`GDP591 ${FILE}:3:9`]);
    const filter = compileLoad('target: dst_v1\npattern: append\nsource:\n  query: SELECT 1\n  filter: x > 1\n');
    expect(brief(ofLoad(filter))).toEqual([`GDP591 ${FILE}:5:3`]);
  });

  it('rejects a load from a table into itself', () => {
    const result = compileLoad('target: dst_v1\npattern: append\nsource:\n  table: dst_v1\n');
    expect(brief(ofLoad(result))).toEqual([`GDP604 ${FILE}:4:10`]);
  });

  it('reports keys missing from the source or the target, with a suggestion', () => {
    const result = compileLoad(UPSERT.replace('keys: [id]', 'keys: [id, flag, idd]'));
    expect(brief(ofLoad(result))).toEqual([`GDP592 ${FILE}:4:12`, `GDP592 ${FILE}:4:18`]);
    expect(ofLoad(result)[0].message).toBe('key "flag" is not a column of source table src_v1.');
    expect(ofLoad(result)[1].message).toMatch(/key "idd" is not a column of source table src_v1\. Did you mean "id"\?/);
  });

  it('asks for keys where the pattern needs them, suggesting the primary key', () => {
    const result = compileLoad(UPSERT.replace('keys: [id]\n', ''));
    expect(brief(ofLoad(result))).toEqual([`GDP594 ${FILE}:2:10`]);
    expect(ofLoad(result)[0].hint).toBe('Add keys: [id] (the target’s primary_key).');
  });

  it('rejects incompatible types, with the cast that fixes them', () => {
    // GIVEN a STRING source column loaded into a NUMERIC target column without a cast
    const result = compileLoad(UPSERT.replace('casts: { amount: NUMERIC }\n', ''));
    const [d] = ofLoad(result);
    expect(brief(ofLoad(result))).toEqual([`GDP593 ${FILE}:3:18`]);
    expect(d.message).toBe('column "amount": source table src_v1 gives STRING, target table dst_v1 holds NUMERIC: STRING does not convert to NUMERIC implicitly');
    expect(d.hint).toBe('Add casts: { amount: NUMERIC }.');
    // INT64 → NUMERIC is an implicit coercion: qty is fine
    expect(ofLoad(result).some((x) => x.message.includes('"qty"'))).toBe(false);
  });

  it('checks casts: known types, castable from the source, compatible with the target', () => {
    const unknown = compileLoad(UPSERT.replace('amount: NUMERIC', 'amount: MONEY'));
    expect(brief(ofLoad(unknown))).toEqual([`GDP600 ${FILE}:5:18`]);
    const impossible = compileLoad(UPSERT.replace('amount: NUMERIC', 'amount: NUMERIC, day: BOOL'));
    expect(brief(ofLoad(impossible))).toEqual([`GDP600 ${FILE}:5:32`]);
    expect(ofLoad(impossible)[0].message).toBe('"day" is DATE in source table src_v1; GoogleSQL cannot cast it to BOOL');
    const wrong = compileLoad(UPSERT.replace('amount: NUMERIC', 'amount: INT64, day: STRING'));
    expect(brief(ofLoad(wrong))).toEqual([`GDP593 ${FILE}:5:30`]);
  });

  it('rejects update and exclude columns that are keys or unknown, and both lists at once', () => {
    const key = compileLoad(`${UPSERT}exclude_columns: [id, nope]\n`);
    expect(brief(ofLoad(key))).toEqual([`GDP594 ${FILE}:6:19`, `GDP592 ${FILE}:6:23`]);
    const both = compileLoad(`${UPSERT}update_columns: [qty]\nexclude_columns: [updated_at]\n`);
    expect(brief(ofLoad(both))).toEqual([`GDP594 ${FILE}:7:1`]);
    const ignored = compileLoad(`${UPSERT.replace('upsert', 'append')}update_columns: [qty]\n`);
    expect(ofLoad(ignored).map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`)).toEqual(['GDP605 warning 6:1']);
  });

  it('says exactly which SCD2 column to add to the target', () => {
    const result = compileLoad(UPSERT.replace('upsert', 'scd2'));
    expect(brief(ofLoad(result))).toEqual([`GDP595 ${FILE}:2:10`, `GDP595 ${FILE}:2:10`, `GDP595 ${FILE}:2:10`]);
    const missing = ofLoad(result).find((d) => d.message.includes('valid_from'))!;
    expect(missing.message).toBe('SCD2 valid_from column "valid_from" is not a column of target table dst_v1');
    expect(missing.hint).toBe('Add to the schema of configuration/tables/dst_v1.yaml:\n  - name: valid_from\n    type: TIMESTAMP');
    const named = compileLoad(`${UPSERT.replace('upsert', 'scd2')}scd2: { valid_from: updated_at, valid_to: loaded_at, is_current: flag }\n`);
    expect(brief(ofLoad(named))).toEqual([`GDP595 ${FILE}:6:66`]);
    expect(ofLoad(named)[0].message).toBe('SCD2 is_current column "flag" of target table dst_v1 is STRING; it must be BOOL');
  });

  it('checks audit columns exist in the target with their types', () => {
    const result = compileLoad(`${UPSERT}audit:\n  load_time: loaded_at\n  load_id: qty\n`);
    expect(brief(ofLoad(result))).toEqual([`GDP596 ${FILE}:8:12`]);
    expect(ofLoad(result)[0].message).toBe('audit load_id column "qty" of target table dst_v1 is NUMERIC; it must be STRING');
  });

  it('needs a column-partitioned target for partition_replace', () => {
    const result = compileLoad(UPSERT.replace('upsert', 'partition_replace'));
    expect(brief(ofLoad(result))).toEqual([`GDP597 ${FILE}:2:10`]);
    expect(ofLoad(result)[0].message).toMatch(/target table dst_v1 is not partitioned/);
  });

  it('rejects names that would break out of the generated SQL', () => {
    const result = compileLoad(UPSERT.replace('keys: [id]', 'keys: ["id`; DROP TABLE x; --"]'));
    expect(brief(ofLoad(result))).toEqual([`GDP598 ${FILE}:4:8`]);
    expect(ofLoad(result)[0].message).toMatch(/holds a backtick or quote/);
    const order = compileLoad(`${UPSERT}order_by: ["updated_at newest"]\n`);
    expect(brief(ofLoad(order))).toEqual([`GDP598 ${FILE}:6:12`]);
  });

  it('checks quality rules: their fields and columns', () => {
    const result = compileLoad(`${UPSERT}quality:
  - { rule: accepted_values, columns: [flag] }
  - { rule: not_null, columns: [qtty], severity: quarantine }
  - { rule: condition, condition: "qty > 0" }
`);
    expect(brief(ofLoad(result))).toEqual([`GDP601 ${FILE}:7:13`, `GDP592 ${FILE}:7:40`, `GDP592 ${FILE}:8:33`, `GDP601 ${FILE}:9:13`]);
    expect(ofLoad(result)[1].message).toBe('quality rule column "flag" is not a column of source table src_v1.');
  });

  it('needs accepted_values of the column’s kind: strings for text, numbers for numbers', () => {
    const result = compileLoad(`${UPSERT}quality:\n  - { rule: accepted_values, columns: [id], values: [A, 2] }\n  - { rule: accepted_values, columns: [qty], values: [1, "2"] }\n`);
    expect(brief(ofLoad(result))).toEqual([`GDP601 ${FILE}:7:57`, `GDP601 ${FILE}:8:58`]);
    expect(ofLoad(result)[0].hint).toBe('Quote it: "2".');
  });

  it('rejects REQUIRED target columns that nothing fills', () => {
    const result = compileLoad(UPSERT, { 'tables/dst_v1.yaml': TABLES['tables/dst_v1.yaml'].replace('{ name: flag, type: STRING }', '{ name: flag, type: STRING, mode: REQUIRED }') });
    expect(brief(ofLoad(result))).toEqual([`GDP602 ${FILE}:3:18`]);
  });

  it('keeps audit and SCD2 columns apart from each other and from the data columns', () => {
    const result = compileLoad(`${UPSERT}audit: { load_time: loaded_at, load_id: loaded_at }\nupdate_columns: [loaded_at]\n`);
    expect(brief(ofLoad(result))).toEqual([`GDP596 ${FILE}:6:41`, `GDP596 ${FILE}:6:41`, `GDP594 ${FILE}:7:18`]);
    expect(ofLoad(result).map((d) => d.message)).toEqual([
      'audit load_id column "loaded_at" of target table dst_v1 is TIMESTAMP; it must be STRING',
      'column "loaded_at" is already the audit load_time column; the load fills each of these columns with its own value',
      '"loaded_at" is an audit or SCD2 column, which the load fills in itself; update_columns names columns the source provides',
    ]);
  });

  it('needs a date or time effective_from for SCD2 versions', () => {
    const scd2 = UPSERT.replace('upsert', 'scd2').replace('keys: [id]', 'keys: [id]\norder_by: ["qty desc"]');
    const fixed = compileLoad(`${scd2}scd2: { valid_from: updated_at, valid_to: loaded_at, is_current: flag }\n`, {
      'tables/dst_v1.yaml': TABLES['tables/dst_v1.yaml'].replace('{ name: flag, type: STRING }', '{ name: flag, type: BOOL }'),
    });
    expect(brief(ofLoad(fixed))).toEqual([`GDP595 ${FILE}:5:12`]);
    expect(ofLoad(fixed)[0].message).toMatch(/^the first order_by column \(the default effective_from\) "qty" is INT64/);
  });

  it('rejects a source that fills none of the target’s columns, and reserved _gdp_ names', () => {
    const none = compileLoad('target: dst_v1\npattern: append\nsource:\n  query: SELECT 1 AS x\n  columns: [{ name: x, type: INT64 }]\n');
    expect(brief(ofLoad(none))).toEqual([`GDP592 ${FILE}:5:12`]);
    const reserved = compileLoad(UPSERT, { 'tables/src_v1.yaml': `${TABLES['tables/src_v1.yaml']}  - { name: _gdp_row, type: STRING }\n` });
    expect(brief(ofLoad(reserved))).toEqual([`GDP598 ${FILE}:3:18`]);
  });

  it('checks a query’s declared columns like a table’s', () => {
    const result = compileLoad(`target: dst_v1
pattern: upsert
source:
  query: SELECT * FROM somewhere
  columns:
    - { name: id, type: STRING }
    - { name: amount, type: DATE }
keys: [id, day]
`);
    expect(brief(ofLoad(result))).toEqual([`GDP593 ${FILE}:7:29`, `GDP592 ${FILE}:8:12`]);
  });

  it('needs a DATE, DATETIME or TIMESTAMP window column', () => {
    const result = compileLoad(`${UPSERT}window: { column: qty, days: 7 }\n`);
    expect(brief(ofLoad(result))).toEqual([`GDP603 ${FILE}:6:19`]);
  });

  it('checks the URIs of a files source in every environment', () => {
    const result = compileLoad(`target: dst_v1
pattern: append
source:
  files:
    uris: ["gs://\${buckets.landing}/a/*/*.csv", "s3://bucket/x.csv"]
    format: PARQUET
    skip_leading_rows: 1
`);
    expect(brief(ofLoad(result))).toEqual([`GDP599 ${FILE}:5:12`, `GDP599 ${FILE}:5:49`, `GDP599 ${FILE}:7:5`]);
    // Reported once for every environment, with the text as written
    expect(ofLoad(result)[0].environments).toEqual(['dv', 'qa', 'np', 'pd']);
    expect(ofLoad(result)[0].message).toBe('uri "gs://${buckets.landing}/a/*/*.csv" holds 2 "*" wildcards; BigQuery allows one per URI');
    expect(ofLoad(result)[1].message).toBe('uri "s3://bucket/x.csv" does not start with gs://');
  });

  it('checks the columns of a files source like a table’s', () => {
    const result = compileLoad(`target: dst_v1
pattern: append
source:
  files: { uris: ["gs://bucket/x.csv"], format: CSV }
  columns:
    - { name: id, type: STRNG, mode: REQUIRED }
`);
    expect(brief(ofLoad(result))).toEqual([`GDP515 ${FILE}:6:25`]);
  });
});

describe('load workflow (derived entities)', () => {
  const SCHEDULED = `${UPSERT}workflow:
  schedule: { cron: "0 3 * * *", timezone: Europe/Amsterdam }
  trigger: { bucket: "\${buckets.landing}", path_pattern: "orders/*.csv" }
`;

  it('derives a workflow, a scheduler job and a trigger from the load file', () => {
    const result = compileLoad(SCHEDULED);
    expect(errors(result)).toEqual([]);
    const workflow = result.project.lookup('workflows', 'load_orders_load')!;
    const job = result.project.lookup('schedulers', 'load_orders_load')!;
    const trigger = result.project.lookup('eventarc_triggers', 'load_orders_load')!;
    expect([workflow.file.path, job.file.path, trigger.file.path]).toEqual([FILE, FILE, FILE]);
    // The graph orders them: the trigger starts the workflow, which calls the load's procedure, and waits for its
    // bucket; the job only holds the workflow's trigger URL, which gdp computes without the workflow (no edge)
    expect(result.project.graph.dependenciesOf('workflows/load_orders_load')).toEqual(['loads/orders_load']);
    expect(result.project.graph.dependenciesOf('schedulers/load_orders_load')).toEqual([]);
    expect(result.project.graph.dependenciesOf('eventarc_triggers/load_orders_load')).toEqual(['buckets/landing', 'workflows/load_orders_load']);
    const resolved = result.project.environments.get('qa')!.resolved.get('workflows/load_orders_load');
    expect(JSON.stringify(resolved)).toContain('CALL `acme-data-qa.acme_c2_sales_eu_qa.load_orders_load`()');
  });

  it('points diagnostics of derived entities at the load’s workflow field', () => {
    const result = compileLoad(SCHEDULED.replace('0 3 * * *', '0 3 * *'));
    expect(brief(errors(result))).toEqual([`GDP580 ${FILE}:7:13`]);
    const clash = compileLoad(SCHEDULED, { 'workflows/load_orders_load.yaml': 'workflow_name: load_orders_load\nsteps:\n  - name: done\n    return: 1\n' });
    expect(brief(errors(clash))).toEqual([`GDP304 ${FILE}:7:3`]);
    expect(errors(clash)[0].message).toBe('load "orders_load" creates workflow "load_orders_load", which is already declared in configuration/workflows/load_orders_load.yaml');
  });

  it('warns when the trigger watches another bucket than the files’', () => {
    const result = compileLoad(`target: dst_v1
pattern: append
source:
  files: { uris: ["gs://other-bucket/x/*.csv"], format: CSV }
workflow:
  trigger: { bucket: "\${buckets.landing}" }
`);
    expect(brief(ofLoad(result).filter((d) => d.severity !== 'info'))).toEqual([`GDP606 ${FILE}:6:22`]);
    expect(ofLoad(result)[0].message).toBe('the trigger watches bucket "${buckets.landing}", but the files are read from "other-bucket"; new files would start a load that does not read them');
  });
});
