/**
 * `gdp synth`'s engine: writes one CDKTF stack per environment into an output folder with the layout of
 * `cdktf synth` (manifest.json + stacks/<env>/cdk.tf.json).
 *
 * Building one environment never builds the others: a single environment is built in this process; several
 * are built each in its own child process (how many at a time: worker-slots.ts), which reads a snapshot of
 * the compiled project from a file, then their stacks are moved into place and one manifest.json lists
 * them all, as cdktf's own manifest would. Everything is built in a staging folder first, so a failure
 * leaves the output folder as it was. A project handed over ({@link handOver}) is let go once the
 * snapshots are written: the parent then holds little while its workers run.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diesWithParent, killOnExit } from '../core/child-lifetime';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/environment';
import { filesUnder } from '../core/files-under';
import type { Project } from '../core/project';
import type { PluginEntry } from '../core/plugins';
import { builtinModules } from '../modules';
import { MANIFEST_FILE, STACKS_FOLDER, readManifest, writeManifest, type StackManifestEntry } from './cdk';
import { claimOutputFolder, STAGING_PREFIX, writeOutputList } from './output-folder';
import { buildStacks, type EnvironmentSynthResult } from './build-stacks';
import { collectGarbage } from './collect-garbage';
import { snapshotFor, writeSnapshot } from './snapshot';
import { SPLIT_MANIFEST_FILE, splitManifestOf, type SplitBy } from './split';
import type { WorkerJob, WorkerMessage } from './worker';
import { workerSlots } from './worker-slots';

export type { EnvironmentSynthResult } from './build-stacks';

/** Where child processes can read the project from (used when a snapshot is not possible). */
export interface ProjectSource {
  readonly configDir: string;
  readonly environmentsDir: string;
}

/**
 * A compiled project given to {@link synthesize} to keep: taken out once, so that synthesize holds the only
 * reference and the project's memory is free while the workers run.
 */
export interface ProjectHandover {
  take(): Project;
}

/** Hands a project over to {@link synthesize}; the caller must keep no other reference to it. */
export function handOver(project: Project): ProjectHandover {
  let held: Project | undefined = project;
  return {
    take() {
      const taken = held;
      held = undefined;
      if (!taken) throw new Error('gdp: a project handed over to synthesis was taken twice');
      return taken;
    },
  };
}

/** What {@link synthesize} needs. */
export interface SynthesizeOptions {
  /** The compiled project (or handed over); it must be free of errors for the environments asked. */
  readonly project: Project | ProjectHandover;
  readonly environments: readonly EnvironmentName[];
  /** Output folder (created if missing); `cdktf.out` for `cdktf synth` compatibility. */
  readonly outdir: string;
  /**
   * The folders the project was read from: the fallback for child processes when the compiled configuration
   * cannot be sent as plain data. Projects with module types other than the built-in ones (library use)
   * are built in this process, one environment after the other, one app each.
   */
  readonly source?: ProjectSource;
  /** Build every environment in this process, one app after the other, instead of in child processes. */
  readonly inProcess?: boolean;
  /** Child processes at a time (default: from the CPUs and the memory available, see worker-slots.ts). */
  readonly parallelism?: number;
  /** Split each environment's state into several stacks (`gdp synth --split-by`; see src/synth/split). */
  readonly splitBy?: SplitBy;
  /**
   * Remove stack folders of the output folder that are not in the new manifest (default true, like
   * `cdktf synth`). The cdktf app passes false: the cdktf CLI prunes them itself after running the app.
   */
  readonly prune?: boolean;
}

/** The outcome of {@link synthesize}. */
export interface SynthesisResult {
  readonly outdir: string;
  /** One entry per environment, in promotion order (dv, qa, np, pd). */
  readonly environments: readonly EnvironmentSynthResult[];
  /** manifest.json's stacks. */
  readonly manifest: Readonly<Record<string, StackManifestEntry>>;
  readonly ms: number;
}

/** Writes the stacks of the environments asked for into `options.outdir`. */
export async function synthesize(options: SynthesizeOptions): Promise<SynthesisResult> {
  const started = process.hrtime.bigint();
  const outdir = path.resolve(options.outdir);
  const environments = ENVIRONMENT_NAMES.filter((e) => options.environments.includes(e));
  const owned = claimOutputFolder(outdir);
  const existed = fs.existsSync(outdir);
  fs.mkdirSync(outdir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(outdir, `${STAGING_PREFIX}${process.pid}-`));
  try {
    const stagedDir = (env: EnvironmentName): string => path.join(staging, env);
    const given = options.project;
    const handedOver = 'take' in given;
    let project: Project | undefined = handedOver ? given.take() : given;
    let results: EnvironmentSynthResult[];
    const jobs = environments.length > 1 && !options.inProcess ? workerJobs(project, environments, options.source, staging) : undefined;
    if (jobs) {
      const parallelism = options.parallelism ?? workerSlots({ environments: jobs.length, entities: project.entities.length });
      project = undefined;
      // What the workers need is in their snapshot files: the project's memory goes back while they run.
      if (handedOver) collectGarbage();
      results = await runWorkers(
        jobs.map((j) => ({ ...j, ...(options.splitBy ? { splitBy: options.splitBy } : {}) })),
        parallelism,
      );
    } else {
      const built = project;
      results = environments.flatMap((env) => buildStacks(built, [env], stagedDir(env), options.splitBy));
    }
    if (options.splitBy) writeSplitManifest(staging, options.splitBy, results);
    const manifest = commit(outdir, environments, stagedDir, options.prune ?? true, owned, options.splitBy ? staging : undefined);
    return { outdir, environments: results, manifest, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  } catch (e) {
    if (!existed) fs.rmSync(outdir, { recursive: true, force: true });
    throw e;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Moves the staged stacks into the output folder and writes the combined manifest. Only files gdp wrote
 * before (`owned`) are ever removed: files of this run's stacks it no longer writes and, with `prune`,
 * the files of stacks no longer in the manifest. Everything else in the folder is left alone.
 */
function commit(
  outdir: string,
  environments: readonly EnvironmentName[],
  stagedDir: (env: EnvironmentName) => string,
  prune: boolean,
  owned: ReadonlySet<string>,
  /** With --split-by: the staging folder holding gdp-stacks.json. */
  splitFrom?: string,
): Record<string, StackManifestEntry> {
  const entries: Record<string, StackManifestEntry> = {};
  const written = new Set<string>();
  for (const env of environments) {
    const staged = readManifest(stagedDir(env));
    const names = Object.keys(staged);
    const expected = splitFrom ? names.length > 0 && names.every((n) => n.startsWith(`${env}-`)) : names.join() === env;
    if (!expected) throw new Error(`gdp: the app built for ${env} holds the stacks ${names.join(', ')}`);
    Object.assign(entries, staged);
    for (const name of names) {
      const from = path.join(stagedDir(env), STACKS_FOLDER, name);
      for (const file of filesUnder(from)) {
        const relative = `${STACKS_FOLDER}/${name}/${file}`;
        fs.mkdirSync(path.dirname(path.join(outdir, relative)), { recursive: true });
        fs.renameSync(path.join(from, file), path.join(outdir, relative));
        written.add(relative);
      }
    }
  }
  writeManifest(outdir, entries);
  written.add(MANIFEST_FILE);
  if (splitFrom) {
    fs.renameSync(path.join(splitFrom, SPLIT_MANIFEST_FILE), path.join(outdir, SPLIT_MANIFEST_FILE));
    written.add(SPLIT_MANIFEST_FILE);
  }
  const kept = new Set(written);
  for (const relative of owned) {
    if (written.has(relative)) continue;
    const [folder, stack] = relative.split('/');
    // gdp-stacks.json describes the last synth only: an unsplit synth removes it.
    const stale = (folder === STACKS_FOLDER && stack !== undefined && (stack in entries || prune)) || relative === SPLIT_MANIFEST_FILE;
    if (stale) removeFileAndEmptyParents(outdir, relative);
    else kept.add(relative);
  }
  writeOutputList(outdir, kept);
  return Object.fromEntries(Object.keys(entries).sort().map((k) => [k, entries[k]]));
}

/** Writes gdp-stacks.json for the environments built into the staging folder. */
function writeSplitManifest(staging: string, splitBy: SplitBy, results: readonly EnvironmentSynthResult[]): void {
  fs.writeFileSync(path.join(staging, SPLIT_MANIFEST_FILE), JSON.stringify(splitManifestOf(splitBy, results), null, 2) + '\n');
}

/** Removes a file gdp wrote, then its folders up to the output folder while they are empty. */
function removeFileAndEmptyParents(outdir: string, relative: string): void {
  fs.rmSync(path.join(outdir, relative), { force: true });
  for (let dir = path.dirname(path.join(outdir, relative)); dir.startsWith(outdir + path.sep); dir = path.dirname(dir)) {
    if (fs.readdirSync(dir).length > 0) break;
    fs.rmdirSync(dir);
  }
}

/** The worker's entry file and the node options to run it (a .ts file needs the transpile hook). */
function workerCommand(): { file: string; execArgv: string[] } {
  const fromSource = __filename.endsWith('.ts');
  const file = path.join(__dirname, fromSource ? 'worker.ts' : 'worker.js');
  // --expose-gc: the worker collects garbage between its phases (worker.ts). A young generation of 2 × 4 MB
  // instead of up to 2 × 16 MB, and the old one grown by 20 % at most between collections instead of up to
  // 4×: resolving the stack makes much short-lived garbage, which V8 would otherwise let pile up to twice
  // the live heap (docs/performance.md, "Memory of synth --env all").
  const v8Flags = ['--expose-gc', '--max-semi-space-size=4', '--heap-growing-percent=20'];
  const execArgv = [...v8Flags, ...(fromSource ? ['-r', path.resolve(__dirname, '../../scripts/ts-register.js')] : [])];
  return { file, execArgv };
}

/**
 * One job per environment for the worker processes, with its snapshot written into the staging folder, or
 * undefined when the project must be built in this process (module types the workers do not have, or
 * configuration that is neither plain data nor on disk).
 */
function workerJobs(project: Project, environments: readonly EnvironmentName[], source: ProjectSource | undefined, staging: string): WorkerJob[] | undefined {
  const plugins = workerPlugins(project);
  if (!plugins) return undefined;
  const folders = source && { configDir: path.resolve(source.configDir), environmentsDir: path.resolve(source.environmentsDir) };
  const jobs: WorkerJob[] = [];
  const shared = path.join(staging, 'shared.snapshot');
  let sharedWritten = false;
  // The shared part once, then one environment at a time: each is written, then dropped.
  for (const env of environments) {
    const snapshot = snapshotFor(project, env);
    const outdir = path.join(staging, env);
    if (!snapshot && !folders) return undefined;
    if (!snapshot) {
      jobs.push({ env, outdir, plugins, source: folders });
      continue;
    }
    const files = { shared, environment: `${outdir}.snapshot` };
    writeSnapshot(files, snapshot, !sharedWritten);
    sharedWritten = true;
    jobs.push({ env, outdir, plugins, snapshot: files });
  }
  return jobs;
}

/**
 * The plugins a worker must load to have the project's module types, or undefined when a module type is
 * neither built in nor loaded from a file (library use with module objects: built in this process).
 */
function workerPlugins(project: Project): PluginEntry[] | undefined {
  const entries = new Map<string, PluginEntry>();
  for (const { module, origin } of project.registry.registered()) {
    if (origin.source === 'builtin' && builtinModules.includes(module)) continue;
    if (origin.source !== 'plugin' || !origin.entry) return undefined;
    entries.set(origin.entry, { name: origin.name, entry: origin.entry });
  }
  return [...entries.values()];
}

/** Runs the jobs, each in its own child process, `parallelism` at a time; results in the jobs' order. */
async function runWorkers(jobs: readonly WorkerJob[], parallelism: number): Promise<EnvironmentSynthResult[]> {
  const queue = [...jobs];
  const results = new Map<WorkerJob, EnvironmentSynthResult>();
  const lane = async (): Promise<void> => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) results.set(job, await runWorker(job));
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallelism, jobs.length)) }, lane));
  return jobs.map((j) => results.get(j)!);
}

function runWorker(job: WorkerJob): Promise<EnvironmentSynthResult> {
  const { file, execArgv } = workerCommand();
  return new Promise((resolve, reject) => {
    const start = diesWithParent(process.execPath, [...execArgv, file]);
    const child = spawn(start.command, start.args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    const stopWatching = killOnExit(child);
    let stderr = '';
    let message: WorkerMessage | undefined;
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('message', (m) => (message = m as WorkerMessage));
    child.on('error', reject);
    child.send(job);
    child.on('exit', (code) => {
      stopWatching();
      if (message?.ok) resolve(message.result);
      else if (message) reject(Object.assign(new Error(message.error), { stack: message.stack }));
      else reject(new Error(`the synthesis process for ${job.env} exited with code ${code} and no result${stderr ? `:\n${stderr}` : ''}`));
    });
  });
}
