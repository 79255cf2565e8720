/**
 * Builds environment stacks in this process: one cdktf app, one stack per environment asked for, written
 * in `cdktf synth`'s layout, then checked against the provider schema.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentName } from '../core/environment';
import { stateBackend } from '../core/environment-files';
import type { Project } from '../core/project';
import { STACKS_FOLDER, STACK_FILE, createApp, createEnvironmentStack, synthApp, synthesizedStack, writeManifest } from './cdk';
import { SynthOutputError, checkStack, installedProviderSchema, installedProviderVersion } from './check/check-output';
import { schemaCovering } from './check/covering-schema';
import { StackBuilder } from './stack-builder';
import { writeSplitEnvironment, type SplitBy, type SplitSummary } from './split';

/** What building one environment's stack produced. */
export interface EnvironmentSynthResult {
  readonly env: EnvironmentName;
  /** Resources per Terraform type (data sources as `data.<type>`), sorted by type. */
  readonly resourceCounts: Readonly<Record<string, number>>;
  /** Wall time of building, writing and checking this stack. */
  readonly ms: number;
  /** The process that built it. */
  readonly pid: number;
  /** With `--split-by`: the stacks the environment was split into and the order to apply them. */
  readonly split?: SplitSummary;
}

/**
 * Builds the stacks of `environments` (all in one app) into `outdir` and checks them. The normal paths
 * build ONE environment per call (see synthesize.ts); several are allowed for comparisons with cdktf's
 * own multi-stack synth.
 */
export function buildStacks(
  project: Project,
  environments: readonly EnvironmentName[],
  outdir: string,
  splitBy?: SplitBy,
  /** Called once the construct trees are built, before they are written (the workers collect garbage there). */
  beforeWriting?: () => void,
): EnvironmentSynthResult[] {
  const started = process.hrtime.bigint();
  const app = createApp(outdir);
  const reports = environments.map((name) => {
    const model = project.environments.get(name);
    if (!model) throw new Error(`gdp: environment ${name} was not compiled`);
    const { env } = model;
    const scope = createEnvironmentStack(app, {
      name,
      projectId: env.project_id,
      region: env.region,
      backend: stateBackend(env),
    });
    const builder = new StackBuilder(project, model, scope);
    builder.build();
    return { name, scope, owners: builder.owners(), backend: stateBackend(env) };
  });
  beforeWriting?.();
  synthApp(app);
  const schema = installedProviderSchema();
  const version = installedProviderVersion();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const results = reports.map(({ name, scope, owners, backend }) => {
    // The object cdktf wrote, when at hand; otherwise the file read back.
    const stack = synthesizedStack(scope) ?? (JSON.parse(fs.readFileSync(path.join(outdir, STACKS_FOLDER, name, STACK_FILE), 'utf8')) as unknown);
    const violations = checkStack(stack, schemaCovering(stack, schema, version));
    if (violations.length > 0) throw new SynthOutputError(name, violations);
    const split = splitBy && writeSplitEnvironment({ project, env: name, splitBy, stack, owners, backend, outdir, check: (s) => checkStack(s, schemaCovering(s, schema, version)) });
    return { env: name, resourceCounts: countResources(stack), ms: ms / environments.length, pid: process.pid, ...(split ? { split } : {}) };
  });
  // manifest.json lists the split stacks instead of the environments' stacks.
  if (splitBy) writeManifest(outdir, Object.assign({}, ...results.map((r) => r.split?.manifest ?? {})));
  return results;
}

/** Resources per type in a synthesized stack; data sources as `data.<type>`. */
export function countResources(stack: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  const s = stack as { resource?: Record<string, object>; data?: Record<string, object> };
  for (const [type, byName] of Object.entries(s.resource ?? {})) counts[type] = Object.keys(byName).length;
  for (const [type, byName] of Object.entries(s.data ?? {})) counts[`data.${type}`] = Object.keys(byName).length;
  return Object.fromEntries(Object.keys(counts).sort().map((k) => [k, counts[k]]));
}
