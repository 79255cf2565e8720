/**
 * `gdp synth --split-by dataset|folder`: the environment's stack is built as usual (one app, one stack,
 * checked against the provider schema), then split into one stack per part with explicit cross-stack
 * references, each written in cdktf's layout (`stacks/<env>-<part>/cdk.tf.json`) with its own state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticBag, type Diagnostic } from '../../core/diagnostics';
import type { Project } from '../../core/project';
import { STACKS_FOLDER, writeStackFile, type StackManifestEntry } from '../cdk';
import { SynthOutputError, type OutputViolation } from '../check/check-output';
import { checkSplitReferences } from './check-split';
import { partsOfProject, splitCycles, splitStateClashes, type SplitBy } from './partition';
import { splitStack, type GcsBackendConfig } from './split-stack';

export { SPLIT_BY_VALUES, splitCycles, splitStateClashes, type SplitBy } from './partition';

/**
 * What makes a split impossible, for every command that splits (synth, plan, drift): stacks that need each
 * other (GDP850) and a stack whose state would be another's (GDP407). Checked before anything is built.
 */
export function splitProblems(project: Project, splitBy: SplitBy, environmentsDir: string): Diagnostic[] {
  const bag = new DiagnosticBag(project.registry.codes);
  for (const d of [...splitCycles(project, splitBy), ...splitStateClashes(project, splitBy, environmentsDir)]) bag.add(d);
  return bag.sorted();
}
export { SPLIT_MANIFEST_FILE, readSplitManifest, splitManifestOf, type SplitManifest } from './manifest';

/** One stack of a split environment, as reported and listed in gdp-stacks.json. */
export interface SplitStackSummary {
  readonly name: string;
  readonly part: string;
  readonly backend: GcsBackendConfig;
  /** Stacks this one reads outputs of (apply them first). */
  readonly dependsOn: readonly string[];
  /** Resources per Terraform type (data sources as `data.<type>`), sorted by type. */
  readonly resources: Readonly<Record<string, number>>;
}

/** What splitting one environment produced. */
export interface SplitSummary {
  readonly splitBy: SplitBy;
  readonly stacks: readonly SplitStackSummary[];
  /** Stacks that can be planned and applied in parallel, wave after wave. */
  readonly waves: readonly (readonly string[])[];
  /** The environment's entries of manifest.json. */
  readonly manifest: Readonly<Record<string, StackManifestEntry>>;
}

/** What {@link writeSplitEnvironment} needs. */
export interface SplitJob {
  readonly project: Project;
  readonly env: string;
  readonly splitBy: SplitBy;
  /** The environment's synthesized (unsplit) stack, already checked. */
  readonly stack: unknown;
  /** Entity (graph key) of each resource, by address. */
  readonly owners: ReadonlyMap<string, string>;
  readonly backend: GcsBackendConfig;
  /** The app's output folder: `stacks/<env>` is replaced by the split stacks. */
  readonly outdir: string;
  /** The provider-schema check of one stack. */
  readonly check: (stack: unknown) => OutputViolation[];
}

/** Splits one environment's stack, checks every part and writes them in place of the unsplit one. */
export function writeSplitEnvironment(job: SplitJob): SplitSummary {
  const parts = partsOfProject(job.project, job.splitBy);
  const owners = new Map([...job.owners].map(([address, key]) => [address, parts.get(key)!]));
  const split = splitStack(job.stack as Parameters<typeof splitStack>[0], { env: job.env, backend: job.backend, owners });
  const violations = split.stacks.flatMap((s) => job.check(s.tf).map((v) => ({ ...v, address: `${s.name}: ${v.address}` })));
  violations.push(...checkSplitReferences(split));
  if (violations.length > 0) throw new SynthOutputError(job.env, violations);
  fs.rmSync(path.join(job.outdir, STACKS_FOLDER, job.env), { recursive: true, force: true });
  const manifest: Record<string, StackManifestEntry> = {};
  for (const s of split.stacks) manifest[s.name] = writeStackFile(job.outdir, s.name, s.tf, s.dependsOn);
  return {
    splitBy: job.splitBy,
    stacks: split.stacks.map((s) => ({ name: s.name, part: s.part, backend: s.backend, dependsOn: s.dependsOn, resources: countOf(s.tf) })),
    waves: split.waves,
    manifest,
  };
}

/** Resources per type of a stack, without the remote-state reads (data sources as `data.<type>`). */
function countOf(tf: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [section, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    for (const [type, names] of Object.entries((tf[section] ?? {}) as Record<string, object>)) {
      if (type !== 'terraform_remote_state') counts[`${prefix}${type}`] = Object.keys(names).length;
    }
  }
  return Object.fromEntries(Object.keys(counts).sort().map((k) => [k, counts[k]]));
}
