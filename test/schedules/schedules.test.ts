/** `gdp schedules`: next runs per environment in the job's zone and UTC, across a DST change; paused jobs. */
import * as path from 'node:path';
import { projectSchedules, runTimes } from '../../src/schedules';
import { bundledConfiguration, compileFiles, errors, ROOT } from '../../src/testing';
import { cli } from '../../src/testing/cli';

const FROM = new Date('2026-03-28T00:00:00Z');

it('gives local and UTC times; the UTC offset follows daylight saving time', () => {
  expect(runTimes('0 5 * * *', 'Europe/Amsterdam', 2, FROM)).toEqual([
    { local: '2026-03-28 05:00', utc: '2026-03-28 04:00', at: '2026-03-28T04:00:00.000Z' },
    { local: '2026-03-29 05:00', utc: '2026-03-29 03:00', at: '2026-03-29T03:00:00.000Z' },
  ]);
  expect(runTimes('*/20 9-10 * * 1-5', 'America/New_York', 3, new Date('2026-01-02T14:30:00Z')).map((r) => r.local)).toEqual(['2026-01-02 09:40', '2026-01-02 10:00', '2026-01-02 10:20']);
  expect(runTimes('not a cron', 'Etc/UTC', 3, FROM)).toEqual([]);
});

it('lists every job of every environment, paused where the environment pauses them', () => {
  const compiled = compileFiles({}, { base: bundledConfiguration(), environments: ['dv', 'pd'] });
  expect(errors(compiled)).toEqual([]);
  const [dv, pd] = projectSchedules(compiled.project, 2, FROM);
  expect(dv).toMatchObject({ env: 'dv', allPaused: true });
  expect(pd).toMatchObject({ env: 'pd', allPaused: false });
  const daily = (e: typeof dv) => e.jobs.find((j) => j.name === 'daily_orders')!;
  expect(daily(dv)).toMatchObject({ paused: true, jobName: 'acme-sch-daily-orders-ew4-dv', schedule: '30 2 * * *', timezone: 'Europe/Amsterdam' });
  expect(daily(pd).paused).toBe(false);
  expect(daily(pd).next.map((r) => r.utc)).toEqual(['2026-03-28 01:30', '2026-03-29 01:30']);
  // Jobs a load declares are listed too.
  expect(pd.jobs.map((j) => j.name)).toContain('load_customers_history');
});

describe('gdp schedules', () => {
  const base = ['schedules', '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments'), '--from', '2026-03-28T00:00:00Z'];

  it('prints paused jobs as such', async () => {
    const r = await cli([...base, '--env', 'dv', '--count', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dv: 5 scheduler jobs, all paused (options.pause_schedulers)');
    expect(r.stdout).toContain('  daily_orders  "30 2 * * *" Europe/Amsterdam  PAUSED (environment pauses every job)  acme-sch-daily-orders-ew4-dv\n    would run 2026-03-28 02:30 Europe/Amsterdam  (2026-03-28 01:30 UTC)');
  });

  it('prints JSON and markdown', async () => {
    const json = JSON.parse((await cli([...base, '--env', 'qa', '--format', 'json'])).stdout);
    expect(json.environments[0].jobs[0]).toMatchObject({ name: 'daily_orders', paused: false });
    expect(json.environments[0].jobs[0].next).toHaveLength(3);
    const md = (await cli([...base, '--env', 'qa', '--format', 'markdown', '--count', '1'])).stdout;
    expect(md).toContain('| daily_orders | `30 2 * * *` | Europe/Amsterdam | active | 2026-03-28 02:30 | 2026-03-28 01:30 |');
  });

  it('rejects a bad --from or --count before any work', async () => {
    const r = await cli(['schedules', '--from', 'yesterday', '--config', '/nonexistent']);
    expect(r).toMatchObject({ code: 2 });
    expect(r.stderr).toContain('--from: "yesterday" is not a date and time');
    const c = await cli(['schedules', '--count', '0']);
    expect(c.stderr).toContain('--count: 0 is not a whole number from 1 to 50');
  });
});
