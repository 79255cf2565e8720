/**
 * `gdp drift` on a state built from the bundled example's own synthesized stack (as Terraform would
 * hold it after a deploy: nested blocks as one-element lists, computed attributes added, references
 * resolved), then with one orphan, one missing resource and one console change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareState, readState, type StateResource } from '../../src/drift';
import type { StackJson } from '../../src/plan/classify';
import type { Values } from '../../src/plan/model';
import { synthesizeInMemory } from '../../src/plan/stacks';
import { isRecord } from '../../src/plan/values';
import { bundledConfiguration, compileFiles, errors, ROOT, tempDir } from '../../src/testing';
import { cli } from '../../src/testing/cli';
import { startFakeGoogle } from '../verify/fake-google';

/** A value as the state holds it: blocks as lists, references resolved to some text. */
function asState(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && value.includes('${')) return `resolved-${key}`;
  if (Array.isArray(value)) return value.map((v) => asState(v, key));
  if (isRecord(value)) {
    const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asState(v, k)]));
    return key === 'labels' || key === 'headers' ? out : [out];
  }
  return value;
}

function stateOf(stack: StackJson): StateResource[] {
  const out: StateResource[] = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, values] of Object.entries(byName)) {
      const attributes: Record<string, unknown> = { id: `id-of-${name}`, etag: 'abc', effective_labels: { x: 'y' } };
      for (const [k, v] of Object.entries(values)) if (!['//', 'depends_on', 'lifecycle', 'provider'].includes(k)) attributes[k] = asState(v, k);
      out.push({ address: `${type}.${name}`, type, name, values: attributes as Values });
    }
  }
  return out;
}

const compiled = compileFiles({}, { base: bundledConfiguration(), environments: ['dv'] });
const stack = synthesizeInMemory(compiled.project, ['dv']).get('dv')!;

it('finds nothing when the state is what gdp synthesizes', () => {
  expect(errors(compiled)).toEqual([]);
  const report = compareState('dv', 'state.json', stack, stateOf(stack), () => undefined);
  expect(report.items).toEqual([]);
  expect(report.declared).toBeGreaterThan(40);
});

describe('one orphan, one missing resource, one console change', () => {
  const state = stateOf(stack)
    .filter((r) => r.address !== 'google_bigquery_table.table_orders_v1')
    .map((r) => (r.address === 'google_cloud_scheduler_job.scheduler_daily_orders' ? { ...r, values: { ...r.values, schedule: '0 5 * * *' } } : r));
  state.push({ address: 'google_bigquery_table.table_refunds_v1', type: 'google_bigquery_table', name: 'table_refunds_v1', values: { table_id: 'refunds_v1' } });

  it('reports exactly those three', () => {
    const report = compareState('dv', 'state.json', stack, state, (name) => (name === 'table_orders_v1' ? 'configuration/tables/orders_v1.yaml' : undefined));
    expect(report.items).toEqual([
      { kind: 'orphan', address: 'google_bigquery_table.table_refunds_v1', type: 'google_bigquery_table', attributes: [] },
      { kind: 'missing', address: 'google_bigquery_table.table_orders_v1', type: 'google_bigquery_table', source: 'configuration/tables/orders_v1.yaml', attributes: [] },
      { kind: 'changed', address: 'google_cloud_scheduler_job.scheduler_daily_orders', type: 'google_cloud_scheduler_job', source: undefined, attributes: [{ path: 'schedule', configured: '30 2 * * *', actual: '0 5 * * *' }] },
    ]);
  });

  it('reads the same from `terraform show -json` output and from a raw state file, through the CLI', async () => {
    const dir = tempDir('gdp-drift-');
    const show = { format_version: '1.0', values: { root_module: { resources: state.map((r) => ({ ...r, mode: 'managed' })) } } };
    const raw = {
      version: 4,
      resources: [
        ...state.map((r) => ({ mode: 'managed', type: r.type, name: r.name, instances: [{ attributes: r.values }] })),
        { mode: 'data', type: 'google_project', name: 'p', instances: [{ attributes: {} }] },
      ],
    };
    fs.writeFileSync(path.join(dir, 'show.json'), JSON.stringify(show));
    fs.writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify(raw));
    expect(readState('show.json', JSON.stringify(show)).map((r) => r.address)).toEqual(readState('raw', JSON.stringify(raw)).map((r) => r.address));
    const base = ['drift', '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments'), '--env', 'dv'];
    const text = await cli([...base, '--state', path.join(dir, 'terraform.tfstate')]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('1 orphan(s), 1 missing, 1 changed outside gdp');
    expect(text.stdout).toContain('missing google_bigquery_table.table_orders_v1  declared in configuration/tables/orders_v1.yaml, not in the state');
    expect(text.stdout).toContain('schedule: configuration "30 2 * * *", state "0 5 * * *"');
    const json = await cli([...base, '--state', path.join(dir, 'show.json'), '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ inSync: false, reports: [{ env: 'dv', items: [{ kind: 'orphan' }, { kind: 'missing' }, { kind: 'changed' }] }] });
    const md = await cli([...base, '--state', path.join(dir, 'show.json'), '--format', 'markdown']);
    expect(md.stdout).toContain('| changed | `google_cloud_scheduler_job.scheduler_daily_orders` |');
  });
});

it('rejects a file that is not a state, before any other work', async () => {
  const dir = tempDir('gdp-drift-');
  fs.writeFileSync(path.join(dir, 'plan.json'), '{"hello": 1}');
  const r = await cli(['drift', '--env', 'dv', '--state', path.join(dir, 'plan.json'), '--config', '/nonexistent']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('error GDP830:');
  expect(r.stderr).toContain('neither `terraform show -json` output');
  const missing = await cli(['drift', '--env', 'dv', '--state', path.join(dir, 'nope.json')]);
  expect(missing).toMatchObject({ code: 2 });
  expect(missing.stderr).toContain('cannot read');
});

describe('--live', () => {
  it('lists tables and routines in gdp datasets that no file declares, across result pages', async () => {
    const dir = tempDir('gdp-drift-live-');
    fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ format_version: '1.0', values: { root_module: { resources: stateOf(stack).map((r) => ({ ...r, mode: 'managed' })) } } }));
    fs.writeFileSync(path.join(dir, 'token'), 'tok');
    const base = '/bigquery/v2/projects/acme-data-dv/datasets/acme_c2_sales_eu_dv';
    const tableRef = (tableId: string, type = 'TABLE') => ({ tableReference: { projectId: 'acme-data-dv', datasetId: 'acme_c2_sales_eu_dv', tableId }, type });
    const fake = await startFakeGoogle(
      new Map<string, unknown>([
        [`${base}/tables`, { tables: [tableRef('transactions_v1'), tableRef('orders_v1'), tableRef('scratch_copy')], nextPageToken: 'p2' }],
        [`${base}/tables?pageToken=p2`, { tables: [tableRef('sales_daily_v1'), tableRef('old_report', 'VIEW')] }],
        [`${base}/routines`, { routines: [{ routineReference: { routineId: 'load_transactions' } }, { routineReference: { routineId: 'tmp_fix' } }] }],
      ]),
      'tok',
    );
    try {
      const r = await cli(['drift', '--env', 'dv', '--state', path.join(dir, 'state.json'), '--live', '--access-token-file', path.join(dir, 'token'), '--endpoint', `bigquery=${fake.url}`, '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments'), '--format', 'json']);
      expect(r.code).toBe(3);
      const items = (JSON.parse(r.stdout) as { reports: { items: { kind: string; address: string; type: string }[] }[] }).reports[0].items;
      expect(items).toEqual([
        { kind: 'unmanaged', address: 'acme-data-dv.acme_c2_sales_eu_dv.old_report', type: 'view', attributes: [] },
        { kind: 'unmanaged', address: 'acme-data-dv.acme_c2_sales_eu_dv.scratch_copy', type: 'table', attributes: [] },
        { kind: 'unmanaged', address: 'acme-data-dv.acme_c2_sales_eu_dv.tmp_fix', type: 'routine', attributes: [] },
      ]);
    } finally {
      await fake.close();
    }
  });
});
