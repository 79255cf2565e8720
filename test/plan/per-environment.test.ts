/**
 * `gdp plan` synthesizes and compares one environment at a time (one pair of stacks alive at once): a
 * plan of every environment must be each environment's plan alone, impact (next runs of changed
 * scheduler jobs) included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../src/testing';
import { planWorkspace, workspace } from './helpers';

const read = (rel: string): string => fs.readFileSync(path.join(ROOT, 'configuration', rel), 'utf8');

it('plans all environments together exactly as each one alone, schedule impact included', async () => {
  const ws = workspace({
    head: {
      'tables/transactions_v1.yaml': read('tables/transactions_v1.yaml').replace('  - name: amount\n    type: NUMERIC', '  - name: amount\n    type: BIGNUMERIC'),
      'triggers/schedulers/daily_orders.yaml': read('triggers/schedulers/daily_orders.yaml').replace('schedule: "30 2 * * *"', 'schedule: "0 4 * * 1-5"'),
    },
  });
  const now = new Date('2026-03-27T12:00:00Z');
  const all = await planWorkspace(ws, { environments: ['dv', 'qa', 'np', 'pd'], now });
  expect(all.plan?.environments.map((e) => e.env)).toEqual(['dv', 'qa', 'np', 'pd']);
  for (const env of ['dv', 'pd'] as const) {
    const alone = await planWorkspace(ws, { environments: [env], now });
    const together = all.plan!.environments.find((e) => e.env === env)!;
    expect(together).toEqual(alone.plan!.environments[0]);
    expect(together.impact?.schedules.map((s) => [s.address, s.before?.schedule, s.after?.schedule])).toEqual([
      ['google_cloud_scheduler_job.scheduler_daily_orders', '30 2 * * *', '0 4 * * 1-5'],
    ]);
  }
});
