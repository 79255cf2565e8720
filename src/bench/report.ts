/** The benchmark's results: rows per size and step, the table printed, and the targets checked. */

/** One step at one size (medians over the repetitions), as written to bench/results.json. */
export interface BenchRun {
  readonly n: number;
  readonly step: string;
  /** Why the step did not run (a command or flag gdp does not have yet). */
  readonly skipped?: string;
  readonly wall_s?: number;
  readonly cpu_s?: number;
  /** Peak RSS of the largest single process (MB). */
  readonly rss_mb?: number;
  /** Peak of the summed RSS of the process tree (MB), sampled every 100 ms. */
  readonly tree_rss_mb?: number;
  /** Resources synthesized (synth: every stack written; plan: every resource compared); null otherwise. */
  readonly resources?: number | null;
  /** YAML files of the configuration. */
  readonly files?: number;
  readonly floor_s?: number;
  readonly ratio_to_floor?: number;
  readonly reps?: number;
  readonly wall_samples_s?: readonly number[];
}

/** SQL analysis split into server start and checking, for one size. */
export interface SqlTiming {
  readonly n: number;
  readonly start_s: number;
  readonly check_s: number;
  readonly bodies: number;
  readonly ms_per_body: number;
  readonly findings: number;
}

/** A target of the "Benchmark and speed" issue and whether this run meets it. */
export interface TargetResult {
  readonly target: string;
  readonly measured?: number;
  readonly limit: number;
  /** undefined when the run did not measure it (size or step not run, or skipped). */
  readonly met?: boolean;
  readonly detail?: string;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const find = (runs: readonly BenchRun[], n: number, step: string): BenchRun | undefined => runs.find((r) => r.n === n && r.step === step && !r.skipped);

function target(name: string, limit: number, measured: number | undefined, atMost: boolean, detail?: string): TargetResult {
  return {
    target: name,
    limit,
    ...(measured === undefined ? {} : { measured: Number(measured.toFixed(3)), met: atMost ? measured <= limit : measured < limit }),
    ...(detail ? { detail } : {}),
  };
}

/** Every target of the issue, checked against this run's medians. */
export function evaluateTargets(runs: readonly BenchRun[], sql: readonly SqlTiming[]): TargetResult[] {
  const out: TargetResult[] = [];
  for (const n of [1000, 5000]) {
    const all = find(runs, n, 'synth-all');
    out.push(target(`synth --env all ≤ 10× floor (parse + write) at N=${n}`, 10, all?.ratio_to_floor, true));
  }
  const perResource = (n: number): number | undefined => {
    const r = find(runs, n, 'synth-all');
    return r?.wall_s !== undefined && r.resources ? r.wall_s / r.resources : undefined;
  };
  const p1 = perResource(1000);
  const p5 = perResource(5000);
  out.push(
    target(
      'synth --env all: cost per resource at N=5,000 ≤ 1.3× that at N=1,000',
      1.3,
      p1 !== undefined && p5 !== undefined ? p5 / p1 : undefined,
      true,
      p1 !== undefined && p5 !== undefined ? `${(p1 * 1e6).toFixed(0)} µs → ${(p5 * 1e6).toFixed(0)} µs per resource` : undefined,
    ),
  );
  const at5000 = runs.filter((r) => r.n === 5000 && !r.skipped && r.rss_mb !== undefined);
  const worst = at5000.sort((a, b) => (b.rss_mb ?? 0) - (a.rss_mb ?? 0))[0];
  out.push(target('peak RSS at N=5,000 < 700 MB (largest process of any step)', 700, worst?.rss_mb, false, worst ? `${worst.step}` : undefined));
  const dv = find(runs, 5000, 'synth-dv');
  const all5 = find(runs, 5000, 'synth-all');
  out.push(target('synth --env dv at N=5,000 < 1/3 of synth --env all', 1 / 3, dv?.wall_s !== undefined && all5?.wall_s ? dv.wall_s / all5.wall_s : undefined, false));
  out.push(target('validate --no-sql-check ≤ 3× parse floor at N=1,000', 3, find(runs, 1000, 'validate-nosql')?.ratio_to_floor, true));
  const biggest = [...sql].sort((a, b) => b.n - a.n)[0];
  out.push(
    target(
      'SQL analysis ≤ 10 ms per body after start (server started once)',
      10,
      biggest?.ms_per_body,
      true,
      biggest ? `N=${biggest.n}: ${biggest.bodies} bodies in ${biggest.check_s} s after a ${biggest.start_s} s start` : undefined,
    ),
  );
  for (const n of [1000, 5000]) {
    const plan = find(runs, n, 'plan');
    const all = find(runs, n, 'synth-all');
    out.push(target(`plan ≤ 2.5× synth --env all at N=${n}`, 2.5, plan?.wall_s !== undefined && all?.wall_s ? plan.wall_s / all.wall_s : undefined, true));
  }
  return out;
}

const fmt = (x: number | undefined | null, digits = 2): string => (x === undefined || x === null ? '-' : x.toFixed(digits));

/** The results as a markdown table (also readable in a terminal). */
export function formatTable(runs: readonly BenchRun[], sql: readonly SqlTiming[]): string {
  const header = '| N | step | wall s | CPU s | RSS MB (tree) | resources | floor s | × floor |';
  const lines = [header, '|---:|---|---:|---:|---:|---:|---:|---:|'];
  for (const r of runs) {
    if (r.skipped) {
      lines.push(`| ${r.n.toLocaleString('en-US')} | ${r.step} | skipped: ${r.skipped} | | | | | |`);
      continue;
    }
    lines.push(
      `| ${r.n.toLocaleString('en-US')} | ${r.step} | ${fmt(r.wall_s)} | ${fmt(r.cpu_s)} | ${fmt(r.rss_mb, 0)} (${fmt(r.tree_rss_mb, 0)}) | ${r.resources ?? '-'} | ${fmt(r.floor_s)} | ${fmt(r.ratio_to_floor, 1)} |`,
    );
  }
  if (sql.length > 0) {
    lines.push('', '| N | SQL server start s | bodies checked | check s | ms per body |', '|---:|---:|---:|---:|---:|');
    for (const s of sql) lines.push(`| ${s.n.toLocaleString('en-US')} | ${fmt(s.start_s)} | ${s.bodies} | ${fmt(s.check_s)} | ${fmt(s.ms_per_body, 1)} |`);
  }
  return lines.join('\n');
}

/** The targets as a markdown table. */
export function formatTargets(targets: readonly TargetResult[]): string {
  const lines = ['| target | measured | met |', '|---|---:|---|'];
  for (const t of targets) {
    const met = t.met === undefined ? 'not measured' : t.met ? 'yes' : '**no**';
    lines.push(`| ${t.target} | ${t.measured === undefined ? '-' : Number(t.measured.toFixed(2))}${t.detail ? ` (${t.detail})` : ''} | ${met} |`);
  }
  return lines.join('\n');
}
