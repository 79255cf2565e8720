/**
 * gdp-stacks.json: the stacks of a split synth, per environment, with their state, their dependencies and
 * the waves in which CI can plan and apply them in parallel (every stack after the stacks it reads).
 * Written beside manifest.json; read by the generated GitHub workflow's matrix, `gdp plan` and `gdp drift`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SplitBy } from './partition';
import type { SplitSummary } from './index';

/** File name of the split manifest in the output folder. */
export const SPLIT_MANIFEST_FILE = 'gdp-stacks.json';

/** The content of gdp-stacks.json. */
export interface SplitManifest {
  readonly splitBy: SplitBy;
  readonly environments: Readonly<
    Record<
      string,
      {
        readonly waves: readonly (readonly string[])[];
        readonly stacks: Readonly<
          Record<string, { readonly part: string; readonly backend: { readonly bucket: string; readonly prefix: string }; readonly dependsOn: readonly string[]; readonly resources: number }>
        >;
      }
    >
  >;
}

/** The manifest of the environments split in one run (in the order given). */
export function splitManifestOf(splitBy: SplitBy, environments: readonly { readonly env: string; readonly split?: SplitSummary }[]): SplitManifest {
  const out: Record<string, SplitManifest['environments'][string]> = {};
  for (const { env, split } of environments) {
    if (!split) continue;
    out[env] = {
      waves: split.waves,
      stacks: Object.fromEntries(
        split.stacks.map((s) => [s.name, { part: s.part, backend: s.backend, dependsOn: s.dependsOn, resources: Object.values(s.resources).reduce((a, b) => a + b, 0) }]),
      ),
    };
  }
  return { splitBy, environments: out };
}

/** Reads gdp-stacks.json of an output folder; undefined when the last synth did not split. */
export function readSplitManifest(outdir: string): SplitManifest | undefined {
  const file = path.join(outdir, SPLIT_MANIFEST_FILE);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SplitManifest;
}
