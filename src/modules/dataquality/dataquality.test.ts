import { createRegistry } from '../../api';
import { examplePath } from '../../scaffold/init-files';
import { checkProjectSql } from '../../sql/analyzer';
import { brief, bundledConfiguration, compileFiles, errors, synthFiles, useSqlService } from '../../testing';
import { dataQualityModule } from '.';

const FILE = 'configuration/dataquality/orders_quality.yaml';

/** The files gdp init writes: one example per module type, which must hold together (as a repository). */
const EXAMPLES = Object.fromEntries(createRegistry().all().map((m) => [examplePath(m).replace(/^configuration\//, ''), m.example]));

/** A scan of orders_v1 (bundled example) with the given rules (YAML list items). */
function scan(rules: string, extra = ''): string {
  return `table: orders_v1\n${extra}rules:\n${rules}`;
}

const compile = (text: string) => compileFiles({ 'dataquality/orders_quality.yaml': text }, { base: bundledConfiguration() });

/** `line:column` of the first occurrence of `needle` in a text. */
function at(text: string, needle: string): string {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('dataquality module: checks', () => {
  it('accepts the README example in every environment, among the other module types’ examples', () => {
    expect(EXAMPLES['dataquality/orders_quality.yaml']).toBe(dataQualityModule.example);
    expect(errors(compileFiles(EXAMPLES))).toEqual([]);
  });

  it('reports a rule on a misspelled column at the column, with the right spelling', () => {
    const text = scan('  - type: non_null\n    column: custmer_id\n');
    const result = compile(text);
    expect(brief(errors(result))).toEqual([`GDP670 ${FILE}:${at(text, 'custmer_id')}`]);
    expect(errors(result)[0].message).toMatch(/Did you mean "customer_id"\?/);
  });

  it('reports a regex rule on an INTEGER column', () => {
    const text = scan('  - type: regex\n    column: items.quantity\n    pattern: "^[0-9]+$"\n');
    // items is REPEATED: first the array is refused; a plain INTEGER column is refused for its type.
    expect(brief(errors(compile(text)))).toEqual([`GDP671 ${FILE}:${at(text, 'items.quantity')}`]);
    const table = 'table_id: counts\ndataset: sales\nversion: 1\nschema:\n  - { name: n, type: INT64 }\n';
    const text2 = 'table: counts_v1\nrules:\n  - type: regex\n    column: n\n    pattern: "^[0-9]+$"\n';
    const result = compileFiles({ 'tables/counts_v1.yaml': table, 'dataquality/counts.yaml': text2 }, { base: bundledConfiguration() });
    expect(brief(errors(result))).toEqual([`GDP671 configuration/dataquality/counts.yaml:${at(text2, 'n\n')}`]);
    expect(errors(result)[0].message).toBe('column "n" of counts_v1 is INTEGER; a regex rule checks STRING columns');
  });

  it('refuses thresholds outside (0, 1], per environment too, and on aggregate rules', () => {
    const text = scan('  - type: non_null\n    column: order_id\n    threshold: 0\n    thresholds: { pd: 1.5 }\n  - type: uniqueness\n    column: order_id\n    threshold: 0.9\n');
    expect(brief(errors(compile(text)))).toEqual([`GDP674 ${FILE}:${at(text, '0\n')}`, `GDP674 ${FILE}:${at(text, '1.5')}`, `GDP672 ${FILE}:${at(text, 'threshold: 0.9')}`]);
  });

  it('asks for the fields a rule needs and refuses the ones it does not use', () => {
    const text = scan('  - type: range\n    column: order_ts\n    pattern: "x"\n');
    expect(brief(errors(compile(text)))).toEqual([`GDP673 ${FILE}:${at(text, 'range')}`, `GDP672 ${FILE}:${at(text, 'pattern')}`]);
  });

  it('checks range bounds against the column type and their order', () => {
    const text = scan('  - type: range\n    column: order_ts\n    min: 12\n  - type: statistic_range\n    column: order_ts\n    statistic: MEAN\n    max: 3\n');
    const result = compile(text);
    expect(brief(errors(result))).toEqual([`GDP676 ${FILE}:${at(text, '12')}`, `GDP671 ${FILE}:${at(text, 'order_ts\n    statistic')}`]);
  });

  it('scans incrementally only on a DATE or TIMESTAMP column', () => {
    const text = scan('  - type: non_null\n    column: order_id\n', 'incremental: status\n');
    expect(brief(errors(compile(text)))).toEqual([`GDP675 ${FILE}:${at(text, 'status')}`]);
    expect(errors(compile(scan('  - type: non_null\n    column: order_id\n', 'incremental: partition\n')))).toEqual([]);
  });

  it('validates the schedule like scheduler jobs, and duplicate rule names', () => {
    const text = scan('  - type: non_null\n    column: order_id\n  - type: non_null\n    column: order_id\n', 'schedule: "0 5 * *"\ntimezone: Europe/Amsterdm\n');
    expect(brief(errors(compile(text)))).toEqual([
      `GDP580 ${FILE}:${at(text, '"0 5')}`,
      `GDP581 ${FILE}:${at(text, 'Europe')}`,
      // The second rule's default name (non-null-order-id) repeats the first's: reported at its type.
      `GDP677 ${FILE}:7:11`,
    ]);
  });

  it('checks a freshness rule’s column: a date or time, or the partition column by default', () => {
    const text = scan('  - type: freshness\n    column: status\n    max_age_hours: 24\n');
    expect(brief(errors(compile(text)))).toEqual([`GDP671 ${FILE}:${at(text, 'status')}`]);
    const table = 'table_id: plain\ndataset: sales\nversion: 1\nschema:\n  - { name: at, type: DATE }\n';
    const text2 = 'table: plain_v1\nrules:\n  - type: freshness\n    max_age_hours: 24\n';
    const result = compileFiles({ 'tables/plain_v1.yaml': table, 'dataquality/plain.yaml': text2 }, { base: bundledConfiguration() });
    expect(brief(errors(result))).toEqual(['GDP673 configuration/dataquality/plain.yaml:3:11']);
  });

  it('takes the table as a ${tables[...]} reference, and refuses a reference of another kind', () => {
    const ok = compile('table: ${tables["orders_v1"].reference}\nrules:\n  - type: regex\n    column: customer_id\n    pattern: "^C"\n');
    expect(errors(ok)).toEqual([]);
    const text = 'table: ${datasets.sales.dataset_id}\nrules:\n  - type: non_null\n    column: order_id\n';
    expect(brief(errors(compile(text)))).toEqual([`GDP678 ${FILE}:1:8`]);
  });

  it('refuses a sampling percent outside (0, 100]', () => {
    const text = scan('  - type: non_null\n    column: order_id\n', 'sampling_percent: 0\n');
    expect(brief(errors(compile(text)))).toEqual([`GDP205 ${FILE}:${at(text, '0\n')}`]);
  });

  it('refuses to export results into a table gdp declares', () => {
    const text = scan('  - type: non_null\n    column: order_id\n', 'export:\n  dataset: sales\n  table: orders_v1\n');
    expect(brief(errors(compile(text)))).toEqual([`GDP679 ${FILE}:${at(text, 'orders_v1\nrules')}`]);
  });

  it('reports a missing table', () => {
    const text = 'table: ordres_v1\nrules:\n  - type: non_null\n    column: order_id\n';
    expect(brief(errors(compile(text))).map((b) => b.split(' ')[1])).toEqual([`${FILE}:1:8`]);
  });
});

describe('dataquality module: SQL', () => {
  const sqlService = useSqlService();

  it('checks conditions, filters and assertions against the table’s columns, at the text written', async () => {
    const text = scan(
      [
        '  - type: row_condition',
        '    expression: "ARRAY_LENGTH(itemz) > 0"',
        '  - type: table_condition',
        '    expression: "SUM(1)"',
        '  - type: sql_assertion',
        "    sql: \"SELECT order_id FROM $${data()} WHERE statuz = 'X'\"",
        '',
      ].join('\n'),
      'row_filter: "order_ts > CURRENT_TIMESTAMP() AND order_idd IS NOT NULL"\n',
    );
    const compiled = compile(text);
    expect(errors(compiled)).toEqual([]);
    const sql = (await checkProjectSql(compiled.project, { service: sqlService() })).diagnostics.filter((d) => d.file === FILE);
    expect(sql.map((d) => `${d.line}:${d.column}`)).toEqual([at(text, 'order_idd'), at(text, 'itemz'), at(text, 'SUM'), at(text, 'statuz')]);
    expect(sql.map((d) => d.environments)).toEqual([undefined, undefined, undefined, undefined].map(() => ['dv', 'qa', 'np', 'pd']));
  });

  it('accepts the README example’s SQL', async () => {
    const compiled = compileFiles(EXAMPLES);
    const sql = (await checkProjectSql(compiled.project, { service: sqlService() })).diagnostics.filter((d) => d.file === FILE);
    expect(sql).toEqual([]);
  });
});

describe('dataquality module: synthesis', () => {
  const stack = (env: 'dv' | 'pd' = 'dv') => synthFiles(EXAMPLES, env);

  it('creates the scan over the table with rules, per-environment thresholds, schedule and export', () => {
    const dv = stack('dv').resource!.google_dataplex_datascan.dataquality_orders_quality;
    const pd = stack('pd').resource!.google_dataplex_datascan.dataquality_orders_quality;
    expect(dv).toMatchObject({
      data_scan_id: 'acme-dq-orders-quality-ew4-dv',
      location: 'europe-west4',
      data: { resource: '//bigquery.googleapis.com/projects/acme-data-dv/datasets/acme_c2_sales_eu_dv/tables/orders_v2' },
      execution_spec: { field: 'order_date', trigger: { schedule: { cron: 'TZ=Europe/Amsterdam 0 5 * * *' } } },
    });
    const spec = (s: Record<string, unknown>) => s.data_quality_spec as { rules: Record<string, unknown>[]; post_scan_actions: unknown; sampling_percent: number };
    expect(spec(dv).rules.find((r) => r.name === 'set-status')!.threshold).toBe(0.9);
    expect(spec(pd).rules.find((r) => r.name === 'set-status')!.threshold).toBe(0.99);
    expect(spec(dv).post_scan_actions).toEqual({ bigquery_export: { results_table: '//bigquery.googleapis.com/projects/acme-data-dv/datasets/acme_c2_sales_eu_dv/tables/dq_results' } });
    expect(spec(dv).rules.find((r) => r.name === 'sql-assertion-8')!.sql_assertion).toEqual({
      sql_statement: "SELECT order_id FROM $${data()} WHERE status = 'SHIPPED' AND shipping_address.city IS NULL",
    });
  });

  it('grants the Dataplex service agent read on the scanned table and write on the export dataset, once', () => {
    const second = dataQualityModule.example.replace('export:\n  dataset: sales                  # results go to sales.dq_results\n', '');
    const r = synthFiles({ ...EXAMPLES, 'dataquality/orders_quality_more.yaml': second }, 'dv');
    // The first scan of orders_v2 by name creates the grant: the alert example's freshness scan.
    const agent = 'serviceAccount:service-${data.google_project.dataquality_orders_pipeline_fresh_orders_v2_project.number}@gcp-sa-dataplex.iam.gserviceaccount.com';
    expect(Object.keys(r.resource!.google_bigquery_table_iam_member)).toEqual(['iam_dataplex_reads_table_orders_v2']);
    expect(r.resource!.google_bigquery_table_iam_member.iam_dataplex_reads_table_orders_v2).toMatchObject({ table_id: 'orders_v2', role: 'roles/bigquery.dataViewer', member: agent });
    expect(r.resource!.google_bigquery_dataset_iam_member.iam_dataplex_writes_dataset_sales).toMatchObject({ dataset_id: 'acme_c2_sales_eu_dv', role: 'roles/bigquery.dataEditor' });
    // orders_quality_more needs no grant of its own, so it reads no project number.
    expect(Object.keys(r.data!.google_project).sort()).toEqual(['dataquality_orders_pipeline_fresh_orders_v2_project', 'dataquality_orders_quality_project']);
  });

  it('runs on demand without a schedule', () => {
    const r = synthFiles({ 'dataquality/q.yaml': scan('  - type: non_null\n    column: order_id\n') }, 'dv', { base: bundledConfiguration() });
    expect(r.resource!.google_dataplex_datascan.dataquality_q.execution_spec).toEqual({ trigger: { on_demand: {} } });
  });

  it('writes a freshness rule as a table condition on the partition column', () => {
    const rules = (stack('dv').resource!.google_dataplex_datascan.dataquality_orders_quality.data_quality_spec as { rules: Record<string, unknown>[] }).rules;
    expect(rules.find((r) => r.name === 'freshness-9')).toEqual({
      name: 'freshness-9',
      column: 'order_date',
      description: 'newest order_date at most 26 hours old',
      dimension: 'FRESHNESS',
      // order_date is a DATE: the newest one is read as midnight UTC of that day.
      table_condition_expectation: { sql_expression: 'IFNULL(TIMESTAMP_DIFF(CURRENT_TIMESTAMP(), TIMESTAMP(MAX(order_date)), MINUTE) <= 1560, FALSE)' },
    });
  });
});
