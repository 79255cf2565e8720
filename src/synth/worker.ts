/**
 * A child process that builds ONE environment's stack: it compiles the project for that environment only,
 * builds the stack into a staging folder and reports through IPC. Started by synthesize.ts.
 */
import type { EnvironmentName } from '../core/environment';
import { validateProject } from '../api';
import { buildStacks, type EnvironmentSynthResult } from './build-stacks';

/** What the parent asks a worker to do (JSON in argv[2]). */
export interface WorkerJob {
  readonly env: EnvironmentName;
  readonly configDir: string;
  readonly environmentsDir: string;
  /** Staging folder the worker's app writes into. */
  readonly outdir: string;
}

/** What a worker reports. */
export type WorkerMessage = { readonly ok: true; readonly result: EnvironmentSynthResult } | { readonly ok: false; readonly error: string; readonly stack?: string };

async function run(job: WorkerJob): Promise<EnvironmentSynthResult> {
  const compiled = await validateProject({ configDir: job.configDir, environmentsDir: job.environmentsDir, environments: [job.env] });
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (!compiled.project || errors.length > 0) {
    throw new Error(`the configuration changed during synthesis: ${errors.length} error(s) for ${job.env}, first: ${errors[0]?.file}: ${errors[0]?.message}`);
  }
  return buildStacks(compiled.project, [job.env], job.outdir)[0];
}

if (require.main === module) {
  const job = JSON.parse(process.argv[2]) as WorkerJob;
  run(job).then(
    (result) => process.send!({ ok: true, result } satisfies WorkerMessage, () => process.exit(0)),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      process.send!({ ok: false, error: err.message, stack: err.stack } satisfies WorkerMessage, () => process.exit(1));
    },
  );
}
