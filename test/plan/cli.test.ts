/**
 * Git refs as sides (a temporary repository with commits, and `gdp plan --base HEAD` on this repository)
 * and the command line: formats, exit codes and usage errors.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMENT_MARKER } from '../../src/plan/render-markdown';
import { runPlan } from '../../src/plan/run-plan';
import { PlanUsageError } from '../../src/plan/sides';
import { cli } from '../../src/testing/cli';
import { ROOT, tempDir } from '../../src/testing';
import { COLUMNS, PROBE, PROBE_DATASET, applyEdits, changeOf, columns, probeTable } from './helpers';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=gdp test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('git refs as sides', () => {
  // A repository whose history is: an empty commit, the bundled example with the probe table, one column added.
  let repo: string;
  beforeAll(() => {
    repo = tempDir('gdp-plan-git-');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'empty');
    git(repo, 'tag', 'empty');
    fs.cpSync(path.join(ROOT, 'configuration'), path.join(repo, 'configuration'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'environments'), path.join(repo, 'environments'), { recursive: true });
    applyEdits(path.join(repo, 'configuration'), { 'datasets/probe.yaml': PROBE_DATASET, 'tables/probe_v1.yaml': probeTable(COLUMNS) });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'example');
    applyEdits(path.join(repo, 'configuration'), { 'tables/probe_v1.yaml': probeTable(`${COLUMNS}  - name: extra\n    type: STRING\n`) });
    git(repo, 'commit', '-q', '-am', 'add a column');
  });

  it('compares two commits', async () => {
    const run = await runPlan({ base: 'HEAD~1', head: 'HEAD', cwd: repo, environments: ['dv'] });
    expect(run.plan!.base).toMatchObject({ kind: 'git', spec: 'HEAD~1', commit: git(repo, 'rev-parse', 'HEAD~1').trim() });
    expect(run.plan!.base.label).toMatch(/^HEAD~1 \([0-9a-f]{7}\)$/);
    expect(columns(changeOf(run, PROBE))).toEqual(['extra added in-place']);
    expect(changeOf(run, PROBE)?.source).toBe('configuration/tables/probe_v1.yaml');
  });

  it('compares a commit with the working tree', async () => {
    applyEdits(path.join(repo, 'configuration'), { 'tables/probe_v1.yaml': probeTable(COLUMNS.replace('  - name: note\n    type: STRING\n', '')) });
    try {
      const run = await runPlan({ base: 'main', cwd: repo, environments: ['dv'] });
      expect(run.plan!.head.label).toBe('working tree (configuration)');
      expect(columns(changeOf(run, PROBE))).toEqual(['note dropped in-place', 'extra dropped in-place']);
      expect(changeOf(run, PROBE)?.schema?.droppedInPlace).toEqual(['note', 'extra']);
    } finally {
      git(repo, 'checkout', '-q', '--', 'configuration');
    }
  });

  it('plans everything as new from a commit without configuration, and says so', async () => {
    const run = await runPlan({ base: 'empty', head: 'HEAD', cwd: repo, environments: ['dv'] });
    expect(run.plan!.notes).toEqual(['base: empty has no configuration/ folder: every resource is new', "base: empty has no environments/ folder: the working tree's environments are used for it"]);
    const env = run.plan!.environments[0];
    expect(env.counts.create).toBeGreaterThan(20);
    expect(env.counts.unchanged).toBe(0);
  });

  it('reads the acknowledgement file of the head commit', async () => {
    fs.writeFileSync(path.join(repo, 'allow-data-loss.yaml'), `allow_data_loss:\n  - address: ${PROBE}\n    reason: "working tree only"\n`);
    try {
      const run = await runPlan({ base: 'HEAD~1', head: 'HEAD', cwd: repo, environments: ['pd'] });
      // HEAD has no such file; the working tree's is not read for a commit.
      expect(run.diagnostics).toEqual([]);
    } finally {
      fs.rmSync(path.join(repo, 'allow-data-loss.yaml'));
    }
  });

  it('says clearly when a ref does not exist', async () => {
    await expect(runPlan({ base: 'no-such-branch', cwd: repo })).rejects.toThrow(PlanUsageError);
    await expect(runPlan({ base: 'no-such-branch', cwd: repo })).rejects.toThrow(/"no-such-branch" is neither a folder nor a commit, branch or tag of the repository at/);
  });
});

describe('gdp plan on the command line', () => {
  it('plans this repository against HEAD (a git ref)', async () => {
    const { code, stdout } = await cli(['plan', '--base', 'HEAD', '--env', 'dv', '--format', 'json']);
    const out = JSON.parse(stdout) as { exitCode: number; plan: { base: { kind: string; commit: string }; environments: { env: string; changes: unknown[] }[] } };
    expect(code).toBe(0);
    expect(out.exitCode).toBe(0);
    expect(out.plan.base).toMatchObject({ kind: 'git', commit: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim() });
    expect(out.plan.environments.map((e) => e.env)).toEqual(['dv']);
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'configuration', 'environments'], { cwd: ROOT, encoding: 'utf8' });
    if (dirty === '') expect(out.plan.environments[0].changes).toEqual([]);
  });

  it('prints a markdown comment with its marker and summary', async () => {
    const { code, stdout } = await cli(['plan', '--base', 'configuration', '--env', 'pd', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout.startsWith(`${COMMENT_MARKER}\n## gdp plan\n`)).toBe(true);
    expect(stdout).toContain('| Environment | Create | Update | Replace | Destroy | Unchanged | Risks |');
    expect(stdout).toMatch(/\| \*\*pd\*\* \| 0 \| 0 \| 0 \| 0 \| \d+ \| — \|/);
  });

  it('exits 2 with GDP800 for an unknown ref', async () => {
    const { code, stderr } = await cli(['plan', '--base', 'no-such-ref-for-gdp']);
    expect(code).toBe(2);
    expect(stderr).toContain('gdp: error GDP800: "no-such-ref-for-gdp" is neither a folder nor a commit');
  });

  it('exits 1 and comments the errors when a side is invalid', async () => {
    const broken = tempDir();
    fs.cpSync(path.join(ROOT, 'configuration'), path.join(broken, 'configuration'), { recursive: true });
    fs.writeFileSync(path.join(broken, 'configuration', 'datasets', 'sales.yaml'), 'descriptionn: x\n');
    const { code, stdout, stderr } = await cli(['plan', '--base', 'configuration', '--head', path.join(broken, 'configuration'), '--env', 'dv', '--format', 'markdown']);
    expect(code).toBe(1);
    expect(stdout).toContain('Nothing was compared: the configuration has errors.');
    expect(stderr).toMatch(/error GDP801: the head side folder .* has \d+ configuration errors? \(listed above\): nothing is compared/);
  });
});
