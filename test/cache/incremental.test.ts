/**
 * The incremental cache never changes a result: over a sequence of random edits of a generated project
 * (deterministic seed), `gdp validate` and `gdp synth --env dv` with the cache give byte for byte what they
 * give with `--no-cache`: exit code, stdout, stderr, and every file of the output folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateConfiguration } from '../../src/bench/generate';
import { cli, type CliRun } from '../../src/testing/cli';
import { readTreeText, ROOT, tempDir } from '../../src/testing';


/** A small deterministic PRNG (mulberry32), so the edits are random but the same on every run. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

interface Outcome {
  readonly validate: CliRun;
  readonly synth: CliRun;
  readonly files: Record<string, string>;
}

/** The run's own duration (`(412 ms)`, `(0.4 s)`) is the one part of the output that may differ. */
const withoutTiming = (run: CliRun): CliRun => ({ ...run, stdout: run.stdout.replace(/\(\d+(\.\d+)? m?s\)/g, '(…)') });

describe('incremental cache', () => {
  const project = tempDir('gdp-incremental-');
  const config = path.join(project, 'configuration');
  const out = path.join(project, 'cdktf.out');
  const cacheDir = path.join(project, '.gdp-cache');
  const { tables } = generateConfiguration(config, 40);
  // A copy of the environments, so an edit of one is part of the sequence.
  const environments = path.join(project, 'environments');
  fs.cpSync(path.join(ROOT, 'environments'), environments, { recursive: true });
  const pick = random(20261206);
  const common = ['--config', config, '--environments', environments];
  let saved: string | undefined;

  beforeAll(() => {
    // The default folder: .gdp-cache/ beside configuration/.
    saved = process.env.GDP_CACHE_DIR;
    delete process.env.GDP_CACHE_DIR;
  });
  afterAll(() => {
    process.env.GDP_CACHE_DIR = saved;
  });

  const run = async (cache: boolean): Promise<Outcome> => {
    const flag = cache ? [] : ['--no-cache'];
    const validate = withoutTiming(await cli(['validate', ...common, ...flag]));
    fs.rmSync(out, { recursive: true, force: true });
    const synth = withoutTiming(await cli(['synth', ...common, '--env', 'dv', '--out', out, ...flag]));
    const files = fs.existsSync(out) ? readTreeText(out) : {};
    return { validate, synth, files };
  };

  /** Runs with the cache, then without it, and requires the same bytes. */
  const same = async (): Promise<Outcome> => {
    const cached = await run(true);
    const cold = await run(false);
    expect(cached.validate).toEqual(cold.validate);
    expect(cached.synth).toEqual(cold.synth);
    expect(Object.keys(cached.files)).toEqual(Object.keys(cold.files));
    for (const file of Object.keys(cold.files)) expect([file, cached.files[file]]).toEqual([file, cold.files[file]]);
    return cold;
  };

  const file = (...parts: string[]): string => path.join(config, ...parts);
  const edit = (f: string, change: (text: string) => string): void => {
    const before = fs.readFileSync(f, 'utf8');
    const after = change(before);
    expect(after).not.toBe(before);
    fs.writeFileSync(f, after);
  };
  const procedures = (): string[] => fs.readdirSync(file('sql-scripts', 'sprocs')).sort();
  const plainTable = (): string => {
    // A table no load writes (a load's target has extra columns): procedures read and write these.
    const free = tables.filter((t) => !fs.readFileSync(file('tables', `${t}.yaml`), 'utf8').includes('_load'));
    return free[pick(free.length)];
  };

  it('gives what a run without it gives, over random edits', async () => {
    const first = await same();
    expect(first.validate.code).toBe(0);
    expect(Object.keys(first.files)).toContain('stacks/dv/cdk.tf.json');
    expect(fs.readdirSync(cacheDir)).toEqual(['v1']);

    // A description.
    edit(file('tables', `${plainTable()}.yaml`), (t) => t.replace(/description: "Synthetic table (\d+)"/, 'description: "Edited table $1"'));
    await same();

    // A new column.
    edit(file('tables', `${plainTable()}.yaml`), (t) => t.replace('schema:\n', 'schema:\n  - name: added_note\n    type: STRING\n'));
    await same();

    // A column a procedure reads is renamed: its findings must come from the new catalog, not the cache.
    const sqlTexts = procedures().map((p) => fs.readFileSync(file('sql-scripts', 'sprocs', p), 'utf8'));
    const read = tables.filter((t) => !fs.readFileSync(file('tables', `${t}.yaml`), 'utf8').includes('_load') && sqlTexts.some((sql) => sql.includes(`"${t}"`)));
    expect(read.length).toBeGreaterThan(0);
    const renamed = read[pick(read.length)];
    edit(file('tables', `${renamed}.yaml`), (t) => t.replace('- name: category\n', '- name: category_label\n'));
    const afterRename = await same();
    expect(afterRename.validate.code).toBe(1);
    expect(afterRename.validate.stderr).toContain('category');

    // A broken reference (an error run: nothing written, the same diagnostics), then fixed again.
    const broken = file('sql-scripts', 'sprocs', procedures()[pick(procedures().length)]);
    const original = fs.readFileSync(broken, 'utf8');
    edit(broken, (t) => t.replace(/tables\["(t_\d+_v1)"\]/, 'tables["$1_missing"]'));
    const error = await same();
    expect(error.validate.code).toBe(1);
    expect(error.validate.stderr).toContain('_missing');
    expect(error.files).toEqual({});
    fs.writeFileSync(broken, original);
    await same();

    // SQL edited into a mistake ZetaSQL finds, then back.
    const sqlFile = file('sql-scripts', 'sprocs', procedures()[pick(procedures().length)]);
    const sqlBefore = fs.readFileSync(sqlFile, 'utf8');
    edit(sqlFile, (t) => t.replace('amount = source.amount', 'amount = source.amount_typo'));
    const sqlError = await same();
    expect(sqlError.validate.code).toBe(1);
    expect(sqlError.validate.stderr).toContain('amount_typo');
    fs.writeFileSync(sqlFile, sqlBefore);
    await same();

    // A load's settings, then its target's columns: its procedure is rendered from both.
    const loads = fs.readdirSync(file('loads')).sort().filter((l) => fs.readFileSync(file('loads', l), 'utf8').includes('severity: fail'));
    expect(loads.length).toBeGreaterThan(0);
    const load = file('loads', loads[pick(loads.length)]);
    edit(load, (t) => t.replace(/severity: fail/, 'severity: warn'));
    await same();
    const target = /^target: (\S+)$/m.exec(fs.readFileSync(load, 'utf8'))![1];
    edit(file('tables', `${target}.yaml`), (t) => t.replace('schema:\n', 'schema:\n  - name: added_by_test\n    type: INT64\n'));
    await same();

    // An environment's project: every name of its SQL, and its catalog, change.
    edit(path.join(environments, 'qa.json'), (t) => t.replace('"acme-data-qa"', '"acme-data-qa2"'));
    await same();

    // A file deleted, another renamed.
    const schedulers = fs.readdirSync(file('triggers', 'schedulers')).sort();
    fs.rmSync(file('triggers', 'schedulers', schedulers[pick(schedulers.length)]));
    await same();
    const table = plainTable();
    fs.renameSync(file('tables', `${table}.yaml`), file('tables', `${table}_moved.yaml`));
    await same();

    // A corrupt entry and a foreign file are misses, never errors.
    const entries = fs.readdirSync(path.join(cacheDir, 'v1'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    expect(entries.length).toBeGreaterThan(0);
    fs.writeFileSync(path.join(cacheDir, 'v1', entries[0]), '{"format":"gdp-cache/1","key":');
    fs.writeFileSync(path.join(cacheDir, 'v1', entries[1]), JSON.stringify({ format: 'gdp-cache/1', key: 'other', value: [{ code: 'GDP620', message: 'x' }] }));
    await same();

    // Deleting the cache at any time is fine.
    fs.rmSync(cacheDir, { recursive: true, force: true });
    await same();
  }, 600_000);

  it('is read: a doctored entry shows in the next run (so the comparisons above compare cached results)', async () => {
    await cli(['validate', ...common]);
    const doctor = (namespace: string, change: (value: unknown) => unknown): void => {
      const dir = path.join(cacheDir, 'v1', namespace);
      const entries = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
      expect(entries.length).toBeGreaterThan(0);
      for (const f of entries) {
        const entry = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { value: unknown };
        entry.value = change(entry.value);
        fs.writeFileSync(path.join(dir, f), JSON.stringify(entry));
      }
    };
    const doctored = (message: string): unknown[] => [{ code: 'GDP620', message, severity: 'warning' }];
    // First the result of each body in every environment, when nothing it depends on changed.
    doctor('sql-slots', (v) => ({ ...(v as object), findings: (v as { findings: unknown[] }).findings.map(() => doctored('doctored slot')) }));
    expect((await cli(['validate', ...common])).stderr).toContain('doctored slot');
    // Without those, the findings of each group of environments.
    fs.rmSync(path.join(cacheDir, 'v1', 'sql-slots'), { recursive: true });
    doctor('sql-findings', () => doctored('doctored entry'));
    expect((await cli(['validate', ...common])).stderr).toContain('doctored entry');
    expect((await cli(['validate', ...common, '--no-cache'])).stderr).not.toContain('doctored');
  }, 120_000);

  it('is neither read nor written with --no-cache', async () => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    await cli(['validate', ...common, '--no-cache']);
    expect(fs.existsSync(cacheDir)).toBe(false);
  }, 120_000);
});
