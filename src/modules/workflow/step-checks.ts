/**
 * Checks of Cloud Workflows step syntax: one action per step, the shape of every action, unique step
 * names, jump targets and the documented limits (reference/gcp-domain.md §4.2–4.3). Steps may be written
 * in the users' form or the native form (see `step-shape.ts`), mixed.
 */
import type { WorkflowCode } from './codes';
import type { Reporter } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { didYouMean, listNames } from '../../core/suggest';
import {
  CONDITION_ACTIONS,
  STEP_ACTIONS,
  actionOf,
  describe,
  isExpression,
  isMapping,
  knownKeys,
  readStep,
  type Mapping,
} from './step-shape';

/** Cloud Workflows limits (gcp-domain.md §4.3). */
export const WORKFLOW_LIMITS = { assignments: 50, conditions: 50, branches: 10, parallelDepth: 2, expressionLength: 400 } as const;

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A steps list: the names declared directly in it, and the list around it. */
interface Block {
  readonly names: Set<string>;
  readonly parent?: Block;
  /** A for-loop body or a parallel branch: `next` cannot leave it. */
  readonly boundary?: 'loop' | 'branch';
}

interface Jump {
  readonly target: unknown;
  readonly path: ValuePath;
  readonly block: Block;
}

type ActionTable = Readonly<Record<string, readonly string[]>>;

/**
 * Checks one steps list of a workflow body (main or a subworkflow), reporting every problem.
 * `subworkflows` are the names a dotless `call:` may name.
 */
export function checkStepList(steps: unknown, path: ValuePath, report: Reporter<WorkflowCode>, subworkflows: readonly string[]): void {
  const checker = new BodyChecker(report, subworkflows);
  checker.steps(steps, path, undefined, undefined, 0);
  checker.resolveJumps();
}

/** Walks one workflow body; names are unique per body and jumps are resolved once it is all read. */
class BodyChecker {
  private readonly declared = new Map<string, ValuePath>();
  private readonly jumps: Jump[] = [];

  constructor(
    private readonly report: Reporter<WorkflowCode>,
    private readonly subworkflows: readonly string[],
  ) {}

  steps(list: unknown, path: ValuePath, parent: Block | undefined, boundary: Block['boundary'], parallelDepth: number): void {
    if (!Array.isArray(list)) {
      this.report('GDP540', path, `steps must be a list of steps, but ${describe(list)} was given`);
      return;
    }
    if (list.length === 0) {
      this.report('GDP540', path, 'steps is empty: give at least one step');
      return;
    }
    const block: Block = { names: new Set(), parent, boundary };
    const views = [];
    for (let i = 0; i < list.length; i++) {
      const view = readStep(list[i], [...path, i]);
      if ('message' in view) {
        this.report('GDP540', view.path, view.message, { key: view.key, hint: view.hint });
        continue;
      }
      this.declare(view.name, view.namePath, view.nameIsKey);
      block.names.add(view.name);
      views.push(view);
    }
    for (const v of views) {
      this.body(v.body, v.bodyPath, `step "${v.name}"`, { path: v.namePath, key: v.nameIsKey }, block, parallelDepth, STEP_ACTIONS);
    }
  }

  private declare(name: string, path: ValuePath, key: boolean): void {
    const first = this.declared.get(name);
    if (first) {
      this.report('GDP544', path, `step name "${name}" is already used by the step at ${formatPath(first)}`, { key });
      return;
    }
    this.declared.set(name, path);
  }

  /** A step's fields (or a switch condition's, or a try's): one action, optionally next. */
  private body(
    body: Mapping,
    path: ValuePath,
    label: string,
    at: { path: ValuePath; key: boolean },
    block: Block,
    parallelDepth: number,
    actions: ActionTable,
    extraKeys: readonly string[] = [],
  ): void {
    let action: string | undefined;
    let actionKey = '';
    for (const key of Object.keys(body)) {
      if (key === 'next' || extraKeys.includes(key)) continue;
      const a = actionOf(actions, key);
      if (!a) {
        const known = [...knownKeys(actions), ...extraKeys];
        this.report('GDP541', [...path, key], `unknown field "${key}" in ${label}.${didYouMean(key, known)}`, {
          key: true,
          hint: `Fields allowed here: ${known.join(', ')}.`,
        });
      } else if (action === undefined) {
        action = a;
        actionKey = key;
      } else if (a !== action) {
        this.report('GDP542', [...path, key], `${label} already has ${actionKey}, so it cannot also have ${key}`, { key: true });
      }
    }
    if (action === undefined) {
      if (!('next' in body)) {
        this.report('GDP543', at.path, `${label} does nothing: give it one of ${Object.keys(actions).join(', ')} or next`, { key: at.key });
      }
    } else {
      const lead = actions[action][0];
      if (!(lead in body)) {
        this.report('GDP543', [...path, actionKey], `${actionKey} in ${label} needs ${lead} in the same step`, { key: true });
      } else {
        this.action(action, body, path, label, block, parallelDepth);
      }
    }
    if ('next' in body) {
      if (action === 'return' || action === 'raise') {
        this.report('GDP558', [...path, 'next'], `${label} ends with ${action}, so its next never runs`, { key: true });
      }
      this.jumps.push({ target: body.next, path: [...path, 'next'], block });
    }
  }

  private action(action: string, body: Mapping, path: ValuePath, label: string, block: Block, parallelDepth: number): void {
    switch (action) {
      case 'assign':
        return this.assign(body.assign, [...path, 'assign'], label);
      case 'call':
        return this.call(body, path);
      case 'switch':
        return this.switchStep(body.switch, [...path, 'switch'], label, block, parallelDepth);
      case 'try':
        return this.tryStep(body, path, label, block, parallelDepth);
      case 'for':
        return this.forLoop(body.for, [...path, 'for'], label, block, parallelDepth);
      case 'parallel':
        return this.parallel(body.parallel, [...path, 'parallel'], label, block, parallelDepth);
      case 'steps':
        return this.steps(body.steps, [...path, 'steps'], block, undefined, parallelDepth);
      default:
        return; // return and raise take any value
    }
  }

  private assign(value: unknown, path: ValuePath, label: string): void {
    if (!Array.isArray(value)) {
      this.report('GDP546', path, `assign in ${label} must be a list of one-key mappings ("- variable: value"), but ${describe(value)} was given`);
      return;
    }
    if (value.length === 0) {
      this.report('GDP546', path, `assign in ${label} is empty`);
      return;
    }
    if (value.length > WORKFLOW_LIMITS.assignments) {
      this.report(
        'GDP546',
        [...path, WORKFLOW_LIMITS.assignments],
        `assign in ${label} holds ${value.length} assignments; Cloud Workflows allows at most ${WORKFLOW_LIMITS.assignments} per step`,
        { hint: 'Split the assignments over several assign steps.' },
      );
    }
    value.forEach((item, i) => {
      if (isMapping(item) && Object.keys(item).length === 1) return;
      const given = isMapping(item) ? `a mapping with ${Object.keys(item).length} keys (${Object.keys(item).join(', ')})` : describe(item);
      this.report('GDP546', [...path, i], `assignment ${i + 1} in ${label} must be a one-key mapping "variable: value", but ${given} was given`, {
        hint: 'Start each assignment with its own "- ".',
      });
    });
  }

  private call(body: Mapping, path: ValuePath): void {
    const call = body.call;
    if (typeof call !== 'string' || call.trim() === '') {
      this.report('GDP553', [...path, 'call'], `call must be the name of a function, but ${describe(call)} was given`);
    } else if (!call.includes('.') && !this.subworkflows.includes(call)) {
      this.report('GDP552', [...path, 'call'], `no subworkflow is named "${call}".${didYouMean(call, this.subworkflows)}`, {
        hint: `Subworkflows of this workflow: ${listNames(this.subworkflows)}. Standard library functions and connectors have a dot (http.get, sys.log, googleapis.…).`,
      });
    }
    if ('args' in body && !isMapping(body.args)) {
      this.report('GDP553', [...path, 'args'], `args must be a mapping of argument names to values, but ${describe(body.args)} was given`);
    }
    if ('result' in body && !(typeof body.result === 'string' && VARIABLE.test(body.result))) {
      this.report('GDP553', [...path, 'result'], `result must be a variable name (letters, digits and "_"), but ${describe(body.result)} was given`);
    }
  }

  private switchStep(value: unknown, path: ValuePath, label: string, block: Block, parallelDepth: number): void {
    if (!Array.isArray(value) || value.length === 0) {
      this.report('GDP547', path, `switch in ${label} must be a list of conditions, but ${Array.isArray(value) ? 'an empty list' : describe(value)} was given`);
      return;
    }
    if (value.length > WORKFLOW_LIMITS.conditions) {
      this.report(
        'GDP547',
        [...path, WORKFLOW_LIMITS.conditions],
        `switch in ${label} holds ${value.length} conditions; Cloud Workflows allows at most ${WORKFLOW_LIMITS.conditions}`,
      );
    }
    value.forEach((item, i) => {
      const p = [...path, i];
      const where = `condition ${i + 1} of ${label}`;
      if (!isMapping(item)) {
        this.report('GDP547', p, `${where} must be a mapping with condition and next (or steps, assign, call, return, raise), but ${describe(item)} was given`);
        return;
      }
      if (!('condition' in item)) {
        this.report('GDP547', p, `${where} has no condition`, { hint: 'Add "condition: $${<expression>}" (or "condition: true" for a default branch).' });
      } else if (typeof item.condition !== 'boolean' && !isExpression(item.condition)) {
        this.report('GDP547', [...p, 'condition'], `condition must be an expression $\${...} or true/false, but ${describe(item.condition)} was given`);
      }
      this.body(item, p, where, { path: p, key: false }, block, parallelDepth, CONDITION_ACTIONS, ['condition']);
    });
  }

  private tryStep(body: Mapping, path: ValuePath, label: string, block: Block, parallelDepth: number): void {
    const tryPath = [...path, 'try'];
    if (!isMapping(body.try)) {
      this.report('GDP548', tryPath, `try in ${label} must be a mapping (a call with args and result, or steps), but ${describe(body.try)} was given`);
    } else {
      this.body(body.try, tryPath, `the try of ${label}`, { path: tryPath, key: true }, block, parallelDepth, STEP_ACTIONS);
    }
    if (!('retry' in body) && !('except' in body)) {
      this.report('GDP548', tryPath, `${label} has try but neither retry nor except`, { key: true });
    }
    if ('retry' in body) this.retry(body.retry, [...path, 'retry'], label);
    if ('except' in body) this.except(body.except, [...path, 'except'], label, block, parallelDepth);
  }

  private retry(value: unknown, path: ValuePath, label: string): void {
    if (typeof value === 'string' && isExpression(value)) return; // e.g. $${http.default_retry}
    if (!isMapping(value)) {
      this.report('GDP548', path, `retry in ${label} must be a policy such as $\${http.default_retry} or a mapping with predicate, max_retries and backoff, but ${describe(value)} was given`);
      return;
    }
    this.unknownKeys(value, path, ['predicate', 'max_retries', 'backoff'], `retry of ${label}`);
    if (!('predicate' in value)) this.report('GDP548', path, `retry in ${label} has no predicate`, { key: true, hint: 'Add "predicate: $${http.default_retry_predicate}".' });
    else if (!isExpression(value.predicate)) this.report('GDP548', [...path, 'predicate'], `predicate must be an expression such as $\${http.default_retry_predicate}, but ${describe(value.predicate)} was given`);
    if (!('max_retries' in value)) this.report('GDP548', path, `retry in ${label} has no max_retries`, { key: true });
    else if (!isCount(value.max_retries, 0)) this.report('GDP548', [...path, 'max_retries'], `max_retries must be a whole number ≥ 0, but ${describe(value.max_retries)} was given`);
    if ('backoff' in value) {
      const backoff = value.backoff;
      const bp = [...path, 'backoff'];
      if (!isMapping(backoff)) {
        this.report('GDP548', bp, `backoff must be a mapping with initial_delay, max_delay and multiplier, but ${describe(backoff)} was given`);
        return;
      }
      this.unknownKeys(backoff, bp, ['initial_delay', 'max_delay', 'multiplier'], `backoff of ${label}`);
      for (const [k, v] of Object.entries(backoff)) {
        if (['initial_delay', 'max_delay', 'multiplier'].includes(k) && !((typeof v === 'number' && v > 0) || isExpression(v))) {
          this.report('GDP548', [...bp, k], `${k} must be a number greater than 0, but ${describe(v)} was given`);
        }
      }
    }
  }

  private except(value: unknown, path: ValuePath, label: string, block: Block, parallelDepth: number): void {
    if (!isMapping(value)) {
      this.report('GDP548', path, `except in ${label} must be a mapping with as and steps, but ${describe(value)} was given`);
      return;
    }
    this.unknownKeys(value, path, ['as', 'steps'], `except of ${label}`);
    if (!('as' in value)) this.report('GDP548', path, `except in ${label} has no as (the variable that receives the error)`, { key: true, hint: 'Add "as: e".' });
    else if (!(typeof value.as === 'string' && VARIABLE.test(value.as))) this.report('GDP548', [...path, 'as'], `as must be a variable name, but ${describe(value.as)} was given`);
    if (!('steps' in value)) this.report('GDP548', path, `except in ${label} has no steps`, { key: true });
    else this.steps(value.steps, [...path, 'steps'], block, undefined, parallelDepth);
  }

  private forLoop(value: unknown, path: ValuePath, label: string, block: Block, parallelDepth: number): void {
    if (!isMapping(value)) {
      this.report('GDP549', path, `for in ${label} must be a mapping with value, in (or range) and steps, but ${describe(value)} was given`);
      return;
    }
    this.unknownKeys(value, path, ['value', 'index', 'in', 'range', 'steps'], `for of ${label}`);
    if (!('value' in value)) this.report('GDP549', path, `for in ${label} has no value (the loop variable)`, { key: true, hint: 'Add "value: item".' });
    else if (!(typeof value.value === 'string' && VARIABLE.test(value.value))) this.report('GDP549', [...path, 'value'], `value must be a variable name, but ${describe(value.value)} was given`);
    if ('index' in value && !(typeof value.index === 'string' && VARIABLE.test(value.index))) {
      this.report('GDP549', [...path, 'index'], `index must be a variable name, but ${describe(value.index)} was given`);
    }
    if ('in' in value && 'range' in value) {
      this.report('GDP549', [...path, 'range'], `for in ${label} has both in and range; give one`, { key: true });
    } else if (!('in' in value) && !('range' in value)) {
      this.report('GDP549', path, `for in ${label} has neither in nor range`, { key: true });
    } else if ('in' in value && !Array.isArray(value.in) && !isExpression(value.in)) {
      this.report('GDP549', [...path, 'in'], `in must be a list or an expression, but ${describe(value.in)} was given`);
    } else if ('range' in value && !isRange(value.range)) {
      this.report('GDP549', [...path, 'range'], `range must be a list of two numbers [first, last], but ${describe(value.range)} was given`);
    }
    if (!('steps' in value)) this.report('GDP549', path, `for in ${label} has no steps`, { key: true });
    else this.steps(value.steps, [...path, 'steps'], block, 'loop', parallelDepth);
  }

  private parallel(value: unknown, path: ValuePath, label: string, block: Block, outerDepth: number): void {
    const depth = outerDepth + 1;
    if (depth > WORKFLOW_LIMITS.parallelDepth) {
      this.report('GDP550', path, `parallel in ${label} is nested ${depth} deep; Cloud Workflows allows ${WORKFLOW_LIMITS.parallelDepth}`, { key: true });
    }
    if (!isMapping(value)) {
      this.report('GDP550', path, `parallel in ${label} must be a mapping with branches or for, but ${describe(value)} was given`);
      return;
    }
    this.unknownKeys(value, path, ['shared', 'concurrency_limit', 'exception_policy', 'branches', 'for'], `parallel of ${label}`);
    if ('shared' in value && !(Array.isArray(value.shared) && value.shared.every((s) => typeof s === 'string' && VARIABLE.test(s)))) {
      this.report('GDP550', [...path, 'shared'], `shared must be a list of variable names, but ${describe(value.shared)} was given`);
    }
    if ('concurrency_limit' in value && !isCount(value.concurrency_limit, 1)) {
      this.report('GDP550', [...path, 'concurrency_limit'], `concurrency_limit must be a whole number ≥ 1, but ${describe(value.concurrency_limit)} was given`);
    }
    const policies = ['continueAll', 'unhandled'];
    if ('exception_policy' in value && !policies.includes(value.exception_policy as string)) {
      const given = value.exception_policy;
      this.report(
        'GDP550',
        [...path, 'exception_policy'],
        `exception_policy must be one of ${policies.join(', ')}, but ${describe(given)} was given.${typeof given === 'string' ? didYouMean(given, policies) : ''}`,
      );
    }
    if ('branches' in value && 'for' in value) {
      this.report('GDP550', [...path, 'for'], `parallel in ${label} has both branches and for; give one`, { key: true });
    } else if ('branches' in value) {
      this.branches(value.branches, [...path, 'branches'], label, block, depth);
    } else if ('for' in value) {
      this.forLoop(value.for, [...path, 'for'], label, block, depth);
    } else {
      this.report('GDP550', path, `parallel in ${label} has neither branches nor for`, { key: true });
    }
  }

  private branches(value: unknown, path: ValuePath, label: string, block: Block, depth: number): void {
    if (!Array.isArray(value) || value.length === 0) {
      this.report('GDP550', path, `branches in ${label} must be a list of named branches, but ${Array.isArray(value) ? 'an empty list' : describe(value)} was given`);
      return;
    }
    if (value.length > WORKFLOW_LIMITS.branches) {
      this.report('GDP550', [...path, WORKFLOW_LIMITS.branches], `parallel in ${label} has ${value.length} branches; Cloud Workflows allows at most ${WORKFLOW_LIMITS.branches}`, {
        hint: 'Use parallel for over a list, or split the branches over several parallel steps.',
      });
    }
    value.forEach((item, i) => {
      const view = readStep(item, [...path, i]);
      if ('message' in view) {
        this.report('GDP540', view.path, view.message, { key: view.key, hint: view.hint });
        return;
      }
      this.declare(view.name, view.namePath, view.nameIsKey);
      const where = `branch "${view.name}"`;
      this.unknownKeys(view.body, view.bodyPath, ['steps'], where);
      if (!('steps' in view.body)) this.report('GDP550', view.namePath, `${where} has no steps`, { key: view.nameIsKey });
      else this.steps(view.body.steps, [...view.bodyPath, 'steps'], block, 'branch', depth);
    });
  }

  private unknownKeys(value: Mapping, path: ValuePath, known: readonly string[], where: string): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      this.report('GDP541', [...path, key], `unknown field "${key}" in ${where}.${didYouMean(key, known)}`, {
        key: true,
        hint: `Fields allowed here: ${known.join(', ')}.`,
      });
    }
  }

  /** Resolves every `next` once all names of the body are known (jumps may go forward). */
  resolveJumps(): void {
    for (const jump of this.jumps) {
      const target = jump.target;
      if (typeof target !== 'string' || target === '') {
        this.report('GDP545', jump.path, `next must be a step name, end, break or continue, but ${describe(target)} was given`);
        continue;
      }
      if (target === 'end') continue;
      if (target === 'break' || target === 'continue') {
        if (!insideLoop(jump.block)) this.report('GDP545', jump.path, `next: ${target} is only allowed inside a for loop`);
        continue;
      }
      const reachable = reachableNames(jump.block);
      if (reachable.includes(target)) continue;
      const elsewhere = this.declared.get(target);
      if (elsewhere) {
        this.report('GDP545', jump.path, `step "${target}" (at ${formatPath(elsewhere)}) is inside another block and cannot be reached from here`, {
          hint: `next reaches the steps of its own block and of the blocks around it, but never into a nested block or out of a for loop or parallel branch. Reachable: ${listNames(reachable, 20)}.`,
        });
        continue;
      }
      this.report('GDP545', jump.path, `no step is named "${target}".${didYouMean(target, [...reachable, 'end'])}`, {
        hint: `Steps reachable from here: ${listNames(reachable, 20)}; or end.`,
      });
    }
  }
}

function insideLoop(block: Block | undefined): boolean {
  for (let b = block; b; b = b.parent) {
    if (b.boundary === 'loop') return true;
    if (b.boundary === 'branch') return false;
  }
  return false;
}

function reachableNames(block: Block): string[] {
  const names: string[] = [];
  for (let b: Block | undefined = block; b; b = b.parent) {
    names.push(...b.names);
    if (b.boundary) break;
  }
  return names;
}

function isCount(value: unknown, min: number): boolean {
  return (typeof value === 'number' && Number.isInteger(value) && value >= min) || isExpression(value);
}

function isRange(value: unknown): boolean {
  if (isExpression(value)) return true;
  return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' || isExpression(v));
}

/** `steps[1].switch[0].steps` for messages. */
export function formatPath(path: ValuePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
