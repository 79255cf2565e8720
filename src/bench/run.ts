/**
 * `npm run bench`: generates a synthetic configuration per size, runs each gdp step as its own process
 * (`node bin/gdp.js …`, as a user runs it) several times, measures the floors on the same input and
 * output, prints a table with the ratios and the targets of docs/performance.md, and writes
 * bench/results.json (committed: the latest results). Generated inputs stay in a temporary folder.
 *
 *   npm run bench                          # N = 100, 1,000 and 5,000
 *   npm run bench -- --n 100 --reps 1      # a quick run
 *   node dist-tools/bench/run.js --n 1000 --steps synth-all,plan --no-write
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changeTables, generateConfiguration, type GeneratedConfiguration } from './generate';
import { filesUnder } from './floor';
import { measureNode, hasTimeBinary, type Measurement } from './measure';
import { evaluateTargets, formatTable, formatTargets, median, type BenchRun, type SqlTiming } from './report';
import { measureSql } from './sql-timing';

/** The steps, in the order they run. */
export const STEPS = ['validate-nosql', 'validate', 'synth-dv', 'synth-all', 'plan'] as const;
/** A step of the benchmark. */
export type Step = (typeof STEPS)[number];

/** Options of a benchmark run. */
export interface BenchOptions {
  readonly sizes: readonly number[];
  /**
   * Repetitions per size (the median is reported); default 3 below 1,000 tables, 2 from 1,000. From
   * 5,000 tables the SQL-checking `validate` runs once by default (it alone takes about a minute).
   */
  readonly reps?: number;
  readonly steps: readonly Step[];
  /** Where results.json goes; undefined: not written. */
  readonly resultsFile?: string;
  /** Keep the generated folder (its path is printed). */
  readonly keep: boolean;
  /** Largest size at which the SQL check is also timed in this process (server start vs checking). */
  readonly sqlTimingMaxN: number;
}

const ROOT = path.resolve(__dirname, '..', '..');
const GDP = path.join(ROOT, 'bin', 'gdp.js');
const FLOOR = path.join(__dirname, 'floor.js');
const ENVIRONMENTS = path.join(ROOT, 'environments');

function parseArgs(argv: readonly string[]): BenchOptions {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (value('--n') ?? '100,1000,5000').split(',').map((s) => Number(s.replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 20)) throw new Error('--n takes table counts of at least 20, comma-separated');
  const reps = value('--reps') === undefined ? undefined : Number(value('--reps'));
  if (reps !== undefined && (!Number.isInteger(reps) || reps < 1)) throw new Error('--reps takes a positive integer');
  const steps = (value('--steps')?.split(',') ?? [...STEPS]) as Step[];
  for (const s of steps) if (!(STEPS as readonly string[]).includes(s)) throw new Error(`unknown step ${s}; steps: ${STEPS.join(', ')}`);
  const results = value('--results');
  // A run with the measures off never replaces the committed results unless asked to.
  const write = !argv.includes('--no-write');
  return {
    sizes,
    reps,
    steps,
    resultsFile: write ? path.resolve(results ?? path.join(ROOT, 'bench', 'results.json')) : undefined,
    keep: argv.includes('--keep'),
    sqlTimingMaxN: Number(value('--sql-timing-max-n') ?? 1000),
  };
}

/** What the CLI accepts, from `gdp <command> --help`: whether a flag exists yet. */
async function accepts(command: string, flag: string): Promise<boolean> {
  const help = await measureNode([GDP, command, '--help'], ROOT);
  return help.exitCode === 0 && help.stdout.includes(flag);
}

/** Resources (and data sources) in every cdk.tf.json under a folder. */
export function countResources(outDir: string): number {
  let total = 0;
  for (const f of filesUnder(outDir, (n) => n === 'cdk.tf.json')) {
    const stack = JSON.parse(fs.readFileSync(f, 'utf8')) as { resource?: Record<string, object>; data?: Record<string, object> };
    for (const section of [stack.resource ?? {}, stack.data ?? {}]) for (const byName of Object.values(section)) total += Object.keys(byName).length;
  }
  return total;
}

/** Resources compared by a plan: every action of every environment, from `gdp plan --format json`. */
function planResources(stdout: string): number | undefined {
  try {
    const parsed = JSON.parse(stdout) as { plan?: { environments: { counts: Record<string, number> }[] } };
    return parsed.plan?.environments.reduce((n, e) => n + Object.values(e.counts).reduce((a, b) => a + b, 0), 0);
  } catch {
    return undefined;
  }
}

interface Workspace {
  readonly dir: string;
  readonly generated: GeneratedConfiguration;
  readonly headConfig: string;
}

function prepare(root: string, n: number): Workspace {
  const dir = path.join(root, `n${n}`);
  const generated = generateConfiguration(path.join(dir, 'configuration'), n);
  const headConfig = path.join(dir, 'head', 'configuration');
  fs.cpSync(generated.configDir, headConfig, { recursive: true });
  changeTables(headConfig, generated.tables, 0.01);
  return { dir, generated, headConfig };
}

/** One sample of a step: the measurement and the resources it produced. */
interface Sample {
  readonly m: Measurement;
  readonly resources?: number;
}

/** Why a step cannot run with this build of gdp (the command or flag is not there yet). */
interface Availability {
  readonly sqlFlag: boolean;
  readonly plan: boolean;
}

function stepArgs(step: Step, ws: Workspace): string[] {
  const common = ['--config', 'configuration', '--environments', ENVIRONMENTS];
  switch (step) {
    case 'validate-nosql':
      return [GDP, 'validate', ...common, '--no-sql-check'];
    case 'validate':
      return [GDP, 'validate', ...common];
    case 'synth-dv':
      return [GDP, 'synth', ...common, '--env', 'dv', '--no-sql-check', '--out', 'out-dv'];
    case 'synth-all':
      return [GDP, 'synth', ...common, '--env', 'all', '--no-sql-check', '--out', 'out-all'];
    case 'plan':
      return [GDP, 'plan', ...common, '--base', 'configuration', '--head', path.relative(ws.dir, ws.headConfig), '--format', 'json'];
  }
}

async function runStep(step: Step, ws: Workspace, env: NodeJS.ProcessEnv): Promise<Sample> {
  if (step === 'synth-dv' || step === 'synth-all') fs.rmSync(path.join(ws.dir, step === 'synth-dv' ? 'out-dv' : 'out-all'), { recursive: true, force: true });
  const m = await measureNode(stepArgs(step, ws), ws.dir, env);
  if (m.exitCode !== 0) {
    throw new Error(`gdp ${step} failed on the generated configuration (exit ${m.exitCode}):\n${m.stderr.slice(-3000)}`);
  }
  const resources =
    step === 'synth-dv' ? countResources(path.join(ws.dir, 'out-dv')) : step === 'synth-all' ? countResources(path.join(ws.dir, 'out-all')) : step === 'plan' ? planResources(m.stdout) : undefined;
  return { m, resources };
}

interface FloorSample {
  readonly parseWallS: number;
  readonly files: number;
  readonly writeDvS?: number;
  readonly writeAllS?: number;
}

async function runFloors(ws: Workspace): Promise<FloorSample> {
  const parse = await measureNode([FLOOR, 'parse', 'configuration'], ws.dir);
  if (parse.exitCode !== 0) throw new Error(`the parse floor failed:\n${parse.stderr}`);
  const files = (JSON.parse(parse.stdout) as { files: number }).files;
  const write = async (out: string): Promise<number | undefined> => {
    if (!fs.existsSync(path.join(ws.dir, out))) return undefined;
    const copy = path.join(ws.dir, `floor-${out}`);
    fs.rmSync(copy, { recursive: true, force: true });
    const r = await measureNode([FLOOR, 'write', out, copy], ws.dir);
    if (r.exitCode !== 0) throw new Error(`the write floor failed:\n${r.stderr}`);
    return (JSON.parse(r.stdout) as { write_s: number }).write_s;
  };
  return { parseWallS: parse.wallS, files, writeDvS: await write('out-dv'), writeAllS: await write('out-all') };
}

function floorFor(step: Step, f: FloorSample): number | undefined {
  switch (step) {
    case 'validate-nosql':
    case 'validate':
      return f.parseWallS;
    case 'synth-dv':
      return f.writeDvS === undefined ? undefined : f.parseWallS + f.writeDvS;
    case 'synth-all':
      return f.writeAllS === undefined ? undefined : f.parseWallS + f.writeAllS;
    case 'plan':
      // Two sides, each read, parsed and all four stacks written.
      return f.writeAllS === undefined ? undefined : 2 * (f.parseWallS + f.writeAllS);
  }
}

const round = (x: number | undefined, digits = 3): number | undefined => (x === undefined ? undefined : Number(x.toFixed(digits)));

async function benchSize(n: number, options: BenchOptions, root: string, availability: Availability): Promise<{ runs: BenchRun[]; sql?: SqlTiming }> {
  const started = Date.now();
  const ws = prepare(root, n);
  const reps = options.reps ?? (n >= 1000 ? 2 : 3);
  const repsOf = (step: Step): number => (options.reps === undefined && step === 'validate' && n >= 5000 ? 1 : reps);
  const env: NodeJS.ProcessEnv = process.env;
  process.stdout.write(`\nN = ${n.toLocaleString('en-US')} tables: ${JSON.stringify(ws.generated.counts)} (loads ${ws.generated.loads ? 'generated' : 'not generated: the load module is not registered'}), ${reps} repetition(s)\n`);
  const samples = new Map<Step, Sample[]>();
  const floors: FloorSample[] = [];
  const skipped = new Map<Step, string>();
  if (!availability.sqlFlag) {
    skipped.set('validate-nosql', 'gdp validate does not accept --no-sql-check yet');
    skipped.set('validate', 'gdp validate does not accept --no-sql-check yet');
  }
  if (!availability.plan) skipped.set('plan', 'gdp plan does not exist yet');
  for (let rep = 0; rep < reps; rep++) {
    for (const step of options.steps) {
      if (skipped.has(step) || rep >= repsOf(step)) continue;
      const s = await runStep(step, ws, env);
      samples.set(step, [...(samples.get(step) ?? []), s]);
      process.stdout.write(`  rep ${rep + 1} ${step.padEnd(14)} ${s.m.wallS.toFixed(2)} s wall, ${s.m.cpuS?.toFixed(2) ?? '?'} s cpu, ${s.m.rssMb?.toFixed(0) ?? '?'} MB\n`);
    }
    floors.push(await runFloors(ws));
  }
  const timeSql = options.steps.includes('validate') && availability.sqlFlag && n <= options.sqlTimingMaxN;
  const sql = timeSql ? await measureSql(path.join(ws.dir, 'configuration'), ENVIRONMENTS) : undefined;
  const runs: BenchRun[] = [];
  for (const step of options.steps) {
    const reason = skipped.get(step);
    if (reason) {
      runs.push({ n, step, skipped: reason });
      continue;
    }
    const list = samples.get(step) ?? [];
    const floorValues = floors.map((f) => floorFor(step, f)).filter((x): x is number => x !== undefined);
    const wall = median(list.map((s) => s.m.wallS));
    const floor = floorValues.length > 0 ? median(floorValues) : undefined;
    const cpu = list.every((s) => s.m.cpuS !== undefined) ? median(list.map((s) => s.m.cpuS!)) : undefined;
    const rss = list.every((s) => s.m.rssMb !== undefined) ? Math.max(...list.map((s) => s.m.rssMb!)) : undefined;
    const resources = list.find((s) => s.resources !== undefined)?.resources;
    runs.push({
      n,
      step,
      wall_s: round(wall)!,
      cpu_s: round(cpu),
      rss_mb: round(rss, 0),
      tree_rss_mb: round(Math.max(...list.map((s) => s.m.treeRssMb)), 0),
      resources: resources ?? null,
      files: floors[0]?.files,
      floor_s: round(floor),
      ratio_to_floor: floor === undefined ? undefined : round(wall / floor, 2),
      reps: list.length,
      wall_samples_s: list.map((s) => round(s.m.wallS)!),
    });
  }
  if (options.keep) process.stdout.write(`  kept ${ws.dir}\n`);
  else fs.rmSync(ws.dir, { recursive: true, force: true });
  process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(0)} s for N = ${n})\n`);
  return { runs, sql: sql && { n, ...sql } };
}

/** Machine facts recorded with the results. */
function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model,
    memory_gb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    load_average_at_start: os.loadavg().map((l) => Number(l.toFixed(2))),
    gnu_time: hasTimeBinary(),
  };
}

/** Runs the benchmark; resolves to the exit code. */
export async function runBench(options: BenchOptions): Promise<number> {
  const started = Date.now();
  const info = machine();
  const availability: Availability = {
    sqlFlag: await accepts('validate', '--sql-check'),
    plan: await accepts('plan', '--base'),
  };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-bench-'));
  const runs: BenchRun[] = [];
  const sql: SqlTiming[] = [];
  try {
    for (const n of options.sizes) {
      const r = await benchSize(n, options, root, availability);
      runs.push(...r.runs);
      if (r.sql) sql.push(r.sql);
    }
  } finally {
    if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
  }
  const targets = evaluateTargets(runs, sql);
  process.stdout.write(`\n${formatTable(runs, sql)}\n${formatTargets(targets)}\n`);
  const totalS = (Date.now() - started) / 1000;
  process.stdout.write(`bench: ${totalS.toFixed(0)} s in all\n`);
  if (options.resultsFile) {
    const results = { machine: info, generated: new Date().toISOString(), total_s: Number(totalS.toFixed(0)), runs, sql, targets };
    fs.mkdirSync(path.dirname(options.resultsFile), { recursive: true });
    fs.writeFileSync(options.resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`bench: wrote ${path.relative(process.cwd(), options.resultsFile)}\n`);
  }
  return 0;
}

if (require.main === module) {
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exit(2);
  }
  runBench(options).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
