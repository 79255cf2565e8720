/**
 * The performance tables of README.md and docs/performance.md, generated from bench/results.json by
 * `npm run docs` (test/docs-performance.test.ts fails when they are stale). The prose around them,
 * including why a target is not met, is written by hand.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatIncremental, formatRuns, formatSizes, formatTargets, type BenchResults } from '../bench/report';

/** The committed results of the latest bench run. */
export function readResults(root: string): BenchResults {
  return JSON.parse(readFileSync(path.join(root, 'bench', 'results.json'), 'utf8')) as BenchResults;
}

/** Where and how the results were measured, in one paragraph. */
export function machineLine(results: BenchResults): string {
  const m = results.machine;
  const load = Array.isArray(m.load_average_at_start) ? (m.load_average_at_start as number[]).join(' / ') : '?';
  const reps = results.options.reps === undefined ? 'default repetitions (3 below 1,000 tables, 2 below 20,000, 1 at 20,000; the SQL-checking steps once from 5,000)' : `${results.options.reps} repetition(s) of every step`;
  return [
    `Run of ${results.generated.slice(0, 10)}${results.commit ? ` on commit ${results.commit}` : ''}: N = ${results.options.sizes.map((n) => n.toLocaleString('en-US')).join(', ')} tables, ${reps};`,
    `${String(m.cpus)} vCPUs (${String(m.cpu_model)}), ${String(m.memory_gb)} GiB, Node ${String(m.node)}, ${String(m.platform)};`,
    `${results.total_s.toLocaleString('en-US')} s in all; load average ${load} at the start.`,
  ].join(' ');
}

/** Every generated performance section, by marker name (`<!-- gdp:NAME:start -->`). */
export function performanceSections(results: BenchResults): Record<string, string> {
  return {
    'perf-runs': formatRuns(results.runs),
    'perf-incremental': formatIncremental(results.runs) || '_No warm step in this run._',
    'perf-floors': formatSizes(results.sizes),
    'perf-targets': formatTargets(results.targets),
    'perf-machine': machineLine(results),
  };
}

/** The files whose performance sections are generated, and the sections each must have. */
export const PERFORMANCE_DOCS: Readonly<Record<string, readonly string[]>> = {
  'README.md': ['perf-runs', 'perf-targets', 'perf-machine'],
  'docs/performance.md': ['perf-runs', 'perf-incremental', 'perf-floors', 'perf-targets', 'perf-machine'],
};
