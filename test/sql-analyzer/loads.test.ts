/**
 * SQL analysis of the procedures gdp generates for loads, against a real ZetaSQL server (one for the
 * file): the bundled loads pass, findings in SQL the user wrote point into that YAML value, findings in
 * generated SQL point at `pattern`, and LOAD DATA into a temp table makes the table known.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../../src/core/diagnostics';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../src/core/environment';
import { nodeKey } from '../../src/core/graph';
import { workflowModule, type WorkflowConfig } from '../../src/modules/workflow';
import { loadModule, type LoadConfig } from '../../src/modules/load';
import { buildLoadSpec } from '../../src/modules/load/build-spec';
import { sourceKind } from '../../src/modules/load/model';
import { checkProjectSql } from '../../src/sql/analyzer';
import { renderLoadProcedure, renderMappedLoadProcedure } from '../../src/modules/load/sql/spec';
import { brief, bundledConfiguration, compileFiles, errors, ROOT, useSqlService } from '../../src/testing';

const sqlService = useSqlService();

/** A bundled load file's text. */
function bundledLoad(name: string): string {
  return readFileSync(path.join(ROOT, 'configuration/loads', `${name}.yaml`), 'utf8');
}

/** The text with `from` replaced (which must occur once). */
function edit(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

/** `line:column` of the n-th occurrence of `needle` in a text (1-based, as diagnostics are). */
function at(text: string, needle: string, nth = 1): string {
  let i = -1;
  for (let k = 0; k < nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** The SQL diagnostics of the bundled configuration with these files added or replaced. */
async function sqlDiagnostics(files: Record<string, string>, environments: readonly EnvironmentName[] = ENVIRONMENT_NAMES): Promise<Diagnostic[]> {
  const compiled = compileFiles(files, { base: bundledConfiguration(), environments });
  expect(errors(compiled)).toEqual([]);
  return (await checkProjectSql(compiled.project, { service: sqlService() })).diagnostics;
}

const LOAD = (name: string) => `configuration/loads/${name}.yaml`;

describe('bundled loads', () => {
  it('cover every pattern and source kind, and their procedures analyze with zero findings in dv', async () => {
    const compiled = compileFiles({}, { base: bundledConfiguration(), environments: ['dv'] });
    expect(errors(compiled)).toEqual([]);
    const { project } = compiled;
    const loads = project.all<LoadConfig>('loads');
    expect(new Set(loads.map((l) => l.config.pattern))).toEqual(new Set(['append', 'upsert', 'full_sync', 'partition_replace', 'scd2']));
    expect(new Set(loads.map((l) => sourceKind(l.config.source)))).toEqual(new Set(['table', 'query', 'files']));

    const model = project.environments.get('dv')!;
    for (const load of loads) {
      const bodies = loadModule.environment!.sqlBodies!(load, { env: model.env, resolved: model.resolved.get(nodeKey('loads', load.name)) as LoadConfig, lookup: project.lookup, all: project.all });
      expect(bodies).toHaveLength(1);
      expect(bodies[0].routine).toEqual({ project: 'acme-data-dv', dataset: expect.stringMatching(/_dv$/), name: `load_${load.name}` });
    }
    const result = await checkProjectSql(project, { service: sqlService() });
    expect(result.diagnostics).toEqual([]);
    // Workflows (a load's own, and the bundled ones) run procedures with query steps (CALL): checked too; the
    // example's data quality scans hand over their conditions and assertions.
    const workflowQueries = project.all<WorkflowConfig>('workflows').flatMap((w) => workflowModule.environment!.sqlBodies!(w, { env: model.env, resolved: model.resolved.get(nodeKey('workflows', w.name)) as WorkflowConfig, lookup: project.lookup, all: project.all }));
    expect(workflowQueries.length).toBeGreaterThan(0);
    const scanBodies = project
      .all('dataquality')
      .flatMap((scan) => project.moduleOf(scan).environment!.sqlBodies!(scan, { env: model.env, resolved: model.resolved.get(nodeKey('dataquality', scan.name)), lookup: project.lookup, all: project.all }));
    expect(result.checked).toBe(loads.length + project.all('procedures').length + workflowQueries.length + scanBodies.length);
  });

  it('hands the analyzer exactly the body that is deployed, with the places of the SQL users wrote', () => {
    const compiled = compileFiles({}, { base: bundledConfiguration(), environments: ['dv'] });
    const { project } = compiled;
    const model = project.environments.get('dv')!;
    const places: string[] = [];
    for (const load of project.all<LoadConfig>('loads')) {
      const spec = buildLoadSpec(load.name, model.resolved.get(nodeKey('loads', load.name)) as LoadConfig, model.env, project);
      const mapped = renderMappedLoadProcedure(spec);
      expect(mapped.sql).toBe(renderLoadProcedure(spec));
      for (const p of mapped.pieces) if (p.kind !== 'statement') places.push(`${load.name} ${p.kind}: ${mapped.sql.slice(p.start, p.end).split('\n')[0]}`);
    }
    expect(places.sort()).toEqual([
      'customer_segments_daily query: SELECT CURRENT_DATE() AS snapshot_date, segment, country_code, COUNT(*) AS customer_count',
      'sales_daily query: SELECT transaction_date AS sales_date, product_category,',
      'transactions_upsert condition: amount >= 0',
      'transactions_upsert filter: transaction_date >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY)',
    ]);
  });
});

/** Columns shared by the matrix tables: every kind of column the generator treats specially. */
const EVENT_COLUMNS = `
  - { name: event_id, type: STRING, mode: REQUIRED }
  - { name: seq, type: INT64 }
  - { name: happened_at, type: TIMESTAMP }
  - { name: local_time, type: DATETIME }
  - { name: day, type: DATE }
  - { name: kind, type: STRING }
  - { name: amount, type: NUMERIC }
  - { name: payload, type: JSON }
  - { name: tags, type: STRING, mode: REPEATED }
  - { name: detail, type: RECORD, fields: [{ name: a, type: STRING }, { name: b, type: INT64 }] }
  - { name: place, type: GEOGRAPHY }`;

function table(name: string, extra: string, columns = ''): string {
  return `table_id: ${name}\ndataset: sales\nversion: 1\n${extra}schema:${EVENT_COLUMNS}${columns}\n`;
}

const AUDIT = `
  - { name: loaded_at, type: TIMESTAMP }
  - { name: load_id, type: STRING }`;
const SCD2 = `
  - { name: valid_from, type: TIMESTAMP, mode: REQUIRED }
  - { name: valid_to, type: TIMESTAMP }
  - { name: is_current, type: BOOLEAN, mode: REQUIRED }`;

/** Tables and loads that use the generator's other constructs (files formats, time types, JSON/ARRAY/RECORD comparisons…). */
const MATRIX: Record<string, string> = {
  'tables/events_landing_v1.yaml': table('events_landing', ''),
  'tables/events_hourly_v1.yaml': table('events_hourly', 'time_partitioning: { type: HOUR, field: happened_at }\nrequire_partition_filter: true\n', AUDIT),
  'tables/events_monthly_v1.yaml': table('events_monthly', 'time_partitioning: { type: MONTH, field: local_time }\n', AUDIT),
  'tables/events_yearly_v1.yaml': table('events_yearly', 'time_partitioning: { type: YEAR, field: day }\n', AUDIT),
  'tables/events_history_v1.yaml': table('events_history', 'time_partitioning: { type: DAY, field: day }\n', `${AUDIT}${SCD2}`),
  'loads/events_hourly.yaml': `target: events_hourly_v1
pattern: full_sync
source: { table: events_landing_v1, filter: "kind != 'test' # no test events" }
keys: [event_id]
order_by: [seq desc, { column: happened_at }]
update_columns: [seq, kind, amount, payload, tags, detail, place]
window: { column: local_time, days: 2 }
audit: { load_time: loaded_at, load_id: load_id }
quality:
  - { rule: not_null, columns: [happened_at], severity: quarantine }
  - { rule: unique, columns: [event_id, seq], severity: warn }
  - { rule: accepted_values, columns: [seq], values: [1, 2, 3], severity: warn }
  - { rule: accepted_values, columns: [kind], values: [a, "it's"], severity: fail }
  - { rule: condition, name: sane, condition: "ARRAY_LENGTH(tags) < 10 AND detail.b >= 0 /* keep */", severity: quarantine }
`,
  'loads/events_monthly.yaml': `target: events_monthly_v1
pattern: partition_replace
source:
  files: { uris: ["gs://acme-drop/events/*.json"], format: JSON }
  columns:${EVENT_COLUMNS.replace('{ name: amount, type: NUMERIC }', '{ name: amount, type: STRING }')}
casts: { amount: NUMERIC }
audit: { load_time: loaded_at }
`,
  'loads/events_yearly.yaml': `target: events_yearly_v1
pattern: upsert
source:
  files: { uris: ["gs://acme-drop/events/*.csv"], format: CSV, skip_leading_rows: 1, field_delimiter: ";" }
  columns:
    - { name: event_id, type: STRING, mode: REQUIRED }
    - { name: day, type: STRING }
    - { name: amount, type: STRING }
casts: { day: DATE, amount: NUMERIC }
keys: [event_id]
exclude_columns: [amount]
audit: { load_id: load_id }
`,
  'loads/events_parquet.yaml': `target: events_landing_v1
pattern: append
source:
  files: { uris: ["gs://acme-drop/events/*.parquet"], format: PARQUET }
keys: [event_id]
`,
  'loads/events_history.yaml': `target: events_history_v1
pattern: scd2
source:
  query: |
    SELECT * FROM \${tables["events_landing_v1"].reference}
    WHERE day >= DATE_SUB(CURRENT_DATE(), INTERVAL 30 DAY);
keys: [event_id]
order_by: [seq desc]
window: { column: day, days: 30 }
audit: { load_time: loaded_at, load_id: load_id }
scd2: { hard_deletes: close, effective_from: happened_at }
quality:
  - { rule: condition, name: has_kind, condition: "kind IS NOT NULL", severity: quarantine }
`,
};

describe('generated constructs', () => {
  it('every pattern, file format, time type, quality rule and column kind analyzes with zero findings', async () => {
    const compiled = compileFiles(MATRIX, { base: bundledConfiguration(), environments: ['dv'] });
    expect(errors(compiled)).toEqual([]);
    const result = await checkProjectSql(compiled.project, { service: sqlService() });
    expect(result.diagnostics).toEqual([]);
  });
});

describe('findings in SQL the user wrote', () => {
  it('reports a misspelled column of source.query once, inside the query (after a ${...} reference)', async () => {
    const yaml = edit(bundledLoad('sales_daily'), 'WHERE transaction_date >=', 'WHERE transaction_dat >=');
    const diagnostics = await sqlDiagnostics({ 'loads/sales_daily.yaml': yaml });
    expect(brief(diagnostics)).toEqual([`GDP620 ${LOAD('sales_daily')}:${at(yaml, 'transaction_dat ')}`]);
    expect(diagnostics[0].message).toBe('Unrecognized name: transaction_dat; Did you mean transaction_date?');
    expect(diagnostics[0].path).toBe('source.query');
    expect(diagnostics[0].environments).toEqual([...ENVIRONMENT_NAMES]);
  });

  it('reports an unknown column of a quality condition once, at the condition', async () => {
    const yaml = edit(bundledLoad('transactions_upsert'), 'condition: "amount >= 0"', 'condition: "amount >= 0 AND fee < 10"');
    const diagnostics = await sqlDiagnostics({ 'loads/transactions_upsert.yaml': yaml });
    expect(brief(diagnostics)).toEqual([`GDP620 ${LOAD('transactions_upsert')}:${at(yaml, 'fee')}`]);
    expect(diagnostics[0].message).toBe('Unrecognized name: fee');
    expect(diagnostics[0].path).toBe('quality.1.condition');
  });

  it('reports a condition once when a quarantine rule puts it in two statements', async () => {
    const yaml = edit(bundledLoad('transactions_upsert'), 'condition: "amount >= 0", severity: fail', 'condition: "amout >= 0", severity: quarantine');
    const diagnostics = await sqlDiagnostics({ 'loads/transactions_upsert.yaml': yaml }, ['dv']);
    expect(brief(diagnostics)).toEqual([`GDP620 ${LOAD('transactions_upsert')}:${at(yaml, 'amout')}`]);
  });

  it('reports a misspelled column of source.filter at the filter', async () => {
    const yaml = edit(bundledLoad('transactions_upsert'), 'filter: "transaction_date', 'filter: "transaction_dte');
    const diagnostics = await sqlDiagnostics({ 'loads/transactions_upsert.yaml': yaml }, ['dv']);
    expect(brief(diagnostics)).toEqual([`GDP620 ${LOAD('transactions_upsert')}:${at(yaml, 'transaction_dte')}`]);
    expect(diagnostics[0].path).toBe('source.filter');
  });

  it('reports a syntax error that user SQL leaves open at the end of that SQL', async () => {
    const yaml = edit(bundledLoad('transactions_upsert'), '"amount >= 0"', '"amount >="');
    const diagnostics = await sqlDiagnostics({ 'loads/transactions_upsert.yaml': yaml }, ['dv']);
    // Column of the closing quote: right after the condition.
    expect(brief(diagnostics)).toEqual([`GDP621 ${LOAD('transactions_upsert')}:${at(yaml, '", severity: fail')}`]);
    expect(diagnostics[0].path).toBe('quality.1.condition');
  });
});

describe('findings in generated SQL', () => {
  it('point at pattern and name the generated statement', async () => {
    // The query no longer returns sales_date, which the load (without source.columns) reads from it.
    let yaml = edit(bundledLoad('sales_daily'), 'AS sales_date', 'AS sale_date');
    yaml = edit(yaml, 'GROUP BY sales_date', 'GROUP BY sale_date');
    const diagnostics = await sqlDiagnostics({ 'loads/sales_daily.yaml': yaml }, ['dv']);
    expect(brief(diagnostics)).toEqual([`GDP620 ${LOAD('sales_daily')}:${at(yaml, 'partition_replace')}`]);
    expect(diagnostics[0].message).toBe('generated procedure load_sales_daily, statement "stage": Unrecognized name: sales_date; Did you mean sale_date?');
    expect(diagnostics[0].hint).toMatch(/^The SQL at this place is generated from the load’s settings/);
    expect(diagnostics[0].path).toBe('pattern');
  });
});

const SPROC = 'configuration/sql-scripts/sprocs/p.yaml';

/** A procedure `p` in dataset `sales` with the given body. */
function procedure(body: string): string {
  return `routine_id: p\ndataset_id: sales\ndefinition_body: |-\n${body.replace(/^\n/, '').replace(/^/gm, '  ')}\n`;
}

describe('hand-written SQL and generated loads', () => {
  it('knows the load procedures (CALL) and the log tables they write', async () => {
    const yaml = procedure(`
BEGIN
  CALL \${loads["transactions_upsert"].reference}();
  CALL \${loads["transactions_upsert"].reference}(7);
  SELECT load_name, rows_inserted, status FROM \${loads["transactions_upsert"].log_table} WHERE started_at > CURRENT_TIMESTAMP();
  SELECT rows_insrted FROM \${loads["transactions_upsert"].log_table};
END;`);
    const diagnostics = await sqlDiagnostics({ 'sql-scripts/sprocs/p.yaml': yaml }, ['dv']);
    expect(brief(diagnostics)).toEqual([`GDP620 ${SPROC}:${at(yaml, '${loads', 2)}`, `GDP620 ${SPROC}:${at(yaml, 'rows_insrted')}`]);
    expect(diagnostics[0].message).toMatch(/^No matching signature for procedure `acme-data-dv\.acme_c2_sales_eu_dv\.load_transactions_upsert`/);
  });
});

describe('LOAD DATA into a temp table', () => {
  const files = "FROM FILES (format = 'CSV', uris = ['gs://acme-drop/orders/*.csv'], skip_leading_rows = 1)";

  it('creates the table with the listed columns and types, so later statements are checked', async () => {
    const yaml = procedure(`
BEGIN
  DECLARE n INT64;
  LOAD DATA INTO TEMP TABLE _orders (order_id STRING NOT NULL, amount NUMERIC, tags ARRAY<STRING>)
  ${files};
  SELECT order_id, ARRAY_LENGTH(tags) FROM _orders;
  SELECT amout FROM _orders;
  SET n = (SELECT MAX(amount) FROM _orders);
  LOAD DATA OVERWRITE TEMP TABLE _orders (order_id STRING, total INT64)
  ${files};
  SET n = (SELECT MAX(total) FROM _orders);
END;`);
    const diagnostics = await sqlDiagnostics({ 'sql-scripts/sprocs/p.yaml': yaml }, ['dv']);
    expect(brief(diagnostics)).toEqual([`GDP620 ${SPROC}:${at(yaml, 'amout')}`, `GDP625 ${SPROC}:${at(yaml, '(SELECT MAX(amount)')}`]);
    expect(diagnostics[0].message).toBe('Unrecognized name: amout; Did you mean amount?');
    expect(diagnostics[1].message).toBe('a value of type NUMERIC cannot be assigned to n, which has type INT64');
  });

  it('reports a bad column type once, and nothing about the table afterwards', async () => {
    const yaml = procedure(`
BEGIN
  LOAD DATA INTO TEMP TABLE _orders (order_id STRNG) ${files};
  SELECT order_id FROM _orders;
END;`);
    const diagnostics = await sqlDiagnostics({ 'sql-scripts/sprocs/p.yaml': yaml }, ['dv']);
    expect(brief(diagnostics)).toEqual([`GDP620 ${SPROC}:${at(yaml, 'STRNG')}`]);
    expect(diagnostics[0].message).toMatch(/^Type not found: STRNG/);
  });

  it('warns that a table without a column list is not checked, and skips the statements reading it', async () => {
    const yaml = procedure(`
BEGIN
  LOAD DATA INTO TEMP TABLE _orders ${files};
  SELECT anything FROM _orders;
END;`);
    const diagnostics = await sqlDiagnostics({ 'sql-scripts/sprocs/p.yaml': yaml }, ['dv']);
    expect(brief(diagnostics)).toEqual([`GDP623 ${SPROC}:${at(yaml, 'LOAD DATA')}`]);
    expect(diagnostics[0].severity).toBe('warning');
    expect(diagnostics[0].message).toBe(
      'temp table _orders takes its columns from the files (LOAD DATA without a column list): columns not checked; statements reading it were skipped',
    );
  });
});
