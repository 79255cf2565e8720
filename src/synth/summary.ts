/** The short report `gdp synth` prints: resources per type per environment. */
import * as path from 'node:path';
import type { SynthesisResult } from './synthesize';

/** A table of resource counts (types × environments), a total row. */
export function formatSynthSummary(result: SynthesisResult, cwd = process.cwd()): string {
  const envs = result.environments;
  const types = [...new Set(envs.flatMap((e) => Object.keys(e.resourceCounts)))].sort();
  const width = Math.max('resource type'.length, 'total'.length, ...types.map((t) => t.length));
  const cell = (s: string | number): string => String(s).padStart(5);
  const row = (label: string, values: (string | number)[]): string => `  ${label.padEnd(width)}${values.map(cell).join('')}`;
  const folder = path.relative(cwd, result.outdir) || '.';
  const lines = [
    `gdp: synthesized ${envs.map((e) => e.env).join(', ')} into ${folder} (${(result.ms / 1000).toFixed(1)} s)`,
    row('resource type', envs.map((e) => e.env)),
    ...types.map((t) => row(t, envs.map((e) => e.resourceCounts[t] ?? 0))),
    row('total', envs.map((e) => Object.values(e.resourceCounts).reduce((a, b) => a + b, 0))),
  ];
  return `${lines.join('\n')}\n`;
}
