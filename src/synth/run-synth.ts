/**
 * Validate, then synthesize: the flow shared by `gdp synth` and the cdktf app (cdktf.json). Nothing is
 * written when the configuration has errors; diagnostics print exactly as `gdp validate` prints them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateProject } from '../api';
import type { EnvironmentName } from '../core/environment';
import type { Diagnostic } from '../core/diagnostics';
import { formatJson, formatText, type LineSource } from '../core/format';
import { claimOutputFolder, OutputFolderError } from './output-folder';
import { formatSynthSummary } from './summary';
import { handOver, synthesize, type ProjectHandover, type SynthesisResult } from './synthesize';
import { synthJobs } from './worker-slots';
import { readSplitManifest, splitProblems, type SplitBy } from './split';
import { splitWorkflowYaml, workflowFileRefusal } from './split/workflow';
import { formatSplitSummary } from './split/summary';

/** What a synth run reads and writes. */
export interface RunSynthOptions {
  readonly configDir: string;
  readonly environmentsDir: string;
  readonly environments: readonly EnvironmentName[];
  readonly outdir: string;
  /** Remove stale stack folders (default true; see SynthesizeOptions.prune). */
  readonly prune?: boolean;
  /** Check procedure SQL with ZetaSQL before synthesizing (default true). */
  readonly sqlCheck?: boolean;
  /** Use the incremental cache (see RunOptions.cache; default false). */
  readonly cache?: boolean;
  /** `json`: stdout gets exactly one JSON document (diagnostics and what was written), nothing on stderr. */
  readonly format?: 'text' | 'json';
  /** Told the step the run is at (the CLI shows it on a terminal); undefined: output follows, erase it. */
  readonly onStep?: (stage: string | undefined) => void;
  /** Split each environment's state into several stacks (see src/synth/split). */
  readonly splitBy?: SplitBy;
  /** With `splitBy`: write the GitHub workflow of the split stacks there (see src/synth/split/workflow.ts). */
  readonly workflowFile?: string;
  /** Synthesis processes at a time (`--jobs`; default: GDP_SYNTH_JOBS, else from CPUs and memory). */
  readonly jobs?: number;
}

/** Where a run prints. */
export interface RunSynthOutput {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Exit code 0 (written), 1 (configuration errors, nothing written) or 2 (an output folder gdp may not
 * write into, checked before any work); gdp bugs are thrown.
 */
export async function runSynth(
  options: RunSynthOptions,
  io: RunSynthOutput = process,
): Promise<{ exitCode: 0 | 1 | 2; result?: SynthesisResult }> {
  const { configDir, environmentsDir, environments, outdir } = options;
  const json = options.format === 'json';
  const report = (diagnostics: readonly Diagnostic[], lines: LineSource, extra: Record<string, unknown>): void => {
    options.onStep?.(undefined);
    if (json) io.stdout.write(formatJson(diagnostics, extra) + '\n');
    else if (diagnostics.length > 0) io.stderr.write(formatText(diagnostics, lines, { color: io.stderr.isTTY === true }) + '\n');
  };
  try {
    claimOutputFolder(path.resolve(outdir));
  } catch (e) {
    if (!(e instanceof OutputFolderError)) throw e;
    report([e.diagnostic()], () => undefined, { valid: false, written: false });
    return { exitCode: 2 };
  }
  const jobs = synthJobs(options.jobs, 'jobs');
  const refusal = typeof jobs === 'object' ? jobs.error : options.workflowFile === undefined ? undefined : workflowFileRefusal(options.workflowFile);
  if (refusal) {
    options.onStep?.(undefined);
    if (json) io.stdout.write(`${JSON.stringify({ valid: false, written: false, error: refusal })}\n`);
    else io.stderr.write(`gdp: ${refusal}\n`);
    return { exitCode: 2 };
  }
  const checked = await validateForSynth(options, report);
  if (!checked) {
    if (!json) io.stderr.write('gdp: nothing was synthesized: fix the errors above.\n');
    return { exitCode: 1 };
  }
  const { project, warnings } = checked;
  options.onStep?.(`synthesizing ${environments.join(', ')}`);
  const result = await synthesize({
    project,
    environments,
    outdir,
    source: { configDir, environmentsDir },
    prune: options.prune,
    splitBy: options.splitBy,
    ...(typeof jobs === 'number' ? { parallelism: jobs } : {}),
  });
  if (options.splitBy && options.workflowFile) {
    const envArg = environments.length === 1 ? environments[0] : 'all';
    const manifest = readSplitManifest(result.outdir)!;
    fs.mkdirSync(path.dirname(path.resolve(options.workflowFile)), { recursive: true });
    // The CI job runs from the repository's root, as gdp runs here: the same folders, relative.
    const folders = `--config ${shellWord(path.relative(process.cwd(), path.resolve(configDir)) || '.')} --environments ${shellWord(path.relative(process.cwd(), path.resolve(environmentsDir)) || '.')}`;
    fs.writeFileSync(options.workflowFile, splitWorkflowYaml(manifest, `${folders} --env ${envArg} --split-by ${options.splitBy}${options.sqlCheck === false ? ' --no-sql-check' : ''}`));
  }
  if (json) {
    const stacks = Object.fromEntries(
      result.environments.flatMap((e): [string, object][] =>
        e.split ? e.split.stacks.map((s) => [s.name, { resources: s.resources, dependsOn: s.dependsOn }]) : [[e.env, { resources: e.resourceCounts }]],
      ),
    );
    report(warnings, () => undefined, { valid: true, written: true, outdir: path.relative(process.cwd(), result.outdir) || '.', stacks });
  } else {
    options.onStep?.(undefined);
    io.stdout.write(formatSynthSummary(result) + formatSplitSummary(result.environments));
  }
  return { exitCode: 0, result };
}

/** A configuration free of errors, ready for synthesis. */
interface CheckedConfiguration {
  /** Handed over (see synthesize.ts): nothing else keeps it once the workers' snapshots are written. */
  readonly project: ProjectHandover;
  /** What validation reported (without the split checks' findings), for the JSON report after synthesis. */
  readonly warnings: readonly Diagnostic[];
}

/**
 * Validation before synthesis, with the split checks; reports what it found (the JSON report of a
 * configuration without errors comes after synthesis). Undefined when there are errors. A function of its
 * own so that the source lines (every file's bytes) are not kept on the stack while synthesis runs.
 */
async function validateForSynth(
  options: RunSynthOptions,
  report: (diagnostics: readonly Diagnostic[], lines: LineSource, extra: Record<string, unknown>) => void,
): Promise<CheckedConfiguration | undefined> {
  const { configDir, environmentsDir, environments, onStep } = options;
  const validated = await validateProject({ configDir, environmentsDir, environments, sqlCheck: options.sqlCheck, cache: options.cache, onStep: onStep && ((s) => onStep(s)) });
  const diagnostics = [...validated.diagnostics];
  if (options.splitBy && validated.project && !diagnostics.some((d) => d.severity === 'error')) {
    // Stacks that need each other cannot be applied one after the other: refused before building.
    diagnostics.push(...splitProblems(validated.project, options.splitBy, environmentsDir));
  }
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  if (hasErrors || !validated.project) {
    report(diagnostics, validated.lines, { valid: false, written: false });
    return undefined;
  }
  if (options.format !== 'json') report(diagnostics, validated.lines, {});
  return { project: handOver(validated.project), warnings: validated.diagnostics };
}

/** A path as one shell word in the generated workflow (quoted only when it needs it). */
function shellWord(p: string): string {
  const posix = p.split(path.sep).join('/');
  return /^[\w./-]+$/.test(posix) ? posix : `'${posix.replace(/'/g, `'\\''`)}'`;
}
