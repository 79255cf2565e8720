/** The lines `gdp synth --split-by` adds to the summary: each environment's stacks, wave by wave. */
import type { EnvironmentSynthResult } from '../build-stacks';

/** One block per split environment: the waves, then each stack's resources and what it reads. */
export function formatSplitSummary(environments: readonly EnvironmentSynthResult[]): string {
  const lines: string[] = [];
  for (const { env, split } of environments) {
    if (!split) continue;
    lines.push(`${env} split by ${split.splitBy} into ${split.stacks.length} stacks, applied in ${split.waves.length} waves: ${split.waves.map((w) => `[${w.join(', ')}]`).join(' → ')}`);
    const width = Math.max(...split.stacks.map((s) => s.name.length));
    for (const s of split.stacks) {
      const total = Object.values(s.resources).reduce((a, b) => a + b, 0);
      lines.push(`  ${s.name.padEnd(width)} ${String(total).padStart(6)} resources${s.dependsOn.length > 0 ? `, reads ${s.dependsOn.join(', ')}` : ''}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
