/**
 * The benchmark's results (bench/results.json): rows per size and step, facts per size, the targets of
 * issue 14 checked against them, and the markdown tables printed and copied into the docs.
 */

/** One step at one size, as written to bench/results.json. CPU = user + system of the whole process tree. */
export interface BenchRun {
  readonly n: number;
  readonly step: string;
  /** Why the step did not run (a command or flag gdp does not have yet, or a size it is not run at). */
  readonly skipped?: string;
  readonly reps?: number;
  /** Medians over the repetitions. */
  readonly cpu_s?: number;
  readonly wall_s?: number;
  readonly cpu_samples_s?: readonly number[];
  readonly wall_samples_s?: readonly number[];
  /** Peak of the summed RSS of the whole process tree (MB): THE memory figure. */
  readonly tree_peak_mb?: number;
  /** Peak RSS of the largest single process (MB, GNU time), beside it. */
  readonly largest_process_mb?: number;
  /** Resources synthesized (synth: every stack written; plan: every resource compared); null otherwise. */
  readonly resources?: number | null;
  readonly cpu_per_resource_ms?: number;
  /** What the independent floor of this step does (e.g. "parse + write dv"). */
  readonly floor?: string;
  /** Medians of the independent floor runs paired with this step's runs. */
  readonly floor_cpu_s?: number;
  readonly floor_wall_s?: number;
  /** Medians of the ratios of interleaved pairs (step ÷ the floor run next to it). */
  readonly ratio_cpu?: number;
  readonly ratio_wall?: number;
  /** Warm steps: the cold step compared with (medians), and the ratios. */
  readonly cold_step?: string;
  readonly cold_cpu_s?: number;
  readonly cold_wall_s?: number;
  readonly ratio_to_cold_cpu?: number;
  readonly ratio_to_cold_wall?: number;
  /** Warm steps: the run that filled the empty cache (its write overhead against the cold run). */
  readonly fill_cpu_s?: number;
  readonly fill_wall_s?: number;
  readonly fill_tree_peak_mb?: number;
  readonly fill_to_cold_cpu?: number;
  /** Warm steps: the file changed between the fill and the measured run. */
  readonly edited?: string;
  /** Something the reader should know (e.g. the fill run wrote no cache). */
  readonly note?: string;
}

/** Facts of one size: the parse floors and the SQL bodies. */
export interface SizeFacts {
  readonly n: number;
  readonly files: number;
  /** Independent parse floor (js-yaml), medians of every run at this size. */
  readonly independent_parse_cpu_s?: number;
  readonly independent_parse_wall_s?: number;
  /** gdp's own-parser floor, medians. */
  readonly own_parse_cpu_s?: number;
  readonly own_parse_wall_s?: number;
  readonly own_to_independent_cpu?: number;
  /** SQL bodies of the configuration (each body once, whatever the number of environments). */
  readonly bodies?: number;
  /** CPU of `validate` − CPU of `validate --no-sql-check` (server start, checking and server CPU). */
  readonly sql_cpu_s?: number;
  readonly sql_ms_per_body?: number;
  /** Seconds the bench spent on this size (generation, every run, the floors). */
  readonly bench_s?: number;
}

/** A target of issue 14 and whether this run meets it. */
export interface TargetResult {
  /** Stable key (tests, docs). */
  readonly id: string;
  readonly target: string;
  readonly limit: number;
  readonly measured?: number;
  /** undefined when the run did not measure it (size or step not run, or skipped). */
  readonly met?: boolean;
  readonly detail?: string;
}

/** bench/results.json. */
export interface BenchResults {
  readonly machine: Record<string, unknown>;
  readonly generated: string;
  /** The commit measured (`git describe --always --dirty`), when the bench runs in a git checkout. */
  readonly commit?: string;
  readonly total_s: number;
  readonly options: { readonly sizes: readonly number[]; readonly reps?: number; readonly steps: readonly string[] };
  readonly method: Record<string, string | number>;
  readonly sizes: readonly SizeFacts[];
  readonly runs: readonly BenchRun[];
  readonly targets: readonly TargetResult[];
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The median of the ratios of interleaved pairs: `steps[i] / floors[i]`, each step run with the floor run
 * next to it, so that load on the machine weighs on both alike. Pairs with a side missing or a zero floor
 * are left out; undefined when none is left.
 */
export function pairedRatio(steps: readonly (number | undefined)[], floors: readonly (number | undefined)[]): number | undefined {
  const ratios: number[] = [];
  steps.forEach((s, i) => {
    const f = floors[i];
    if (s !== undefined && f !== undefined && f > 0) ratios.push(s / f);
  });
  return ratios.length > 0 ? median(ratios) : undefined;
}

/** Rounds to `digits` decimals; undefined stays undefined. */
export const round = (x: number | undefined, digits = 3): number | undefined => (x === undefined || !Number.isFinite(x) ? undefined : Number(x.toFixed(digits)));

/** SQL cost per body at one size: validate − validate --no-sql-check, whole tree CPU, per body. */
export function sqlPerBody(runs: readonly BenchRun[], n: number, bodies: number | undefined): { sql_cpu_s?: number; sql_ms_per_body?: number } {
  const withSql = find(runs, n, 'validate')?.cpu_s;
  const without = find(runs, n, 'validate-nosql')?.cpu_s;
  if (withSql === undefined || without === undefined) return {};
  const sql = withSql - without;
  return { sql_cpu_s: round(sql), sql_ms_per_body: bodies ? round((sql * 1000) / bodies, 2) : undefined };
}

const find = (runs: readonly BenchRun[], n: number, step: string): BenchRun | undefined => runs.find((r) => r.n === n && r.step === step && !r.skipped);

/** A target's verdict: `atMost` for ≤ limits, otherwise the limit is strict (<). */
function target(id: string, name: string, limit: number, measured: number | undefined, atMost: boolean, detail?: string): TargetResult {
  return {
    id,
    target: name,
    limit,
    ...(measured === undefined ? {} : { measured: Number(measured.toFixed(3)), met: atMost ? measured <= limit : measured < limit }),
    ...(detail ? { detail } : {}),
  };
}

/** Tolerance of "cost per resource not rising" from 1,000 to 20,000 resources' tables (timing noise, GC). */
export const PER_RESOURCE_TOLERANCE = 1.1;
/** 2 GB, in the MB the bench reports. */
const TWO_GB_MB = 2048;

/** The worst tree peak of any step (fill runs of warm steps included) at one size. */
function worstPeak(runs: readonly BenchRun[], n: number): { mb: number; step: string } | undefined {
  let worst: { mb: number; step: string } | undefined;
  for (const r of runs) {
    if (r.n !== n || r.skipped) continue;
    for (const [mb, step] of [
      [r.tree_peak_mb, r.step],
      [r.fill_tree_peak_mb, `${r.step} (fill run)`],
    ] as const) {
      if (mb !== undefined && (!worst || mb > worst.mb)) worst = { mb, step };
    }
  }
  return worst;
}

/** Every target of issue 14 (and the earlier plan target), checked against this run. CPU ratios throughout. */
export function evaluateTargets(runs: readonly BenchRun[], sizes: readonly SizeFacts[]): TargetResult[] {
  const out: TargetResult[] = [];
  const ratio = (n: number, step: string): number | undefined => find(runs, n, step)?.ratio_cpu;
  out.push(target('validate-nosql-floor-5000', 'validate --no-sql-check ≤ 3× the independent parse floor (CPU) at N=5,000', 3, ratio(5000, 'validate-nosql'), true));
  out.push(target('synth-all-floor-5000', 'synth --env all ≤ 10× the independent floor (parse + write, CPU) at N=5,000', 10, ratio(5000, 'synth-all'), true));
  for (const step of ['synth-all', 'plan']) {
    const small = find(runs, 1000, step)?.cpu_per_resource_ms;
    const large = find(runs, 20000, step)?.cpu_per_resource_ms;
    const both = small !== undefined && large !== undefined;
    out.push(
      target(
        `${step}-per-resource`,
        `${step === 'plan' ? 'plan' : 'synth --env all'}: CPU per resource at N=20,000 ≤ ${PER_RESOURCE_TOLERANCE}× that at N=1,000 (not rising; ${PER_RESOURCE_TOLERANCE}× allows for noise)`,
        PER_RESOURCE_TOLERANCE,
        both ? large / small : undefined,
        true,
        both ? `${small} → ${large} ms per resource` : undefined,
      ),
    );
  }
  for (const [n, limit, label] of [
    [5000, 700, '700 MB'],
    [20000, TWO_GB_MB, '2 GB'],
  ] as const) {
    const worst = worstPeak(runs, n);
    out.push(target(`tree-peak-${n}`, `every step's whole process tree < ${label} at N=${n.toLocaleString('en-US')}`, limit, worst?.mb, false, worst?.step));
  }
  for (const n of [1000, 20000]) {
    const facts = sizes.find((s) => s.n === n);
    out.push(
      target(
        `sql-per-body-${n}`,
        `SQL check ≤ 10 ms CPU per body at N=${n.toLocaleString('en-US')}, server start included`,
        10,
        facts?.sql_ms_per_body,
        true,
        facts?.sql_ms_per_body !== undefined ? `${facts.sql_cpu_s} s for ${facts.bodies} bodies` : undefined,
      ),
    );
  }
  const dv = find(runs, 5000, 'synth-dv')?.cpu_s;
  const all = find(runs, 5000, 'synth-all')?.cpu_s;
  out.push(target('synth-dv-third-5000', 'synth --env dv < 1/3 of synth --env all (CPU) at N=5,000', 1 / 3, dv !== undefined && all ? dv / all : undefined, false));
  for (const step of ['validate-warm', 'synth-dv-warm']) {
    const warm = find(runs, 5000, step);
    out.push(
      target(
        `${step}-5000`,
        `${step === 'validate-warm' ? 'validate' : 'synth --env dv'} after one file changed < 10 % of its cold run (CPU) at N=5,000`,
        0.1,
        warm?.ratio_to_cold_cpu,
        false,
        warm?.ratio_to_cold_cpu !== undefined ? `${warm.cpu_s} s warm, ${warm.cold_cpu_s} s cold` : undefined,
      ),
    );
  }
  const plan = find(runs, 5000, 'plan')?.cpu_s;
  out.push(target('plan-vs-synth-5000', 'plan ≤ 2.5× synth --env all (CPU) at N=5,000 (earlier target)', 2.5, plan !== undefined && all ? plan / all : undefined, true));
  return out;
}

const fmt = (x: number | undefined | null, digits = 2): string => (x === undefined || x === null ? '-' : x.toFixed(digits));
const size = (n: number): string => n.toLocaleString('en-US');
const WARM_STEPS = new Set(['validate-warm', 'synth-dv-warm']);

/** The cold steps as a markdown table (also readable in a terminal). */
export function formatRuns(runs: readonly BenchRun[]): string {
  const lines = [
    '| N | step | CPU s | wall s | tree peak MB | largest process MB | resources | CPU ms per resource | floor CPU s | × floor (CPU) | × floor (wall) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of runs) {
    if (WARM_STEPS.has(r.step)) continue;
    if (r.skipped) {
      lines.push(`| ${size(r.n)} | ${r.step} | skipped: ${r.skipped} | | | | | | | | |`);
      continue;
    }
    lines.push(
      `| ${size(r.n)} | ${r.step} | ${fmt(r.cpu_s)} | ${fmt(r.wall_s)} | ${fmt(r.tree_peak_mb, 0)} | ${fmt(r.largest_process_mb, 0)} | ${r.resources ?? '-'} | ${fmt(r.cpu_per_resource_ms, 3)} | ${fmt(r.floor_cpu_s)} | ${fmt(r.ratio_cpu, 1)} | ${fmt(r.ratio_wall, 1)} |`,
    );
  }
  return lines.join('\n');
}

/** The warm (incremental) steps as a markdown table; empty when none ran or was skipped. */
export function formatIncremental(runs: readonly BenchRun[]): string {
  const warm = runs.filter((r) => WARM_STEPS.has(r.step));
  if (warm.length === 0) return '';
  const lines = [
    '| N | step | cold CPU s | fill CPU s (÷ cold) | warm CPU s | warm ÷ cold (CPU) | warm ÷ cold (wall) | tree peak MB |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of warm) {
    if (r.skipped) {
      lines.push(`| ${size(r.n)} | ${r.step} | skipped: ${r.skipped} | | | | | |`);
      continue;
    }
    lines.push(
      `| ${size(r.n)} | ${r.step} | ${fmt(r.cold_cpu_s)} | ${fmt(r.fill_cpu_s)} (${fmt(r.fill_to_cold_cpu)}) | ${fmt(r.cpu_s)} | ${fmt(r.ratio_to_cold_cpu, 3)} | ${fmt(r.ratio_to_cold_wall, 3)} | ${fmt(Math.max(r.tree_peak_mb ?? 0, r.fill_tree_peak_mb ?? 0), 0)} |`,
    );
  }
  return lines.join('\n');
}

/** The floors and the SQL cost per size as a markdown table. */
export function formatSizes(sizes: readonly SizeFacts[]): string {
  const lines = [
    '| N | YAML files | independent parse floor CPU s (wall) | gdp own-parser floor CPU s (wall) | own ÷ independent (CPU) | SQL bodies | SQL CPU s | SQL ms per body |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of sizes) {
    lines.push(
      `| ${size(s.n)} | ${s.files} | ${fmt(s.independent_parse_cpu_s)} (${fmt(s.independent_parse_wall_s)}) | ${fmt(s.own_parse_cpu_s)} (${fmt(s.own_parse_wall_s)}) | ${fmt(s.own_to_independent_cpu, 1)} | ${s.bodies ?? '-'} | ${fmt(s.sql_cpu_s)} | ${fmt(s.sql_ms_per_body, 1)} |`,
    );
  }
  return lines.join('\n');
}

/** The targets as a markdown table. */
export function formatTargets(targets: readonly TargetResult[]): string {
  const lines = ['| target | measured | met |', '|---|---:|---|'];
  for (const t of targets) {
    const met = t.met === undefined ? 'not measured' : t.met ? 'yes' : '**no**';
    lines.push(`| ${t.target} | ${t.measured === undefined ? '-' : Number(t.measured.toFixed(3))}${t.detail ? ` (${t.detail})` : ''} | ${met} |`);
  }
  return lines.join('\n');
}
