/** `gdp drift --split-by`: one report per stack, and a resource whose state is in the wrong stack shown as a move. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildStacks } from '../../src/synth/build-stacks';
import { bundledConfiguration, compileFiles, ROOT, tempDir } from '../../src/testing';
import { cli } from '../../src/testing/cli';
import { startFakeGoogle } from '../verify/fake-google';

interface Tf {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

/** `terraform show -json` of a stack whose resources all exist with the configured values. */
function showJson(tf: Tf, extra: { address: string; type: string; name: string }[] = [], without: string[] = []): string {
  const resources = Object.entries(tf.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values: { id: `id-of-${name}` } })),
  );
  const all = [...resources.filter((r) => !without.includes(r.address)), ...extra.map((e) => ({ ...e, mode: 'managed', values: { id: 'moved' } }))];
  return JSON.stringify({ format_version: '1.0', values: { root_module: { resources: all } } });
}

describe('gdp drift --split-by dataset', () => {
  const compiled = compileFiles({}, { base: bundledConfiguration(), environments: ['dv'] });
  const out = tempDir('gdp-split-drift-');
  const [built] = buildStacks(compiled.project, ['dv'], out, 'dataset');
  const stacks = built.split!.stacks.map((s) => s.name);
  const tfOf = (name: string): Tf => JSON.parse(fs.readFileSync(path.join(out, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Tf;
  const moved = 'google_bigquery_table.table_orders_v1';

  it('reports a resource in the state of another stack once, as a move, and lists the stacks given no state', async () => {
    expect(stacks).toContain('dv-sales');
    const dir = tempDir('gdp-split-states-');
    const args: string[] = [];
    for (const name of stacks.filter((s) => s !== 'dv-base')) {
      const file = path.join(dir, `${name}.json`);
      const extra = name === 'dv-shared' ? [{ address: moved, type: 'google_bigquery_table', name: 'table_orders_v1' }] : [];
      fs.writeFileSync(file, showJson(tfOf(name), extra, name === 'dv-sales' ? [moved] : []));
      args.push('--state', `${name}=${file}`);
    }
    const run = await cli(['drift', '--env', 'dv', '--split-by', 'dataset', '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments'), '--format', 'json', ...args]);
    expect(run.code).toBe(3);
    const result = JSON.parse(run.stdout) as { reports: { reports: { env: string; items: { kind: string; address: string }[] }[] }; moves: unknown[]; unchecked: string[] };
    expect(result.moves).toEqual([{ address: moved, from: 'dv-shared', to: 'dv-sales' }]);
    expect(result.unchecked).toEqual(['dv-base']);
    const items = result.reports.reports.flatMap((r) => r.items.map((i) => `${r.env} ${i.kind} ${i.address}`));
    expect(items.filter((i) => i.includes(moved) && /orphan|missing/.test(i))).toEqual([]);
    expect(result.reports.reports.map((r) => r.env).sort()).toEqual(stacks.filter((s) => s !== 'dv-base').sort());
  });

  it('refuses a --state that is not <stack>=<file>, and a stack the split does not have', async () => {
    const common = ['drift', '--env', 'dv', '--split-by', 'dataset', '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments')];
    const malformed = await cli([...common, '--state', 'just-a-file.json']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--state <stack>=<file>');
    const file = path.join(tempDir(), 's.json');
    fs.writeFileSync(file, showJson({}));
    const unknown = await cli([...common, '--state', `dv-nowhere=${file}`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/dv-nowhere, not a stack of dv split by dataset/);
  });
});

describe('gdp drift --split-by with stacks that need each other', () => {
  it('refuses with one located GDP850, not an internal error', async () => {
    const dataset = 'description: "d"\nconfidentiality: c2\nlocation: eu\n';
    const table = (id: string, ds: string): string =>
      `table_id: ${id}\ndataset: ${ds}\nversion: 1\ndescription: "${id}"\nschema:\n  - name: id\n    type: STRING\n    mode: REQUIRED\n    description: "Key"\n`;
    const reads = (id: string, ds: string, t: string): string =>
      `routine_id: ${id}\ndataset_id: ${ds}\ndescription: "${id}"\ndefinition_body: |-\n  BEGIN\n    SELECT id FROM \${tables["${t}"].reference};\n  END\n`;
    const config = tempDir('gdp-split-cycle-');
    const files: Record<string, string> = {
      'datasets/alpha.yaml': dataset,
      'datasets/beta.yaml': dataset,
      'tables/items_v1.yaml': table('items', 'alpha'),
      'tables/totals_v1.yaml': table('totals', 'beta'),
      'sql-scripts/sprocs/sum_items.yaml': reads('sum_items', 'beta', 'items_v1'),
      'sql-scripts/sprocs/back.yaml': reads('back', 'alpha', 'totals_v1'),
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(config, rel)), { recursive: true });
      fs.writeFileSync(path.join(config, rel), text);
    }
    const state = path.join(tempDir('gdp-split-cycle-state-'), 'alpha.json');
    fs.writeFileSync(state, JSON.stringify({ format_version: '1.0', values: { root_module: { resources: [] } } }));
    const run = await cli(['drift', '--env', 'dv', '--split-by', 'dataset', '--config', config, '--environments', path.join(ROOT, 'environments'), '--state', `dv-alpha=${state}`]);
    expect(run.code).toBe(1);
    expect(run.stderr.match(/error GDP850/g)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/GDP900|internal/i);
  });
});

describe('gdp drift --split-by --live', () => {
  it("lists, in each checked stack's datasets, what no stack declares: tables declared in another stack are not unmanaged", async () => {
    // Split by folder, the sales dataset (datasets/) and its tables (tables/) are in different stacks.
    const compiled = compileFiles({}, { base: bundledConfiguration(), environments: ['dv'] });
    const out = tempDir('gdp-split-drift-live-');
    const [built] = buildStacks(compiled.project, ['dv'], out, 'folder');
    const tfOf = (name: string): Tf => JSON.parse(fs.readFileSync(path.join(out, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Tf;
    expect(built.split!.stacks.map((s) => s.name)).toEqual(expect.arrayContaining(['dv-datasets', 'dv-tables']));
    expect(Object.keys(tfOf('dv-datasets').resource?.google_bigquery_table ?? {})).not.toContain('table_transactions_v1');
    const dir = tempDir('gdp-split-live-');
    fs.writeFileSync(path.join(dir, 'datasets.json'), showJson(tfOf('dv-datasets')));
    fs.writeFileSync(path.join(dir, 'token'), 'tok');
    const base = '/bigquery/v2/projects/acme-data-dv/datasets/acme_c2_sales_eu_dv';
    const tableRef = (tableId: string) => ({ tableReference: { projectId: 'acme-data-dv', datasetId: 'acme_c2_sales_eu_dv', tableId }, type: 'TABLE' });
    const fake = await startFakeGoogle(
      new Map<string, unknown>([
        [`${base}/tables`, { tables: [tableRef('transactions_v1'), tableRef('scratch_copy')] }],
        [`${base}/routines`, { routines: [{ routineReference: { routineId: 'load_transactions' } }, { routineReference: { routineId: 'tmp_fix' } }] }],
      ]),
      'tok',
    );
    const common = ['drift', '--env', 'dv', '--split-by', 'folder', '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments'), '--state', `dv-datasets=${path.join(dir, 'datasets.json')}`, '--live'];
    try {
      const run = await cli([...common, '--access-token-file', path.join(dir, 'token'), '--endpoint', `bigquery=${fake.url}`, '--format', 'json']);
      expect(run.code).toBe(3);
      const result = JSON.parse(run.stdout) as { reports: { reports: { env: string; items: { kind: string; address: string }[] }[] } };
      const unmanaged = result.reports.reports.flatMap((r) => r.items.filter((i) => i.kind === 'unmanaged').map((i) => `${r.env} ${i.address}`));
      expect(unmanaged).toEqual(['dv-datasets acme-data-dv.acme_c2_sales_eu_dv.scratch_copy', 'dv-datasets acme-data-dv.acme_c2_sales_eu_dv.tmp_fix']);
      // Credentials are read before any other work: a missing token file stops the run at once.
      const noToken = await cli([...common, '--access-token-file', path.join(dir, 'no-such-token'), '--endpoint', `bigquery=${fake.url}`, '--format', 'json']);
      expect(noToken.code).toBe(2);
      expect(noToken.stderr).toMatch(/gdp: error GDP\d+: /);
      expect(noToken.stdout).toBe('');
    } finally {
      await fake.close();
    }
  });
});
