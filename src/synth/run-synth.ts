/**
 * Validate, then synthesize: the flow shared by `gdp synth` and the cdktf app (cdktf.json). Nothing is
 * written when the configuration has errors; diagnostics print exactly as `gdp validate` prints them.
 */
import * as path from 'node:path';
import { validateProject } from '../api';
import type { EnvironmentName } from '../core/environment';
import { formatText } from '../core/format';
import { claimOutputFolder, OutputFolderError } from './output-folder';
import { formatSynthSummary } from './summary';
import { synthesize, type SynthesisResult } from './synthesize';

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
  try {
    claimOutputFolder(path.resolve(outdir));
  } catch (e) {
    if (!(e instanceof OutputFolderError)) throw e;
    io.stderr.write(formatText([e.diagnostic()], () => undefined, { color: io.stderr.isTTY === true }) + '\n');
    return { exitCode: 2 };
  }
  const validated = await validateProject({ configDir, environmentsDir, environments, sqlCheck: options.sqlCheck });
  const hasErrors = validated.diagnostics.some((d) => d.severity === 'error');
  if (validated.diagnostics.length > 0) io.stderr.write(formatText(validated.diagnostics, validated.lines, { color: io.stderr.isTTY === true }) + '\n');
  if (hasErrors || !validated.project) {
    io.stderr.write('gdp: nothing was synthesized: fix the errors above.\n');
    return { exitCode: 1 };
  }
  const result = await synthesize({ project: validated.project, environments, outdir, source: { configDir, environmentsDir }, prune: options.prune });
  io.stdout.write(formatSynthSummary(result));
  return { exitCode: 0, result };
}
