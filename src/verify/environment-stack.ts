/** Validates one environment and synthesizes its stack in memory: what `gdp drift` and `gdp verify` compare against. */
import { validateProject, type RunOptions } from '../api';
import type { Diagnostic } from '../core/diagnostics';
import type { EnvironmentName } from '../core/environment';
import type { LineSource } from '../core/format';
import type { StackJson } from '../plan/classify';
import { sourceFinder, synthesizeInMemory } from '../plan/stacks';

/** The stack, with the file of each resource; or the diagnostics when the configuration has errors. */
export type EnvironmentStack =
  | { readonly ok: true; readonly stack: StackJson; readonly sourceOf: (resourceName: string) => string | undefined; readonly diagnostics: Diagnostic[]; readonly lines: LineSource }
  | { readonly ok: false; readonly diagnostics: Diagnostic[]; readonly lines: LineSource };

/** Validates (SQL only when asked: these commands compare resources, not SQL) and synthesizes. */
export async function environmentStack(options: RunOptions, env: EnvironmentName): Promise<EnvironmentStack> {
  const result = await validateProject({ ...options, environments: [env], sqlCheck: options.sqlCheck ?? false });
  if (!result.project || result.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics: result.diagnostics, lines: result.lines };
  const stack = synthesizeInMemory(result.project, [env]).get(env)!;
  return { ok: true, stack, sourceOf: sourceFinder(result.project), diagnostics: result.diagnostics, lines: result.lines };
}
