/**
 * `npm run bench`: generates a synthetic configuration per size, runs each gdp step as its own process
 * (`node bin/gdp.js …`, as a user runs it), each run followed by a run of its independent floor on the same
 * input and output (step, floor, step, floor…: load on the machine weighs on both alike), prints the tables
 * and the targets of issue 14, and writes bench/results.json (committed: the latest results; `npm run docs`
 * copies its tables into README.md and docs/performance.md). Generated inputs stay in a temporary folder.
 *
 *   npm run bench                          # N = 100, 1,000, 5,000 and 20,000
 *   npm run bench -- --n 100 --reps 1      # a quick run
 *   node dist-tools/bench/run.js --n 1000 --steps synth-all,plan --no-write
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changeTables, generateConfiguration, type GeneratedConfiguration } from './generate';
import { filesUnder, type FloorReport } from './independent-floor';
import { measureNode, hasTimeBinary, SAMPLE_MS, type Measurement } from './measure';
import {
  evaluateTargets,
  formatIncremental,
  formatRuns,
  formatSizes,
  formatTargets,
  median,
  pairedRatio,
  round,
  sqlPerBody,
  type BenchResults,
  type BenchRun,
  type SizeFacts,
} from './report';
import { measureSql } from './sql-timing';

/** The steps, in the order they run (a warm step right after the cold step it is compared with). */
export const STEPS = ['validate-nosql', 'validate', 'validate-warm', 'synth-dv', 'synth-dv-warm', 'synth-all', 'plan'] as const;
/** A step of the benchmark. */
export type Step = (typeof STEPS)[number];
type WarmStep = 'validate-warm' | 'synth-dv-warm';
const isWarm = (step: Step): step is WarmStep => step === 'validate-warm' || step === 'synth-dv-warm';
/** The cold step a warm step is compared with. */
const COLD_OF: Record<WarmStep, Step> = { 'validate-warm': 'validate', 'synth-dv-warm': 'synth-dv' };

/**
 * Default sizes (tables). 20,000 is most of the default run's time (see docs/performance.md, "Repetitions");
 * `--n 100,1000,5000` for a shorter run.
 */
export const DEFAULT_SIZES = [100, 1000, 5000, 20000] as const;

/** Options of a benchmark run. */
export interface BenchOptions {
  readonly sizes: readonly number[];
  /** Repetitions of every step at every size; undefined: {@link defaultReps}. */
  readonly reps?: number;
  readonly steps: readonly Step[];
  /** Where results.json goes; undefined: not written. */
  readonly resultsFile?: string;
  /** Keep the generated folder (its path is printed). */
  readonly keep: boolean;
  /** Largest size at which the warm (cache) steps run (each runs the command twice more). */
  readonly warmMaxN: number;
  /** Largest size at which the SQL check is also timed in the bench's process (server start vs checking); 0: never. */
  readonly sqlTimingMaxN: number;
}

/**
 * Repetitions by default: 3 below 1,000 tables, 2 below 20,000, 1 from 20,000; the SQL-checking steps
 * (`validate`, `validate-warm`) once from 5,000 (each takes minutes there). The whole default run must stay
 * within about 30 minutes on the 2-core machine.
 */
export function defaultReps(n: number, step: Step): number {
  if ((step === 'validate' || step === 'validate-warm') && n >= 5000) return 1;
  return n < 1000 ? 3 : n < 20000 ? 2 : 1;
}

const ROOT = path.resolve(__dirname, '..', '..');
const GDP = path.join(ROOT, 'bin', 'gdp.js');
const INDEPENDENT_FLOOR = path.join(__dirname, 'independent-floor.js');
const OWN_FLOOR = path.join(__dirname, 'floor.js');
const SQL_TIMING = path.join(__dirname, 'sql-timing.js');
const ENVIRONMENTS = path.join(ROOT, 'environments');

/** Reads the command line; throws with a message when it is wrong. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  for (let i = 0; i < argv.length; i++) {
    // A mistyped option must not start a half-hour run with the defaults.
    if (VALUE_OPTIONS.includes(argv[i])) i++;
    else if (!FLAG_OPTIONS.includes(argv[i])) throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (value('--n')?.split(',') ?? DEFAULT_SIZES.map(String)).map((s) => Number(s.replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 20)) throw new Error('--n takes table counts of at least 20, comma-separated');
  const reps = value('--reps') === undefined ? undefined : Number(value('--reps'));
  if (reps !== undefined && (!Number.isInteger(reps) || reps < 1)) throw new Error('--reps takes a positive integer');
  const steps = (value('--steps')?.split(',') ?? [...STEPS]) as Step[];
  for (const s of steps) if (!(STEPS as readonly string[]).includes(s)) throw new Error(`unknown step ${s}; steps: ${STEPS.join(', ')}`);
  const count = (name: string, fallback: number): number => {
    const v = Number(value(name) ?? fallback);
    if (!Number.isInteger(v) || v < 0) throw new Error(`${name} takes a table count`);
    return v;
  };
  const results = value('--results');
  return {
    sizes,
    reps,
    // In the order they run, whatever the order given.
    steps: STEPS.filter((s) => steps.includes(s)),
    resultsFile: argv.includes('--no-write') ? undefined : path.resolve(results ?? path.join(ROOT, 'bench', 'results.json')),
    keep: argv.includes('--keep'),
    warmMaxN: count('--warm-max-n', 5000),
    sqlTimingMaxN: count('--sql-timing-max-n', 0),
  };
}

const VALUE_OPTIONS = ['--n', '--reps', '--steps', '--results', '--warm-max-n', '--sql-timing-max-n'];
const FLAG_OPTIONS = ['--no-write', '--keep'];

/** What `--help` prints. */
export const USAGE = `usage: npm run bench -- [--n 100,1000,5000,20000] [--reps R] [--steps ${STEPS.join(',')}]
                       [--results FILE | --no-write] [--keep] [--warm-max-n N] [--sql-timing-max-n N]`;

/** Whether `gdp <command> --help` lists a flag (yargs lists a boolean `cache` as `--cache`, negated `--no-cache`). */
function accepts(command: string, ...flags: string[]): boolean {
  const help = spawnSync(process.execPath, [GDP, command, '--help'], { cwd: ROOT, encoding: 'utf8' });
  return help.status === 0 && flags.some((f) => new RegExp(`${f}\\b`).test(help.stdout));
}

/** What this build of gdp has (the bench runs before and after other work lands). */
interface Availability {
  readonly sqlFlag: boolean;
  readonly plan: boolean;
  /** Commands that accept `--no-cache`. */
  readonly cache: ReadonlySet<string>;
}

function availability(): Availability {
  const cache = new Set(['validate', 'synth', 'plan'].filter((c) => accepts(c, '--no-cache', '--cache')));
  return { sqlFlag: accepts('validate', '--sql-check'), plan: accepts('plan', '--base'), cache };
}

/** Why a step cannot run at a size with this build, or undefined. */
function skipReason(step: Step, n: number, av: Availability, options: BenchOptions): string | undefined {
  if ((step === 'validate' || step === 'validate-nosql' || step === 'validate-warm') && !av.sqlFlag) return 'gdp validate does not accept --no-sql-check yet';
  if (step === 'plan' && !av.plan) return 'gdp plan does not exist yet';
  if (isWarm(step)) {
    const command = step === 'validate-warm' ? 'validate' : 'synth';
    if (!av.cache.has(command)) return `gdp ${command} has no cache yet (no --no-cache flag)`;
    if (n > options.warmMaxN) return `not run above N=${options.warmMaxN.toLocaleString('en-US')} (--warm-max-n)`;
  }
  return undefined;
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
  readonly headConfig?: string;
  /** Environment of every gdp run. */
  readonly env: NodeJS.ProcessEnv;
  /** The project's cache folders (emptied before a warm step's fill run). */
  readonly cacheDirs: readonly string[];
}

function prepare(root: string, n: number, withHead: boolean): Workspace {
  const dir = path.join(root, `n${n}`);
  const generated = generateConfiguration(path.join(dir, 'configuration'), n);
  let headConfig: string | undefined;
  if (withHead) {
    headConfig = path.join(dir, 'head', 'configuration');
    fs.cpSync(generated.configDir, headConfig, { recursive: true });
    changeTables(headConfig, generated.tables, 0.01);
  }
  return { dir, generated, headConfig, env: gdpEnvironment(), cacheDirs: [path.join(dir, '.gdp-cache')] };
}

/**
 * The environment of every gdp run: the bench's own, without GDP_CACHE_DIR, so that the project's cache is
 * in its default folder (.gdp-cache/ beside configuration/, emptied by the warm steps) and the provider-schema
 * cache gdp keeps for every project (src/synth/check/covering-schema.ts) in its default folder, filled once
 * by {@link primeMachineCaches} as on any machine where gdp ran before.
 */
function gdpEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.GDP_CACHE_DIR;
  return env;
}

/**
 * One unmeasured `gdp synth --env dv` on a small generated project before anything is measured: what gdp
 * caches per machine (the provider schema it checks stacks against, built on first use) is then there, and
 * the first measured synthesis does not pay for it.
 */
async function primeMachineCaches(root: string): Promise<void> {
  const dir = path.join(root, 'prime');
  generateConfiguration(path.join(dir, 'configuration'), 20);
  const m = await measureNode([GDP, 'synth', '--config', 'configuration', '--environments', ENVIRONMENTS, '--env', 'dv', '--no-sql-check', '--out', 'out'], dir, gdpEnvironment());
  if (m.exitCode !== 0) throw new Error(`gdp synth failed on a small generated configuration (exit ${m.exitCode}):\n${m.stderr.slice(-3000)}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

const OUT_DIR: Partial<Record<Step, string>> = { 'synth-dv': 'out-dv', 'synth-all': 'out-all', 'synth-dv-warm': 'out-dv-warm' };

function stepArgs(step: Step, ws: Workspace, av: Availability): string[] {
  const common = ['--config', 'configuration', '--environments', ENVIRONMENTS];
  const noCache = (command: string): string[] => (av.cache.has(command) ? ['--no-cache'] : []);
  switch (step) {
    case 'validate-nosql':
      return [GDP, 'validate', ...common, '--no-sql-check', ...noCache('validate')];
    case 'validate':
      return [GDP, 'validate', ...common, ...noCache('validate')];
    case 'validate-warm':
      return [GDP, 'validate', ...common];
    case 'synth-dv':
      return [GDP, 'synth', ...common, '--env', 'dv', '--no-sql-check', '--out', OUT_DIR[step]!, ...noCache('synth')];
    case 'synth-dv-warm':
      // As users run it: with the SQL check, whose findings are what the cache holds.
      return [GDP, 'synth', ...common, '--env', 'dv', '--out', OUT_DIR[step]!];
    case 'synth-all':
      return [GDP, 'synth', ...common, '--env', 'all', '--no-sql-check', '--out', OUT_DIR[step]!, ...noCache('synth')];
    case 'plan':
      return [GDP, 'plan', ...common, '--base', 'configuration', '--head', path.relative(ws.dir, ws.headConfig!), '--format', 'json', ...noCache('plan')];
  }
}

async function runGdp(step: Step, ws: Workspace, av: Availability, extra: readonly string[] = []): Promise<Measurement> {
  const m = await measureNode([...stepArgs(step, ws, av), ...extra], ws.dir, ws.env);
  if (m.exitCode !== 0) throw new Error(`gdp ${step} failed on the generated configuration (exit ${m.exitCode}):\n${m.stderr.slice(-3000)}`);
  return m;
}

/** CPU and wall seconds of one floor run, the untimed read-back taken out. */
interface FloorCost {
  readonly cpuS?: number;
  readonly wallS: number;
  readonly files: number;
}

/** What the independent floor of a step does, and its arguments (undefined: no floor, e.g. no stacks yet). */
function floorOf(step: Step, ws: Workspace): { label: string; args: string[] } | undefined {
  const config = ['--config', 'configuration'];
  const out = ['--out', 'floor-out'];
  const has = (dir: string): boolean => fs.existsSync(path.join(ws.dir, dir));
  switch (step) {
    case 'validate-nosql':
    case 'validate':
      return { label: 'parse', args: config };
    case 'synth-dv':
      return has('out-dv') ? { label: 'parse + write dv', args: [...config, '--stacks', 'out-dv', ...out] } : undefined;
    case 'synth-all':
      return has('out-all') ? { label: 'parse + write 4 stacks', args: [...config, '--stacks', 'out-all', ...out] } : undefined;
    case 'plan':
      // Both sides read and parsed, and all four stacks written for each (gdp plan builds 8 stacks).
      return has('out-all') && ws.headConfig
        ? { label: 'parse both sides + write 4 stacks twice', args: [...config, '--config', path.relative(ws.dir, ws.headConfig), '--stacks', 'out-all', ...out, '--copies', '2'] }
        : undefined;
    default:
      return undefined;
  }
}

async function runIndependentFloor(args: readonly string[], ws: Workspace): Promise<FloorCost> {
  fs.rmSync(path.join(ws.dir, 'floor-out'), { recursive: true, force: true });
  const m = await measureNode([INDEPENDENT_FLOOR, ...args], ws.dir);
  if (m.exitCode !== 0) throw new Error(`the independent floor failed:\n${m.stderr}`);
  const r = JSON.parse(m.stdout) as FloorReport;
  return { cpuS: m.cpuS === undefined ? undefined : m.cpuS - r.readback_cpu_s, wallS: m.wallS - r.readback_wall_s, files: r.files };
}

async function runOwnFloor(ws: Workspace): Promise<FloorCost> {
  const m = await measureNode([OWN_FLOOR, 'parse', 'configuration'], ws.dir);
  if (m.exitCode !== 0) throw new Error(`gdp's own parse floor failed:\n${m.stderr}`);
  return { cpuS: m.cpuS, wallS: m.wallS, files: (JSON.parse(m.stdout) as { files: number }).files };
}

/** One run of a step: its measurement, the floor run paired with it, and (warm steps) the fill run. */
interface Sample {
  readonly m: Measurement;
  readonly resources?: number;
  readonly floor?: FloorCost;
  readonly fill?: Measurement;
  /** A warm step's own cold run (`--no-cache`), when its cold step runs other options (synth-dv skips the SQL check). */
  readonly cold?: Measurement;
  readonly note?: string;
}

/** The table file a warm step edits (its description) between the fill run and the measured run. */
function editedFile(ws: Workspace): string {
  return path.join(ws.generated.configDir, 'tables', `${ws.generated.tables[Math.floor(ws.generated.tables.length / 2)]}.yaml`);
}

/** A warm step: empty cache, a run that fills it, one file changed, the measured run; the file restored. */
async function runWarm(step: WarmStep, ws: Workspace, av: Availability, rep: number): Promise<Sample> {
  for (const d of ws.cacheDirs) fs.rmSync(d, { recursive: true, force: true });
  if (step === 'synth-dv-warm') fs.rmSync(path.join(ws.dir, OUT_DIR[step]!), { recursive: true, force: true });
  const file = editedFile(ws);
  const original = fs.readFileSync(file, 'utf8');
  try {
    let cold: Measurement | undefined;
    if (step === 'synth-dv-warm' && av.cache.has('synth')) {
      cold = await runGdp(step, ws, av, ['--no-cache']);
      fs.rmSync(path.join(ws.dir, OUT_DIR[step]!), { recursive: true, force: true });
    }
    const fill = await runGdp(step, ws, av);
    const filled = ws.cacheDirs.some((d) => fs.existsSync(d) && fs.readdirSync(d).length > 0);
    const edited = original.replace(/^description: "(.*)"$/m, `description: "$1, edited ${rep + 1}"`);
    if (edited === original) throw new Error(`the warm step found no description to change in ${file}`);
    fs.writeFileSync(file, edited);
    const m = await runGdp(step, ws, av);
    return { m, fill, cold, note: filled ? undefined : 'the fill run left the cache folder (.gdp-cache/ beside configuration/) empty' };
  } finally {
    fs.writeFileSync(file, original);
  }
}

async function runStep(step: Step, ws: Workspace, av: Availability, rep: number): Promise<Sample> {
  if (isWarm(step)) return runWarm(step, ws, av, rep);
  const out = OUT_DIR[step];
  if (out) fs.rmSync(path.join(ws.dir, out), { recursive: true, force: true });
  const m = await runGdp(step, ws, av);
  const resources = out ? countResources(path.join(ws.dir, out)) : step === 'plan' ? planResources(m.stdout) : undefined;
  const floor = floorOf(step, ws);
  return { m, resources, floor: floor && (await runIndependentFloor(floor.args, ws)) };
}

const med = (xs: readonly (number | undefined)[]): number | undefined => {
  const defined = xs.filter((x): x is number => x !== undefined);
  return defined.length === xs.length && defined.length > 0 ? median(defined) : undefined;
};
const peak = (xs: readonly (number | undefined)[]): number | undefined => {
  const defined = xs.filter((x): x is number => x !== undefined);
  return defined.length > 0 ? Math.max(...defined) : undefined;
};

/** The row of a step from its samples (cold steps already summarized, for the warm ones). */
function summarize(n: number, step: Step, list: readonly Sample[], ws: Workspace, cold: ReadonlyMap<Step, BenchRun>): BenchRun {
  const cpu = med(list.map((s) => s.m.cpuS));
  const wall = median(list.map((s) => s.m.wallS));
  const resources = list.find((s) => s.resources !== undefined)?.resources;
  const base: BenchRun = {
    n,
    step,
    reps: list.length,
    cpu_s: round(cpu),
    wall_s: round(wall),
    cpu_samples_s: list.every((s) => s.m.cpuS !== undefined) ? list.map((s) => round(s.m.cpuS)!) : undefined,
    wall_samples_s: list.map((s) => round(s.m.wallS)!),
    tree_peak_mb: round(peak(list.map((s) => s.m.treeRssMb)), 0),
    largest_process_mb: round(peak(list.map((s) => s.m.rssMb)), 0),
    resources: resources ?? null,
    cpu_per_resource_ms: cpu !== undefined && resources ? round((cpu * 1000) / resources, 4) : undefined,
  };
  if (isWarm(step)) {
    const ownCold = list.every((s) => s.cold !== undefined);
    const c = ownCold ? { cpu_s: round(med(list.map((s) => s.cold?.cpuS))), wall_s: round(median(list.map((s) => s.cold!.wallS))) } : cold.get(COLD_OF[step]);
    const fillCpu = med(list.map((s) => s.fill?.cpuS));
    return {
      ...base,
      cold_step: ownCold ? `${COLD_OF[step]} with the SQL check, --no-cache` : COLD_OF[step],
      cold_cpu_s: c?.cpu_s,
      cold_wall_s: c?.wall_s,
      ratio_to_cold_cpu: cpu !== undefined && c?.cpu_s ? round(cpu / c.cpu_s, 4) : undefined,
      ratio_to_cold_wall: c?.wall_s ? round(wall / c.wall_s, 4) : undefined,
      fill_cpu_s: round(fillCpu),
      fill_wall_s: round(med(list.map((s) => s.fill?.wallS))),
      fill_tree_peak_mb: round(peak(list.map((s) => s.fill?.treeRssMb)), 0),
      fill_to_cold_cpu: fillCpu !== undefined && c?.cpu_s ? round(fillCpu / c.cpu_s, 3) : undefined,
      edited: path.relative(ws.dir, editedFile(ws)),
      note: list.find((s) => s.note)?.note ?? (c ? undefined : `${COLD_OF[step]} did not run: no cold time to compare with`),
    };
  }
  const floors = list.map((s) => s.floor);
  const label = floorOf(step, ws)?.label;
  return {
    ...base,
    floor: label,
    floor_cpu_s: round(med(floors.map((f) => f?.cpuS))),
    floor_wall_s: round(med(floors.map((f) => f?.wallS))),
    ratio_cpu: round(pairedRatio(list.map((s) => s.m.cpuS), floors.map((f) => f?.cpuS)), 2),
    ratio_wall: round(pairedRatio(list.map((s) => s.m.wallS), floors.map((f) => f?.wallS)), 2),
  };
}

const line = (text: string): boolean => process.stdout.write(`${text}\n`);

async function benchSize(n: number, options: BenchOptions, root: string, av: Availability): Promise<{ runs: BenchRun[]; facts: SizeFacts }> {
  const started = Date.now();
  const ws = prepare(root, n, options.steps.includes('plan') && av.plan);
  const repsOf = (step: Step): number => options.reps ?? defaultReps(n, step);
  const maxReps = Math.max(...options.steps.map(repsOf), 1);
  line(`\nN = ${n.toLocaleString('en-US')} tables: ${JSON.stringify(ws.generated.counts)} (loads ${ws.generated.loads ? 'generated' : 'not generated: the load module is not registered'})`);
  const samples = new Map<Step, Sample[]>();
  const independent: FloorCost[] = [];
  const own: FloorCost[] = [];
  const skipped = new Map(options.steps.map((s) => [s, skipReason(s, n, av, options)] as const).filter((e): e is [Step, string] => e[1] !== undefined));
  for (let rep = 0; rep < maxReps; rep++) {
    for (const step of options.steps) {
      if (skipped.has(step) || rep >= repsOf(step)) continue;
      const s = await runStep(step, ws, av, rep);
      samples.set(step, [...(samples.get(step) ?? []), s]);
      const floor = s.floor ? `; floor ${s.floor.cpuS?.toFixed(2) ?? '?'} s cpu` : s.fill ? `; fill ${s.fill.cpuS?.toFixed(2) ?? '?'} s cpu` : '';
      line(`  rep ${rep + 1} ${step.padEnd(14)} ${s.m.cpuS?.toFixed(2) ?? '?'} s cpu, ${s.m.wallS.toFixed(2)} s wall, tree ${s.m.treeRssMb.toFixed(0)} MB${floor}`);
    }
    // The two parse floors side by side: how far gdp's own parser is from the independent one.
    independent.push(await runIndependentFloor(['--config', 'configuration'], ws));
    own.push(await runOwnFloor(ws));
  }
  const runs: BenchRun[] = [];
  const cold = new Map<Step, BenchRun>();
  for (const step of options.steps) {
    const reason = skipped.get(step);
    const list = samples.get(step) ?? [];
    const row: BenchRun = reason || list.length === 0 ? { n, step, skipped: reason ?? 'not run' } : summarize(n, step, list, ws, cold);
    if (!row.skipped) cold.set(step, row);
    runs.push(row);
  }
  const countSql = options.steps.includes('validate') && !skipped.has('validate');
  const bodies = countSql ? countBodies(ws) : undefined;
  const indCpu = med(independent.map((f) => f.cpuS));
  const ownCpu = med(own.map((f) => f.cpuS));
  const facts: SizeFacts = {
    n,
    files: independent[0]?.files ?? 0,
    independent_parse_cpu_s: round(indCpu),
    independent_parse_wall_s: round(med(independent.map((f) => f.wallS))),
    own_parse_cpu_s: round(ownCpu),
    own_parse_wall_s: round(med(own.map((f) => f.wallS))),
    own_to_independent_cpu: round(pairedRatio(own.map((f) => f.cpuS), independent.map((f) => f.cpuS)), 2),
    bodies,
    ...sqlPerBody(runs, n, bodies),
  };
  if (options.steps.includes('validate') && av.sqlFlag && n <= options.sqlTimingMaxN) {
    const sql = await measureSql(ws.generated.configDir, ENVIRONMENTS);
    line(`  SQL in the bench's process: server start ${sql.start_s} s, ${sql.bodies} bodies checked in ${sql.check_s} s (${sql.ms_per_body} ms each, wall)`);
  }
  if (options.keep) line(`  kept ${ws.dir}`);
  else fs.rmSync(ws.dir, { recursive: true, force: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  line(`  (${seconds} s for N = ${n.toLocaleString('en-US')})`);
  return { runs, facts: { ...facts, bench_s: seconds } };
}

/** SQL bodies of the generated configuration, counted by a child process (untimed, not part of any step). */
function countBodies(ws: Workspace): number {
  const r = spawnSync(process.execPath, [SQL_TIMING, 'count', ws.generated.configDir, ENVIRONMENTS], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`counting the SQL bodies failed:\n${r.stderr}`);
  return (JSON.parse(r.stdout) as { bodies: number }).bodies;
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

/** The commit measured (`-dirty`: with uncommitted changes), or undefined outside a git checkout. */
function measuredCommit(): string | undefined {
  const r = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** How the figures are made, recorded with them. */
const METHOD = {
  cpu: 'user + system CPU seconds of the whole process tree (GNU time: the process and every descendant it waited for)',
  memory: `peak of the summed RSS of the whole process tree, sampled from /proc every ${SAMPLE_MS} ms (children of children included)`,
  independent_floor: 'node + js-yaml 4 load(CORE_SCHEMA) of every YAML file; synthesis steps: + JSON.stringify and write of the stacks gdp wrote (read back untimed, subtracted)',
  ratios: 'median of the ratios of interleaved pairs: each step run followed by its floor run',
  sql_per_body: 'CPU of validate − CPU of validate --no-sql-check, divided by the SQL bodies of the configuration (server start included)',
  warm: 'empty cache (.gdp-cache/ beside configuration/, GDP_CACHE_DIR unset); one run fills it (fill); one table description changed; the measured run; compared with the cold step (--no-cache)',
  machine_caches: 'one unmeasured gdp synth on a small project first: the provider-schema cache gdp keeps per machine is there, as after any earlier use',
  per_resource_tolerance: 1.1,
  sample_ms: SAMPLE_MS,
} as const;

/** Runs the benchmark; resolves to the exit code. */
export async function runBench(options: BenchOptions): Promise<number> {
  const started = Date.now();
  const info = machine();
  // Read before the run: files edited while it runs are not what was measured.
  const commit = measuredCommit();
  const av = availability();
  line(`bench: gdp ${av.cache.size > 0 ? `has a cache (--no-cache on ${[...av.cache].join(', ')})` : 'has no cache yet: warm steps skipped'}`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-bench-'));
  const runs: BenchRun[] = [];
  const sizes: SizeFacts[] = [];
  try {
    if (options.steps.some((s) => s.startsWith('synth') || s === 'plan')) await primeMachineCaches(root);
    for (const n of options.sizes) {
      const r = await benchSize(n, options, root, av);
      runs.push(...r.runs);
      sizes.push(r.facts);
    }
  } finally {
    if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
  }
  const targets = evaluateTargets(runs, sizes);
  const incremental = formatIncremental(runs);
  line(`\n${formatRuns(runs)}\n\n${incremental ? `${incremental}\n\n` : ''}${formatSizes(sizes)}\n\n${formatTargets(targets)}\n`);
  const totalS = (Date.now() - started) / 1000;
  line(`bench: ${totalS.toFixed(0)} s in all`);
  if (options.resultsFile) {
    const results: BenchResults = {
      machine: info,
      generated: new Date().toISOString(),
      commit,
      total_s: Number(totalS.toFixed(0)),
      options: { sizes: options.sizes, reps: options.reps, steps: options.steps },
      method: METHOD,
      sizes,
      runs,
      targets,
    };
    fs.mkdirSync(path.dirname(options.resultsFile), { recursive: true });
    fs.writeFileSync(options.resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    line(`bench: wrote ${path.relative(process.cwd(), options.resultsFile)}`);
  }
  return 0;
}

if (require.main === module) {
  let options: BenchOptions;
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
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
