/**
 * How many synthesis workers run at once when several environments are built (`gdp synth --env all`).
 * Each worker holds one environment's construct tree and stack; the number is the smallest of: the
 * environments asked, the CPUs, and the workers that fit in half the memory available when synthesis
 * starts (each estimated from the project's size; at least one). `--jobs` or GDP_SYNTH_JOBS set it instead.
 */
import * as os from 'node:os';

/** The environment variable that sets the number of workers (`--jobs` wins). */
export const SYNTH_JOBS_ENV = 'GDP_SYNTH_JOBS';

/**
 * Peak resident memory of one worker, MB, from the number of entities of the project: a worker with every
 * module loaded and nothing built takes about 110 MB; the rest grows with the stack, a little faster than
 * the project. Measured with `gdp synth --env all` on the bench's generated projects (5,000 tables: 8,668
 * entities, about 220 MB a worker; 20,000 tables: about 34,700 entities; docs/performance.md, "Memory of
 * synth --env all"), with a margin.
 */
const WORKER_BASE_MB = 120;
const WORKER_MB_PER_ENTITY = 0.03;

/** The estimated peak of one worker for a project of `entities` entities, MB. */
export function estimatedWorkerMb(entities: number): number {
  return Math.ceil(WORKER_BASE_MB + entities * WORKER_MB_PER_ENTITY);
}

/** What the number of workers is chosen from. */
export interface WorkerSlotInput {
  readonly environments: number;
  readonly entities: number;
  /** Memory available to this process, MB (default: what the OS and a cgroup limit leave). */
  readonly availableMb?: number;
  /** CPUs this process may use (default: os.availableParallelism()). */
  readonly cpus?: number;
}

/** Memory available to this process now, MB (within a container's limit, where there is one). */
function availableMemoryMb(): number {
  const available = typeof process.availableMemory === 'function' ? process.availableMemory() : os.freemem();
  return available / (1024 * 1024);
}

/** The number of workers to run at once (see the file's comment). */
export function workerSlots(input: WorkerSlotInput): number {
  const cpus = input.cpus ?? os.availableParallelism();
  const budgetMb = (input.availableMb ?? availableMemoryMb()) / 2;
  const fitting = Math.floor(budgetMb / estimatedWorkerMb(input.entities));
  return Math.max(1, Math.min(input.environments, cpus, fitting));
}

/**
 * The number of workers a `--jobs` value or GDP_SYNTH_JOBS asks for: undefined when not given, a message
 * when it is not a whole number from 1.
 */
export function requestedJobs(value: string | number | undefined, source: string): number | undefined | { readonly error: string } {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1) return n;
  return { error: `${source}=${JSON.stringify(String(value))} is not a number of synthesis processes: give a whole number from 1 (1 builds one environment at a time)` };
}

/**
 * The number of workers asked for: `option` (named `label` in the message) when given, else
 * GDP_SYNTH_JOBS; checked as {@link requestedJobs} checks it. The CLI asks before any work (a usage
 * error); `runSynth` asks again for callers without the CLI (the cdktf app, library use).
 */
export function synthJobs(option: number | undefined, label: string): number | undefined | { readonly error: string } {
  return option !== undefined ? requestedJobs(option, label) : requestedJobs(process.env[SYNTH_JOBS_ENV], SYNTH_JOBS_ENV);
}
