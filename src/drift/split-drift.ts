/**
 * `gdp drift --split-by dataset|folder`: each stack's state against the stack that `gdp synth --split-by`
 * writes for it, one report per stack. A resource that is in one stack's state but now belongs to another
 * stack (its dataset or folder changed, or the split did) is reported once as a move between stacks, not
 * as an orphan here and a missing resource there. Stacks given no state are listed as not checked.
 * With `--live`, each checked stack's report also lists the tables and routines in its datasets that no
 * stack of the environment declares.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateProject, type RunOptions } from '../api';
import type { Diagnostic } from '../core/diagnostics';
import type { EnvironmentName } from '../core/environment';
import type { LineSource } from '../core/format';
import type { StackJson } from '../plan/classify';
import { sourceFinder } from '../plan/stacks';
import { buildStacks } from '../synth/build-stacks';
import { STACKS_FOLDER, STACK_FILE } from '../synth/cdk';
import { splitProblems, type SplitBy } from '../synth/split';
import { openReader, VerifyAbort } from '../verify/client';
import { compareState, type DriftReport } from './compare';
import { declaredObjects, unmanagedObjects, type LiveOptions } from './live';
import { DRIFT_FOUND } from './run-drift';
import { readState, StateReadError, type StateResource } from './state';

/** A resource whose state is in one stack while the configuration puts it in another. */
export interface StackMove {
  readonly address: string;
  /** The stack whose state holds it. */
  readonly from: string;
  /** The stack that declares it now. */
  readonly to: string;
}

/** What a split drift run found. Exit codes as `gdp drift`. */
export interface SplitDriftRun {
  readonly reports: readonly DriftReport[];
  readonly moves: readonly StackMove[];
  /** Stacks of the environment no state was given for. */
  readonly unchecked: readonly string[];
  readonly diagnostics: Diagnostic[];
  readonly lines: LineSource;
  readonly stateError?: string;
  /** Set when `--live` could not read the cloud (no credentials, API failure). */
  readonly abort?: VerifyAbort;
  readonly exitCode: number;
}

/** Options: one environment, how it is split, and a state file per stack (`dv-sales` → file). */
export interface SplitDriftOptions extends RunOptions {
  readonly env: EnvironmentName;
  readonly splitBy: SplitBy;
  readonly states: ReadonlyMap<string, string>;
  /** Also list, in each checked stack's datasets, tables and routines that no stack declares (needs credentials). */
  readonly live?: LiveOptions;
}

/** Parses `--state <stack>=<file>` values; a message when one is malformed or repeated. */
export function parseStackStates(values: readonly string[]): Map<string, string> | string {
  const states = new Map<string, string>();
  for (const v of values) {
    const i = v.indexOf('=');
    if (i <= 0 || i === v.length - 1) return `--state ${v}: with --split-by, give --state <stack>=<file> (e.g. --state dv-sales=sales.tfstate)`;
    const stack = v.slice(0, i);
    if (states.has(stack)) return `--state names stack ${stack} twice`;
    states.set(stack, v.slice(i + 1));
  }
  return states;
}

/** Reads every state first (a wrong path fails fast), then compares each stack. */
export async function runSplitDrift(options: SplitDriftOptions): Promise<SplitDriftRun> {
  const noLines: LineSource = () => undefined;
  const failed = (stateError: string): SplitDriftRun => ({ reports: [], moves: [], unchecked: [], diagnostics: [], lines: noLines, stateError, exitCode: 2 });
  const states = new Map<string, StateResource[]>();
  for (const [stack, file] of options.states) {
    try {
      states.set(stack, readState(file, fs.readFileSync(file, 'utf8')));
    } catch (e) {
      if (e instanceof StateReadError) return failed(e.message);
      if (typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string') return failed(`cannot read ${file} (${(e as NodeJS.ErrnoException).code})`);
      throw e;
    }
  }
  const reader = options.live && (await openReader(options.live));
  if (reader instanceof VerifyAbort) return { reports: [], moves: [], unchecked: [], diagnostics: [], lines: noLines, abort: reader, exitCode: 2 };
  const result = await validateProject({ ...options, environments: [options.env], sqlCheck: options.sqlCheck ?? false });
  if (!result.project || result.diagnostics.some((d) => d.severity === 'error')) return { reports: [], moves: [], unchecked: [], diagnostics: result.diagnostics, lines: result.lines, exitCode: 1 };
  const problems = splitProblems(result.project, options.splitBy, options.environmentsDir);
  if (problems.some((d) => d.severity === 'error')) return { reports: [], moves: [], unchecked: [], diagnostics: [...result.diagnostics, ...problems], lines: result.lines, exitCode: 1 };
  const stacks = splitInMemory(result.project, options.env, options.splitBy);
  const unknown = [...options.states.keys()].filter((s) => !stacks.has(s));
  if (unknown.length > 0) return { ...failed(`--state names ${unknown.join(', ')}, not a stack of ${options.env} split by ${options.splitBy} (its stacks: ${[...stacks.keys()].join(', ')})`), diagnostics: result.diagnostics, lines: result.lines };
  const sourceOf = sourceFinder(result.project);
  const declaredIn = new Map<string, string>();
  for (const [name, stack] of stacks) for (const [type, byName] of Object.entries(stack.resource ?? {})) for (const n of Object.keys(byName)) declaredIn.set(`${type}.${n}`, name);
  const inStateOf = new Map<string, string>();
  for (const [name, resources] of states) for (const r of resources) inStateOf.set(r.address, name);

  const moves: StackMove[] = [];
  let reports = [...states].map(([name, state]): DriftReport => {
    const report = compareState(name, options.states.get(name)!, stacks.get(name)!, state, sourceOf);
    const items = report.items.filter((item) => {
      if (item.kind === 'orphan') {
        const to = declaredIn.get(item.address);
        if (to !== undefined && to !== name) {
          moves.push({ address: item.address, from: name, to });
          return false;
        }
      }
      // Missing here because it is in the state of another stack given: the move covers it.
      if (item.kind === 'missing') return !(inStateOf.has(item.address) && inStateOf.get(item.address) !== name);
      return true;
    });
    return { ...report, items };
  });
  moves.sort((a, b) => a.address.localeCompare(b.address));
  if (reader) {
    try {
      const declared = declaredObjects([...stacks.values()]);
      const withLive: DriftReport[] = [];
      for (const r of reports) withLive.push({ ...r, items: [...r.items, ...(await unmanagedObjects(stacks.get(r.env)!, reader, declared))] });
      reports = withLive;
    } catch (e) {
      if (!(e instanceof VerifyAbort)) throw e;
      return { reports: [], moves: [], unchecked: [], diagnostics: result.diagnostics, lines: result.lines, abort: e, exitCode: 2 };
    }
  }
  const unchecked = [...stacks.keys()].filter((s) => !states.has(s));
  const drift = moves.length > 0 || reports.some((r) => r.items.length > 0);
  return { reports, moves, unchecked, diagnostics: result.diagnostics, lines: result.lines, exitCode: drift ? DRIFT_FOUND : 0 };
}

/** The split stacks of one environment, built in a temporary folder and read back, by name. */
function splitInMemory(project: NonNullable<Awaited<ReturnType<typeof validateProject>>['project']>, env: EnvironmentName, splitBy: SplitBy): Map<string, StackJson> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-drift-split-'));
  try {
    const [built] = buildStacks(project, [env], temp, splitBy);
    return new Map(built.split!.stacks.map((s) => [s.name, JSON.parse(fs.readFileSync(path.join(temp, STACKS_FOLDER, s.name, STACK_FILE), 'utf8')) as StackJson]));
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** Text: each stack's report, then the moves between stacks and the stacks not checked. */
export function renderSplitDriftText(run: SplitDriftRun, renderReport: (r: DriftReport) => string): string {
  const parts = run.reports.map(renderReport);
  if (run.moves.length > 0) {
    parts.push(
      `moved between stacks: ${run.moves.length}\n` +
        run.moves.map((m) => `  ${m.address}  in the state of ${m.from}, declared in ${m.to}\n`).join('') +
        '  hint: move the state before applying (terraform state mv, or `removed` in the old stack and `import` in the new one), or the old stack destroys what the new one creates.\n',
    );
  }
  if (run.unchecked.length > 0) parts.push(`not checked (no --state given): ${run.unchecked.join(', ')}\n`);
  return parts.join('');
}
