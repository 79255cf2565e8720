/** The benchmark's report: medians, the targets of the issue, and the tables printed. */
import { evaluateTargets, formatTable, formatTargets, median, type BenchRun } from '../../src/bench/report';

const run = (n: number, step: string, wall: number, extra: Partial<BenchRun> = {}): BenchRun => ({ n, step, wall_s: wall, ...extra });

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
});

describe('evaluateTargets', () => {
  const runs: BenchRun[] = [
    run(1000, 'validate-nosql', 2, { ratio_to_floor: 2 }),
    run(1000, 'synth-all', 6, { ratio_to_floor: 5, resources: 8000 }),
    run(1000, 'plan', 12),
    run(5000, 'synth-dv', 12, { rss_mb: 450 }),
    run(5000, 'synth-all', 30, { ratio_to_floor: 4, resources: 40000, rss_mb: 500 }),
    run(5000, 'plan', 90, { rss_mb: 1500 }),
  ];

  it('checks each target against the medians', () => {
    // GIVEN medians at 1,000 and 5,000 WHEN evaluated
    const targets = evaluateTargets(runs, [{ n: 5000, start_s: 1, check_s: 5, bodies: 1000, ms_per_body: 5, findings: 0 }]);
    const byName = (part: string) => targets.find((t) => t.target.includes(part))!;
    // THEN met and missed targets with their measured values
    expect(byName('≤ 10× floor (parse + write) at N=1000')).toMatchObject({ measured: 5, met: true });
    expect(byName('cost per resource')).toMatchObject({ measured: 1, met: true });
    expect(byName('peak RSS')).toMatchObject({ measured: 1500, met: false, detail: 'plan' });
    expect(byName('synth --env dv')).toMatchObject({ measured: 0.4, met: false });
    expect(byName('validate --no-sql-check')).toMatchObject({ measured: 2, met: true });
    expect(byName('SQL analysis')).toMatchObject({ measured: 5, met: true });
    expect(byName('plan ≤ 2.5× synth --env all at N=5000')).toMatchObject({ measured: 3, met: false });
    expect(byName('plan ≤ 2.5× synth --env all at N=1000')).toMatchObject({ measured: 2, met: true });
  });

  it('leaves a target unmeasured when its size or step did not run', () => {
    // GIVEN only N = 1,000 WHEN evaluated THEN the N = 5,000 targets have no verdict
    const targets = evaluateTargets(runs.filter((r) => r.n === 1000), []);
    expect(targets.find((t) => t.target.includes('at N=5000'))).not.toHaveProperty('met');
    expect(targets.filter((t) => t.met === undefined).length).toBeGreaterThanOrEqual(5);
  });
});

describe('formatTable', () => {
  it('prints one row per step, skipped steps with their reason', () => {
    const text = formatTable([run(100, 'validate', 1.234, { cpu_s: 2, rss_mb: 100, tree_rss_mb: 120, floor_s: 0.5, ratio_to_floor: 2.468 }), { n: 100, step: 'plan', skipped: 'gdp plan does not exist yet' }], []);
    expect(text).toContain('| 100 | validate | 1.23 | 2.00 | 100 (120) | - | 0.50 | 2.5 |');
    expect(text).toContain('| 100 | plan | skipped: gdp plan does not exist yet |');
    expect(formatTargets([{ target: 't', limit: 1, measured: 2, met: false }])).toContain('| t | 2 | **no** |');
  });
});
