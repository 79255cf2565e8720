/** The bench's command line and repetitions (the run itself is not tested: it is timed work). */
import { defaultReps, parseArgs, STEPS } from '../../src/bench/run';

describe('bench command line', () => {
  it('runs every step at 100, 1,000, 5,000 and 20,000 tables by default, warm steps up to 5,000, no in-process SQL timing', () => {
    const o = parseArgs([]);
    expect(o.sizes).toEqual([100, 1000, 5000, 20000]);
    expect(o.steps).toEqual([...STEPS]);
    expect(o).toMatchObject({ reps: undefined, warmMaxN: 5000, sqlTimingMaxN: 0, keep: false });
    expect(o.resultsFile).toMatch(/bench[\\/]results\.json$/);
  });

  it('runs the steps asked for in their fixed order: a warm step after its cold step', () => {
    expect(parseArgs(['--steps', 'synth-dv-warm,plan,synth-dv', '--n', '1_000', '--no-write']).steps).toEqual(['synth-dv', 'synth-dv-warm', 'plan']);
    expect(parseArgs(['--n', '1_000', '--no-write'])).toMatchObject({ sizes: [1000], resultsFile: undefined });
  });

  it('refuses a wrong size, step or repetition count before any work', () => {
    expect(() => parseArgs(['--n', '10'])).toThrow('--n takes table counts');
    expect(() => parseArgs(['--steps', 'deploy'])).toThrow('unknown step deploy');
    expect(() => parseArgs(['--help'])).toThrow('unknown argument --help');
    expect(() => parseArgs(['--n', '100', '--rep', '1'])).toThrow('unknown argument --rep');
    expect(() => parseArgs(['--reps', '0'])).toThrow('--reps takes a positive integer');
    expect(() => parseArgs(['--warm-max-n', 'many'])).toThrow('--warm-max-n takes a table count');
  });
});

describe('default repetitions', () => {
  it('are 3 below 1,000 tables, 2 below 20,000 and 1 at 20,000; the SQL-checking steps once from 5,000', () => {
    expect([100, 1000, 5000, 20000].map((n) => defaultReps(n, 'synth-all'))).toEqual([3, 2, 2, 1]);
    expect([100, 1000, 5000, 20000].map((n) => defaultReps(n, 'validate'))).toEqual([3, 2, 1, 1]);
    expect(defaultReps(5000, 'validate-warm')).toBe(1);
    expect(defaultReps(5000, 'validate-nosql')).toBe(2);
  });
});
