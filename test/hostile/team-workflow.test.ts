import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../../src/testing';

interface Step {
  readonly run?: string;
  readonly uses?: string;
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, { readonly steps: readonly Step[] }>;
}

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
const steps = (file: string): Step[] => Object.values((parse(read(file)) as Workflow).jobs).flatMap((j) => [...j.steps]);
/** `make -n` (print, do not run) without an ENV variable of the test's own environment. */
const make = (...args: string[]) =>
  spawnSync('make', ['-n', ...args], { cwd: ROOT, encoding: 'utf8', env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'ENV')) });

describe("the team's own workflow", () => {
  it('runs .ci/run on every push and pull request', () => {
    const workflow = parse(read('.github/workflows/ci.yml')) as Workflow;
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(steps('.github/workflows/ci.yml').map((s) => s.run?.trim())).toContain('.ci/run');
  });

  it('installs in plan.yml the way .ci/run does, never with npm ci', () => {
    const install = read('.ci/run').split('\n').find((l) => l.startsWith('npm install'))!;
    const runs = steps('.github/workflows/plan.yml').map((s) => s.run?.trim() ?? '');
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(false);
    expect(runs).toContain(install);
  });

  it('offers a pre-commit hook that runs gdp validate once per commit on configuration changes', () => {
    const [hook] = parse(read('.pre-commit-hooks.yaml')) as { id: string; entry: string; pass_filenames: boolean; files: string }[];
    expect(hook).toMatchObject({ id: 'gdp-validate', pass_filenames: false });
    expect(hook.entry).toMatch(/gdp validate$/);
    expect(new RegExp(hook.files).test('configuration/tables/orders_v1.yaml')).toBe(true);
    expect(new RegExp(hook.files).test('environments/dv.json')).toBe(true);
    expect(new RegExp(hook.files).test('README.md')).toBe(false);
  });

  it('has ENV=<env> make init|plan|deploy|clean over gdp and cdktf, dv by default', () => {
    const init = make('init');
    expect(init.stdout).toContain('synth --env dv');
    expect(init.stdout).toContain('terraform -chdir=cdktf.out/stacks/dv init');
    const plan = make('plan', 'ENV=qa');
    expect(plan.stdout).toContain('synth --env qa');
    expect(plan.stdout).toContain('cdktf diff qa --skip-synth');
    expect(make('deploy', 'ENV=pd').stdout).toContain('cdktf deploy pd --skip-synth');
    expect(make('clean', 'ENV=np').stdout).toContain('rm -rf cdktf.out/stacks/np');
    const wrong = spawnSync('make', ['clean', 'ENV=prod'], { cwd: ROOT, encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('ENV=prod is not an environment');
  });
});
