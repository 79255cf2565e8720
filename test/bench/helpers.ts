/** Helpers for tests over generated configurations: the configurations and their synthesized stacks as text. */
import * as path from 'node:path';
import { validateProject } from '../../src/api';
import type { Diagnostic } from '../../src/core/diagnostics';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../src/core/environment';
import { generateConfiguration } from '../../src/bench/generate';
import { buildStacks } from '../../src/synth/build-stacks';
import { readTreeText, ROOT, tempDir } from '../../src/testing';

export { readTreeText, tempDir };

/** The bundled environments folder. */
export const ENVIRONMENTS_DIR = path.join(ROOT, 'environments');
/** The bundled example configuration. */
export const EXAMPLE_DIR = path.join(ROOT, 'configuration');

/** Generates a configuration of `n` tables in a temporary folder; returns its configuration folder. */
export function generated(n: number): string {
  return generateConfiguration(path.join(tempDir(), 'configuration'), n).configDir;
}

/** What a configuration gives: its diagnostics and every file written for each environment. */
export interface Synthesized {
  readonly diagnostics: Diagnostic[];
  /** `<env>/<path in the output folder>` → content. */
  readonly files: Record<string, string>;
}

/**
 * Compiles a configuration folder (without the SQL check) and builds each environment's stack in this
 * process, one app per environment, as the synthesis workers and `gdp plan` do.
 */
export async function synthesizeFolder(configDir: string, environments: readonly EnvironmentName[] = ENVIRONMENT_NAMES): Promise<Synthesized> {
  const result = await validateProject({ configDir, environmentsDir: ENVIRONMENTS_DIR, environments, sqlCheck: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.project || errors.length > 0) throw new Error(`${configDir} has errors: ${errors.map((e) => `${e.code} ${e.file}:${e.line} ${e.message}`).join('; ')}`);
  const files: Record<string, string> = {};
  const out = tempDir('gdp-bench-stacks-');
  for (const env of environments) {
    buildStacks(result.project, [env], path.join(out, env));
    for (const [rel, text] of Object.entries(readTreeText(path.join(out, env)))) files[`${env}/${rel}`] = text;
  }
  return { diagnostics: result.diagnostics, files };
}
