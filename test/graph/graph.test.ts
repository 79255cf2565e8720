/**
 * Lineage: tables read and written come from ZetaSQL's parse tree (a real server), the bundled
 * example's graph has the flows a data engineer expects, focus narrows it, and every format renders
 * (SVG through Graphviz compiled to WebAssembly).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildLineage, collectSqlUse, focusLineage, renderDot, renderMermaid, renderSvg, sqlTableUse, type Lineage } from '../../src/graph';
import { bundledConfiguration, compileFiles, errors, readFolder, ROOT, SEED_CONFIG, tempDir, useSqlService } from '../../src/testing';
import { cli } from '../../src/testing/cli';

const sqlService = useSqlService();
let dv: Lineage;
beforeAll(async () => {
  const compiled = compileFiles({}, { base: bundledConfiguration(), environments: ['dv'] });
  expect(errors(compiled)).toEqual([]);
  dv = buildLineage(compiled.project, 'dv', await collectSqlUse(compiled.project, 'dv', sqlService()));
});

const edgesOf = (l: Lineage, relation?: string): string[] => l.edges.filter((e) => !relation || e.relation === relation).map((e) => `${e.from} -> ${e.to}`);

describe('tables a script reads and writes', () => {
  it('tells reads from writes and leaves out CTEs and temp tables', async () => {
    const use = await sqlTableUse(
      sqlService(),
      `BEGIN
  CREATE TEMP TABLE staged AS SELECT * FROM \`p.raw.events\`;
  INSERT INTO \`p.mart.daily\` (a) WITH recent AS (SELECT a FROM p.raw.other) SELECT a FROM recent JOIN staged USING (a);
  MERGE p.mart.dim T USING (SELECT a FROM p.raw.dim_src) S ON T.a = S.a WHEN MATCHED THEN DELETE;
  DELETE FROM p.mart.old WHERE TRUE;
  CALL p.mart.refresh();
END`,
    );
    expect(use).toEqual({
      reads: ['p.raw.dim_src', 'p.raw.events', 'p.raw.other'],
      writes: ['p.mart.daily', 'p.mart.dim', 'p.mart.old'],
      calls: ['p.mart.refresh'],
    });
  });

  it('gives nothing for SQL that does not parse', async () => {
    expect(await sqlTableUse(sqlService(), 'SELEC 1')).toBeUndefined();
  });
});

describe('the bundled example', () => {
  it('links tables to the loads and procedures that read and write them', () => {
    expect(edgesOf(dv, 'reads')).toEqual(
      expect.arrayContaining(['tables/transactions_landing_v1 -> procedures/load_transactions', 'tables/customers_staging_v1 -> loads/customers_sync', 'tables/transactions_v1 -> loads/sales_daily']),
    );
    expect(edgesOf(dv, 'writes')).toEqual(expect.arrayContaining(['procedures/load_transactions -> tables/transactions_v1', 'loads/sales_daily -> tables/sales_daily_v1']));
    // A procedure does not write the table it only reads.
    expect(edgesOf(dv, 'writes')).not.toContain('procedures/load_transactions -> tables/transactions_landing_v1');
  });

  it('links what starts workflows and what workflows call', () => {
    expect(edgesOf(dv, 'starts')).toEqual(
      expect.arrayContaining(['schedulers/daily_orders -> workflows/daily_orders', 'eventarc_triggers/transaction_upload -> workflows/process_transactions', 'statemachines/transaction_trigger -> workflows/process_transactions']),
    );
    expect(edgesOf(dv, 'calls')).toEqual(expect.arrayContaining(['workflows/daily_orders -> procedures/load_transactions', 'workflows/load_customers_history -> loads/customers_history']));
  });

  it('clusters by logical dataset and marks the tables a load makes itself', () => {
    const node = (id: string) => dv.nodes.find((n) => n.id === id);
    expect(node('tables/transactions_v1')).toMatchObject({ kind: 'table', group: 'sales', cloudName: 'acme-data-dv.acme_c2_sales_eu_dv.transactions_v1' });
    expect(node('workflows/daily_orders')?.group).toBeUndefined();
    expect(node('generated/acme-data-dv.acme_c2_sales_eu_dv.gdp_load_log')).toMatchObject({ kind: 'generated_table', label: 'gdp_load_log', group: 'sales' });
    expect(dv.nodes.some((n) => n.kind === 'external_table')).toBe(false);
  });

  it('focuses on what is downstream of a table, to a depth', () => {
    const down = focusLineage(dv, 'tables/transactions_landing_v1', { downstream: {} });
    const ids = down.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['procedures/load_transactions', 'tables/transactions_v1', 'loads/sales_daily', 'tables/sales_daily_v1']));
    expect(ids).not.toContain('workflows/daily_orders'); // upstream of the procedure, not downstream of the table
    const one = focusLineage(dv, 'tables/transactions_landing_v1', { downstream: { depth: 1 } }).nodes.map((n) => n.id);
    expect(one).toContain('procedures/load_transactions');
    expect(one).not.toContain('tables/transactions_v1');
    const up = focusLineage(dv, 'procedures/load_transactions', { upstream: {} }).nodes.map((n) => n.id);
    expect(up).toEqual(expect.arrayContaining(['workflows/daily_orders', 'schedulers/daily_orders', 'tables/transactions_landing_v1']));
  });
});

it('links a workflow to the HTTP services it calls (the users\' seed example), and marks references without SQL analysis as uses', () => {
  const compiled = compileFiles({}, { base: readFolder(SEED_CONFIG, 'configuration'), environments: ['dv'] });
  expect(errors(compiled)).toEqual([]);
  const seed = buildLineage(compiled.project, 'dv', undefined);
  expect(seed.sqlAnalysed).toBe(false);
  const service = seed.nodes.find((n) => n.kind === 'service');
  expect(service).toMatchObject({ id: 'service/api.example.com/data/status', label: 'api.example.com/data/status' });
  expect(seed.edges.filter((e) => e.to === service?.id).map((e) => `${e.from} ${e.relation}`)).toEqual([expect.stringMatching(/^workflows\/\S+ calls$/)]);
  expect(seed.edges.some((e) => e.relation === 'uses' && e.from === 'procedures/load_transactions')).toBe(true);
});

describe('rendering', () => {
  it('Mermaid: one subgraph per dataset, a shape per kind, thick arrows for writes', () => {
    const text = renderMermaid(dv);
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain('subgraph g_sales["dataset sales"]');
    expect(text).toMatch(/n\d+\[\("transactions_v1<br\/><small>table<\/small>"\)\]/);
    const ids = new Map([...text.matchAll(/(n\d+)[[({>]+"([a-z_0-9]+)<br\/><small>([a-z ]+)</g)].map((m) => [`${m[2]}/${m[3]}`, m[1]]));
    expect(text).toContain(`${ids.get('load_transactions/procedure')} ==> ${ids.get('transactions_v1/table')}`);
  });

  it('DOT and SVG: clusters, highlighted node, every name drawn', async () => {
    const highlight = new Set(['tables/transactions_v1']);
    const dot = renderDot(dv, { highlight });
    expect(dot).toContain('label="dataset sales"');
    expect(dot).toMatch(/label=<transactions_v1<br\/>.*color="#dc2626"/);
    const svg = await renderSvg(dv, { highlight });
    expect(svg).toContain('<svg');
    // Graphviz writes XML character references in text (`-` as `&#45;`): compare the text as a reader sees it.
    const texts = new Set([...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decodeXmlText(m[1])));
    for (const n of dv.nodes) expect(texts).toContain(n.label);
  });
});

describe('gdp graph', () => {
  const base = ['graph', '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments')];

  it('writes JSON of a focused subgraph', async () => {
    const r = await cli([...base, '--format', 'json', '--focus', 'sales_daily_v1', '--upstream', '1']);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout) as Lineage;
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['loads/sales_daily', 'tables/sales_daily_v1']);
  });

  it('writes an SVG file', async () => {
    const out = path.join(tempDir('gdp-graph-'), 'g.svg');
    const r = await cli([...base, '--format', 'svg', '--out', out]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('dataset customer');
  });

  it('rejects an unknown focus with a suggestion, and direction options without focus', async () => {
    const r = await cli([...base, '--focus', 'transactons_v1']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain('nothing in dv is named "transactons_v1". Did you mean "transactions_v1"?');
    const d = await cli([...base, '--downstream']);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--upstream and --downstream need --focus');
    const bad = await cli([...base, '--focus', 'orders_v1', '--upstream', 'x']);
    expect(bad.stderr).toContain('--upstream takes a depth of 1 or more');
  });
});

/** Text of an SVG element with its XML character and entity references replaced. */
function decodeXmlText(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) =>
    ref.startsWith('#x') || ref.startsWith('#X') ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : (named[ref] ?? whole),
  );
}
