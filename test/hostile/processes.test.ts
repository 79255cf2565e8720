import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processAlive } from '../../src/synth/output-folder';
import { synthesize } from '../../src/synth/synthesize';
import { ROOT } from '../../src/testing';
import { compileClean, SALES, tempDir } from '../synth/helpers';
import { startCli } from './process';

/** Resolves once `check` is true (polling); rejects after `limitMs` with `what`. */
async function eventually(check: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  for (const until = Date.now() + limitMs; Date.now() < until; ) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`still not true: ${what}`);
}

/** Pids of the children of a process (Linux /proc). */
function childrenOf(pid: number): number[] {
  const tasks = path.join('/proc', String(pid), 'task');
  if (!fs.existsSync(tasks)) return [];
  return fs.readdirSync(tasks).flatMap((t) => {
    const text = fs.readFileSync(path.join(tasks, t, 'children'), 'utf8').trim();
    return text ? text.split(/\s+/).map(Number) : [];
  });
}

/** Waits for a process to be gone, reaping nothing: a zombie of a dead parent is reaped by init. */
function gone(pid: number): boolean {
  if (!processAlive(pid)) return true;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

// Linux: /proc shows children, and setpriv is what makes SIGKILL reach them.
describe('hostile input: processes left behind', () => {
  it('a child started through diesWithParent dies when its parent is killed with SIGKILL', async () => {
    const parent = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/ts-register.js'), path.join(__dirname, 'parent-script.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    expect(processAlive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await eventually(() => gone(pid), `sleep ${pid} is gone`);
  });

  it('the ZetaSQL server of `gdp validate` dies when gdp is killed with SIGKILL', async () => {
    const gdp = startCli(['validate', '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments')], { stdio: 'ignore' });
    let server: number | undefined;
    await eventually(() => (server = childrenOf(gdp.pid!)[0]) !== undefined, 'the ZetaSQL server started');
    gdp.kill('SIGKILL');
    await eventually(() => gone(server!), `ZetaSQL server ${server} is gone`);
  });

  it('removes staging folders of dead processes on the next synth, and keeps those of running ones', async () => {
    const out = tempDir();
    const dead = path.join(out, '.gdp-staging-999999999-abc');
    const live = path.join(out, `.gdp-staging-${process.pid}-abc`);
    for (const d of [dead, live]) fs.mkdirSync(path.join(d, 'stacks'), { recursive: true });
    await synthesize({ project: compileClean({ 'datasets/sales.yaml': SALES }), environments: ['dv'], outdir: out });
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });
});
