/**
 * Runs one command as its own process, the way a user runs it, and measures it: wall time, CPU time
 * (user + sys of the process and every descendant it waited for, from `/usr/bin/time`: the synthesis
 * workers and the ZetaSQL server are reaped by gdp, so their CPU counts), the peak of the whole process
 * tree's summed RSS (THE memory figure: sampled from /proc every {@link SAMPLE_MS} ms, children of
 * children included, e.g. the ZetaSQL server gdp starts) and, beside it, the largest single process
 * (`/usr/bin/time`'s maximum resident set size).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The program that reports CPU time and peak RSS of a child (GNU time). */
export const TIME_BINARY = '/usr/bin/time';

/** What one run of a command cost. */
export interface Measurement {
  readonly exitCode: number;
  readonly wallS: number;
  /** User + system CPU seconds (the process and its waited-for children); undefined without GNU time. */
  readonly cpuS?: number;
  /** Peak resident set size of the largest single process, MB; undefined without GNU time. */
  readonly rssMb?: number;
  /** Peak of the summed resident set sizes of the process tree, sampled; at least {@link rssMb}. */
  readonly treeRssMb: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Whether GNU time is installed (otherwise only wall time and sampled RSS are measured). */
export function hasTimeBinary(): boolean {
  return fs.existsSync(TIME_BINARY);
}

const PAGE_MB = 4096 / (1024 * 1024);
/** How often the process tree's memory is sampled: short-lived workers and servers live for seconds. */
export const SAMPLE_MS = 50;

/**
 * Every process in the tree under `pid` (itself included), from /proc/<pid>/task/<tid>/children,
 * recursively (a child of a child too). Empty of descendants where /proc is not there.
 */
export function processTree(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number): void => {
    out.push(p);
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let children = '';
      try {
        children = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const c of children.split(' ')) if (c.trim()) visit(Number(c));
    }
  };
  visit(pid);
  return out;
}

/** Summed RSS (MB) of a process tree now (shared pages count once per process, as `ps` shows them). */
export function treeRss(pid: number): number {
  let pages = 0;
  for (const p of processTree(pid)) {
    try {
      pages += Number(fs.readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]);
    } catch {
      // the process ended between listing and reading
    }
  }
  return pages * PAGE_MB;
}

/** Runs `node <args>` in `cwd` and measures it. */
export function measureNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  const timeFile = path.join(os.tmpdir(), `gdp-bench-time-${process.pid}-${Date.now()}.txt`);
  const withTime = hasTimeBinary();
  const command = withTime ? TIME_BINARY : process.execPath;
  const argv = withTime ? ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...args] : [...args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    const sample = (): void => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid));
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_MS);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (e) => {
      clearInterval(sampler);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(sampler);
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      let cpuS: number | undefined;
      let rssMb: number | undefined;
      if (withTime) {
        const line = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        fs.rmSync(timeFile, { force: true });
        const [, user, sys, maxKb] = line.split(' ').map(Number);
        cpuS = user + sys;
        rssMb = maxKb / 1024;
      }
      resolve({ exitCode: code ?? -1, wallS, cpuS, rssMb, treeRssMb: Math.max(peak, rssMb ?? 0), stdout, stderr });
    });
  });
}
