/**
 * Builds a compiled project's stacks with the synth layer and returns them parsed: in this process
 * ({@link synthesizeInMemory}, for one environment of a small project: about 30 ms per stack once cdktf is
 * loaded), or in synthesis worker processes ({@link synthesizeStacks}, what `gdp plan` does: a worker's
 * construct tree and stack text are gone with it instead of adding to this process's peak). Also maps each
 * Terraform resource back to the file that declared it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EnvironmentName } from '../core/environment';
import type { Project } from '../core/project';
import { buildStacks } from '../synth/build-stacks';
import { synthesize } from '../synth/synthesize';
import { STACKS_FOLDER, STACK_FILE } from '../synth/cdk';
import { constructId } from '../synth/stack-builder';
import type { StackJson } from './classify';

/** Synthesizes one stack per environment and returns them parsed. */
export function synthesizeInMemory(project: Project, environments: readonly EnvironmentName[]): Map<EnvironmentName, StackJson> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-plan-synth-'));
  try {
    const stacks = new Map<EnvironmentName, StackJson>();
    for (const env of environments) {
      const outdir = path.join(temp, env);
      buildStacks(project, [env], outdir);
      stacks.set(env, JSON.parse(fs.readFileSync(path.join(outdir, STACKS_FOLDER, env, STACK_FILE), 'utf8')) as StackJson);
    }
    return stacks;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Synthesizes the stacks of several environments into `folder` as `gdp synth --env all` does (a worker
 * process per environment, one at a time: peak memory matters more here than time) and returns a reader
 * of each one's stack. One environment is built in this process (as `gdp synth` does).
 */
export async function synthesizeStacks(project: Project, environments: readonly EnvironmentName[], folder: string): Promise<(env: EnvironmentName) => StackJson> {
  await synthesize({ project, environments, outdir: folder, parallelism: 1 });
  return (env) => JSON.parse(fs.readFileSync(path.join(folder, STACKS_FOLDER, env, STACK_FILE), 'utf8')) as StackJson;
}

/**
 * Finds the file a resource comes from: each entity's resources are named `<kind>_<name>[_<part>]`
 * (the synth context's `id()`); the longest matching entity prefix wins. Stack-level resources (service
 * accounts, grants) have no file.
 */
export function sourceFinder(project: Project): (resourceName: string) => string | undefined {
  const prefixes = project.entities
    .map((e) => ({ prefix: constructId([e.kind, e.name]), file: e.file.path }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (name) => prefixes.find((p) => name === p.prefix || name.startsWith(`${p.prefix}_`))?.file;
}
