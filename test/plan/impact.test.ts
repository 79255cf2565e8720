/**
 * The plan's impact section: readers downstream of a replaced table (from the SQL lineage), the
 * Mermaid picture of the changed subgraph, and next runs before and after a schedule change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateProject } from '../../src/api';
import { renderMarkdown, renderText } from '../../src/plan';
import { planImpact, sideNodes } from '../../src/plan/impact';
import type { ResourceChange } from '../../src/plan/model';
import { ROOT } from '../../src/testing';
import { planWorkspace, workspace } from './helpers';

const read = (rel: string): string => fs.readFileSync(path.join(ROOT, 'configuration', rel), 'utf8');

describe('a replaced table and a changed schedule', () => {
  const ws = workspace({
    head: {
      'tables/transactions_v1.yaml': read('tables/transactions_v1.yaml').replace('  - name: amount\n    type: NUMERIC', '  - name: amount\n    type: BIGNUMERIC'),
      'triggers/schedulers/daily_orders.yaml': read('triggers/schedulers/daily_orders.yaml').replace('schedule: "30 2 * * *"', 'schedule: "0 4 * * 1-5"'),
    },
  });
  const now = new Date('2026-03-27T12:00:00Z'); // a Friday, two days before summer time in Amsterdam
  const run = planWorkspace(ws, { environments: ['pd'], now });

  it('lists what reads the table, directly and further downstream', async () => {
    const impact = (await run).plan!.environments[0].impact!;
    expect(impact.sqlAnalysed).toBe(true);
    expect(impact.tables).toEqual([
      {
        table: 'transactions_v1',
        address: 'google_bigquery_table.table_transactions_v1',
        action: 'replace',
        readers: ['loads/sales_daily', 'loads/transactions_upsert'],
        downstream: expect.arrayContaining(['tables/sales_daily_v1']),
      },
    ]);
  });

  it('draws the changed subgraph with the changed entities highlighted', async () => {
    const md = renderMarkdown((await run).plan!);
    const picture = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1] ?? '';
    expect(picture).toContain('flowchart LR');
    const id = (label: string, kind: string) => new RegExp(`(n\\d+)[\\[({>]+"${label}<br/><small>${kind}</small>`).exec(picture)?.[1];
    const changed = /class (\S+) highlight/.exec(picture)?.[1].split(',') ?? [];
    expect(changed.sort()).toEqual([id('daily_orders', 'scheduler'), id('transactions_v1', 'table')].sort());
    expect(picture).toContain(`${id('transactions_v1', 'table')} --> ${id('sales_daily', 'load')}`);
    expect(picture).toContain(`${id('sales_daily', 'load')} ==> ${id('sales_daily_v1', 'table')}`);
    expect(md).toContain('- `transactions_v1` (replace): read by `loads/sales_daily`, `loads/transactions_upsert`');
  });

  it('shows next runs before and after the schedule change, across the DST switch', async () => {
    const [s] = (await run).plan!.environments[0].impact!.schedules;
    expect(s.address).toBe('google_cloud_scheduler_job.scheduler_daily_orders');
    expect(s.before?.next.map((r) => `${r.local} / ${r.utc}`)).toEqual(['2026-03-28 02:30 / 2026-03-28 01:30', '2026-03-29 03:30 / 2026-03-29 01:30', '2026-03-30 02:30 / 2026-03-30 00:30']);
    expect(s.after?.next.map((r) => `${r.local} / ${r.utc}`)).toEqual(['2026-03-30 04:00 / 2026-03-30 02:00', '2026-03-31 04:00 / 2026-03-31 02:00', '2026-04-01 04:00 / 2026-04-01 02:00']);
    const text = renderText((await run).plan!);
    expect(text).toContain('  schedule of google_cloud_scheduler_job.scheduler_daily_orders: 30 2 * * * Europe/Amsterdam → 0 4 * * 1-5 Europe/Amsterdam\n    before: 2026-03-28 02:30 Europe/Amsterdam (2026-03-28 01:30 UTC)');
  });
});

it('has no impact section when nothing changes', async () => {
  const run = await planWorkspace(workspace(), { environments: ['dv'] });
  expect(run.plan!.environments[0].impact).toBeUndefined();
});

describe('a destroyed table whose reader stays', () => {
  // count_scratch reads scratch_v1 by its name only (no reference, so it stays valid) and writes sales_daily_v1.
  const countScratch = `routine_id: count_scratch
dataset_id: sales
description: "Counts scratch rows into the daily sales"
definition_body: |-
  BEGIN
    INSERT INTO \${tables["sales_daily_v1"].reference} (sale_date)
    SELECT CURRENT_DATE() FROM \`acme-data-dv.acme_c2_sales_eu_dv.scratch_v1\`;
  END;
`;
  const ws = workspace({
    base: { 'tables/scratch_v1.yaml': read('tables/orders_v1.yaml').replace('table_id: orders', 'table_id: scratch') },
    both: { 'sql-scripts/sprocs/count_scratch.yaml': countScratch },
    head: { 'triggers/schedulers/daily_orders.yaml': read('triggers/schedulers/daily_orders.yaml').replace('schedule: "30 2 * * *"', 'schedule: "0 4 * * 1-5"') },
  });

  it('draws its readers with the edges their SQL makes on the head side, not stand-ins', async () => {
    const run = await planWorkspace(ws, { environments: ['dv'] });
    const impact = run.plan!.environments[0].impact!;
    expect(impact.tables).toEqual([expect.objectContaining({ table: 'scratch_v1', action: 'destroy', readers: ['procedures/count_scratch'] })]);
    const picture = /```mermaid\n([\s\S]*?)```/.exec(renderMarkdown(run.plan!))?.[1] ?? '';
    const id = (label: string, kind: string) => new RegExp(`(n\\d+)[\\[({>]+"${label}<br/><small>${kind}</small>`).exec(picture)?.[1];
    expect(id('count_scratch', 'procedure')).toBeDefined();
    expect(picture).toContain(`${id('count_scratch', 'procedure')} ==> ${id('sales_daily_v1', 'table')}`);
  });
});

describe('the base side in the impact', () => {
  const destroyed = (type: string, name: string): ResourceChange => ({ address: `${type}.${name}`, type, name, action: 'destroy', attributes: [], replaceReasons: [], risks: [], blocked: false });

  it('maps destroyed resources other than tables to their nodes without compiling the base side again', async () => {
    const { project } = await validateProject({ configDir: path.join(ROOT, 'configuration'), environmentsDir: path.join(ROOT, 'environments'), environments: ['dv'], sqlCheck: false });
    const sides = {
      head: project!,
      baseNodes: sideNodes(project!),
      base: (): never => {
        throw new Error('the base project was compiled again');
      },
    };
    const changes = new Map([['dv' as const, [destroyed('google_cloud_scheduler_job', 'scheduler_daily_orders')]]]);
    const impact = await planImpact(sides, [new Map(), new Map()], changes, new Date('2026-03-27T12:00:00Z'));
    expect(impact.get('dv')?.mermaid).toMatch(/"daily_orders<br\/><small>scheduler<\/small>/);
    expect(impact.get('dv')?.mermaid).toMatch(/class \S+ highlight/);
  });
});
