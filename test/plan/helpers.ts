/**
 * Helpers for plan tests: base and head configurations built in temporary folders from the bundled
 * example plus edits, planned with the real pipeline (validate, synthesize, compare).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentName } from '../../src/core/environment';
import type { ResourceChange } from '../../src/plan/model';
import { runPlan, type PlanOptions, type PlanRun } from '../../src/plan/run-plan';
import { ROOT, tempDir } from '../../src/testing';

/** File edits under a folder: relative path → new text, or null to delete the file. */
export type Edits = Readonly<Record<string, string | null>>;

/** Writes (or deletes) files under a folder. */
export function applyEdits(dir: string, edits: Edits): void {
  for (const [rel, text] of Object.entries(edits)) {
    const file = path.join(dir, rel);
    if (text === null) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  }
}

/** A dataset of its own for the probe tables, so edits never disturb the bundled example. */
export const PROBE_DATASET = 'description: "Plan tests"\nconfidentiality: c2\nlocation: eu\n';

/** A table file `tables/probe_v1.yaml` in the probe dataset; `body` holds schema and options. */
export function probeTable(body: string, header = ''): string {
  return `table_id: probe\ndataset: probe\nversion: 1\ndescription: "Probe"\ndeletion_protection: false\n${header}${body}`;
}

/** The probe table's address. */
export const PROBE = 'google_bigquery_table.table_probe_v1';

/**
 * A planning workspace: base/{configuration,environments} and head/{configuration,environments}. The
 * head folder plays the working tree (it reads --environments = head/environments); the base folder
 * reads the environments beside it.
 */
export interface Workspace {
  readonly root: string;
  readonly base: string;
  readonly head: string;
  readonly environments: string;
}

/** Edits of a workspace. */
export interface WorkspaceEdits {
  readonly base?: Edits;
  readonly head?: Edits;
  readonly both?: Edits;
  readonly baseEnvironments?: Edits;
  readonly headEnvironments?: Edits;
}

/** Copies the bundled configuration and environments into a workspace and applies the edits. */
export function workspace(edits: WorkspaceEdits = {}): Workspace {
  const root = tempDir('gdp-plan-test-');
  const ws = { root, base: path.join(root, 'base', 'configuration'), head: path.join(root, 'head', 'configuration'), environments: path.join(root, 'head', 'environments') };
  for (const side of ['base', 'head'] as const) {
    const dir = ws[side];
    fs.cpSync(path.join(ROOT, 'configuration'), dir, { recursive: true });
    applyEdits(dir, edits.both ?? {});
    applyEdits(dir, edits[side] ?? {});
    const envs = path.join(root, side, 'environments');
    fs.cpSync(path.join(ROOT, 'environments'), envs, { recursive: true });
    applyEdits(envs, (side === 'base' ? edits.baseEnvironments : edits.headEnvironments) ?? {});
  }
  return ws;
}

/** An environment file of the bundled example with a text replacement. */
export function environmentWith(env: EnvironmentName, from: string, to: string): string {
  const text = fs.readFileSync(path.join(ROOT, 'environments', `${env}.json`), 'utf8');
  if (!text.includes(from)) throw new Error(`environments/${env}.json has no ${from}`);
  return text.replace(from, to);
}

/** Plans a workspace (dv by default; the head folder is the "working tree"). */
export function planWorkspace(ws: Workspace, options: Partial<PlanOptions> & { environments?: readonly EnvironmentName[] } = {}): Promise<PlanRun> {
  return runPlan({
    base: ws.base,
    head: ws.head,
    cwd: ws.root,
    configDir: ws.head,
    environmentsDir: ws.environments,
    environments: ['dv'],
    ...options,
  });
}

/** Plans base → head for the probe table given as YAML bodies (dataset `probe` on both sides). */
export async function planProbe(baseBody: string, headBody: string, options: Partial<PlanOptions> = {}): Promise<PlanRun> {
  const ws = workspace({
    both: { 'datasets/probe.yaml': PROBE_DATASET },
    base: { 'tables/probe_v1.yaml': probeTable(baseBody) },
    head: { 'tables/probe_v1.yaml': probeTable(headBody) },
  });
  return planWorkspace(ws, options);
}

/** The change of an address in an environment (undefined when unchanged). */
export function changeOf(run: PlanRun, address: string, env: EnvironmentName = 'dv'): ResourceChange | undefined {
  const plan = run.plan;
  if (!plan) throw new Error(`no plan: ${run.diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`).join('\n')}`);
  return plan.environments.find((e) => e.env === env)!.changes.find((c) => c.address === address);
}

/** Every changed address of an environment with its action. */
export function actions(run: PlanRun, env: EnvironmentName = 'dv'): Record<string, string> {
  const plan = run.plan;
  if (!plan) throw new Error(`no plan: ${run.diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`).join('\n')}`);
  return Object.fromEntries(plan.environments.find((e) => e.env === env)!.changes.map((c) => [c.address, c.action]));
}

/** Column changes of a table change as `column change effect` strings. */
export function columns(change: ResourceChange | undefined): string[] {
  return (change?.schema?.columns ?? []).map((c) => `${c.column} ${c.change} ${c.effect}`);
}

/** Risk codes of a change. */
export function riskCodes(change: ResourceChange | undefined): string[] {
  return (change?.risks ?? []).map((r) => r.code);
}

/** A few columns as YAML (schema: block). */
export const COLUMNS = 'schema:\n  - name: id\n    type: STRING\n    mode: REQUIRED\n  - name: amount\n    type: INTEGER\n  - name: note\n    type: STRING\n';
