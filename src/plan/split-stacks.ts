/**
 * `gdp plan --split-by dataset|folder`: the plan's changes grouped by the stack (`gdp synth --split-by`)
 * that holds each resource, and the resources that move from one stack to another (their state must be
 * moved before the stacks are applied, or the old stack destroys what the new one creates). Both sides
 * are split the same way; a resource's stack is the head's, or the base's for a deletion.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EnvironmentName } from '../core/environment';
import type { Project } from '../core/project';
import { buildStacks } from '../synth/build-stacks';
import { STACKS_FOLDER, STACK_FILE } from '../synth/cdk';
import type { SplitBy } from '../synth/split';
import type { Plan } from './model';

/** One environment's changes per stack. */
export interface StackPlan {
  readonly env: EnvironmentName;
  /** Stack → addresses of changed resources (sorted). */
  readonly changes: Readonly<Record<string, readonly string[]>>;
  /** Resources whose stack differs between base and head. */
  readonly moves: readonly { readonly address: string; readonly from: string; readonly to: string }[];
}

/** The stack of every resource of one environment split this way, by address. */
function stackOfResources(project: Project, env: EnvironmentName, splitBy: SplitBy): Map<string, string> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-plan-split-'));
  try {
    const [built] = buildStacks(project, [env], temp, splitBy);
    const out = new Map<string, string>();
    for (const { name } of built.split!.stacks) {
      const tf = JSON.parse(fs.readFileSync(path.join(temp, STACKS_FOLDER, name, STACK_FILE), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
      for (const [type, byName] of Object.entries(tf.resource ?? {})) for (const n of Object.keys(byName)) out.set(`${type}.${n}`, name);
    }
    return out;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** Groups each environment's changes by stack and finds the moves between stacks. */
export function planByStack(plan: Plan, projects: readonly [Project, Project], splitBy: SplitBy): StackPlan[] {
  return plan.environments.map(({ env, changes }) => {
    const [base, head] = projects.map((p) => stackOfResources(p, env, splitBy));
    const byStack: Record<string, string[]> = {};
    for (const c of changes) {
      const stack = head.get(c.address) ?? base.get(c.address) ?? `${env} (no stack)`;
      (byStack[stack] ??= []).push(c.address);
    }
    const moves = [...head]
      .filter(([address, to]) => base.has(address) && base.get(address) !== to)
      .map(([address, to]) => ({ address, from: base.get(address)!, to }))
      .sort((a, b) => a.address.localeCompare(b.address));
    const sorted = Object.fromEntries(Object.keys(byStack).sort().map((k) => [k, byStack[k].sort()]));
    return { env, changes: sorted, moves };
  });
}

/** Text (also valid Markdown): per environment, the stacks with changes, then the moves. */
export function renderStackPlans(plans: readonly StackPlan[]): string {
  const lines: string[] = [];
  for (const p of plans) {
    const stacks = Object.entries(p.changes);
    lines.push(`${p.env} by stack: ${stacks.length === 0 ? 'no stack changes' : stacks.map(([s, a]) => `${s} (${a.length})`).join(', ')}`);
    for (const m of p.moves) lines.push(`  moves between stacks: ${m.address} from ${m.from} to ${m.to} (move its state first: terraform state mv, or removed + import)`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
