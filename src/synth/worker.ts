/**
 * A child process that builds ONE environment's stack into a staging folder and reports through IPC.
 * Started by synthesize.ts, which sends the job as the first IPC message: normally the file of a snapshot
 * of the compiled project (no re-reading or re-validating), or the folders to compile the project from.
 */
import type { EnvironmentName } from '../core/environment';
import { registryWithPlugins, validateProject } from '../api';
import type { PluginEntry } from '../core/plugins';
import type { Project } from '../core/project';
import { buildStacks, type EnvironmentSynthResult } from './build-stacks';
import { collectGarbage } from './collect-garbage';
import { projectFromSnapshot, readSnapshot, type SnapshotFiles } from './snapshot';
import type { SplitBy } from './split';

/** What the parent asks a worker to do. */
export interface WorkerJob {
  readonly env: EnvironmentName;
  /** Staging folder the worker's app writes into. */
  readonly outdir: string;
  /** The snapshot files of the compiled project for `env`; when absent, the worker compiles `source` for `env` only. */
  readonly snapshot?: SnapshotFiles;
  readonly source?: { readonly configDir: string; readonly environmentsDir: string };
  /** Plugins to load besides the built-in module types (the parent's, by entry file). */
  readonly plugins: readonly PluginEntry[];
  /** Split the environment's state (`gdp synth --split-by`). */
  readonly splitBy?: SplitBy;
}

/** What a worker reports. */
export type WorkerMessage = { readonly ok: true; readonly result: EnvironmentSynthResult } | { readonly ok: false; readonly error: string; readonly stack?: string };

async function projectFor(job: WorkerJob): Promise<Project> {
  if (job.snapshot) return projectFromSnapshot(readSnapshot(job.snapshot), registryWithPlugins(job.plugins));
  if (!job.source) throw new Error('gdp: a synthesis job needs a project snapshot or the configuration folders');
  // The SQL was checked before synthesis started: only the project is rebuilt here.
  const compiled = await validateProject({ ...job.source, environments: [job.env], sqlCheck: false, registry: registryWithPlugins(job.plugins) });
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (!compiled.project || errors.length > 0) {
    throw new Error(`the configuration changed during synthesis: ${errors.length} error(s) for ${job.env}, first: ${errors[0]?.file}: ${errors[0]?.message}`);
  }
  return compiled.project;
}

/**
 * Runs one job. Garbage is collected once the construct tree is built (the snapshot's bytes and what
 * building left behind), so that resolving and writing the stack start from the memory in use: the
 * worker's peak is at the end.
 */
export async function runJob(job: WorkerJob): Promise<EnvironmentSynthResult> {
  return buildStacks(await projectFor(job), [job.env], job.outdir, job.splitBy, collectGarbage)[0];
}

if (require.main === module) {
  // The parent is gone (where setpriv is missing, nothing else stops this process): stop.
  process.once('disconnect', () => process.exit(1));
  process.once('message', (job: WorkerJob) => {
    runJob(job).then(
      (result) => process.send!({ ok: true, result } satisfies WorkerMessage, () => process.exit(0)),
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        process.send!({ ok: false, error: err.message, stack: err.stack } satisfies WorkerMessage, () => process.exit(1));
      },
    );
  });
}
