/**
 * The two ways a step can be written, and the vocabulary of step fields. Shared by the checks and by
 * the conversion to Cloud Workflows' native structure.
 *
 * - users' form: `- name: load` followed by the step's fields;
 * - native form: `- load: {call: …}` (a one-key mapping).
 */
import type { ValuePath } from '../../core/source';

/** A plain mapping value. */
export type Mapping = Record<string, unknown>;

/** True for a mapping (not a list, not null). */
export function isMapping(value: unknown): value is Mapping {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A step read from a list item, in either form. */
export interface StepView {
  readonly form: 'users' | 'native';
  readonly name: string;
  /** The step's fields (without `name` in the users' form). */
  readonly body: Mapping;
  /** Where the fields are. */
  readonly bodyPath: ValuePath;
  /** Where the name is written, and whether that is a mapping key (native form). */
  readonly namePath: ValuePath;
  readonly nameIsKey: boolean;
}

/** Why a list item is not a step. */
export interface StepProblem {
  readonly message: string;
  readonly path: ValuePath;
  readonly key?: boolean;
  readonly hint?: string;
}

/**
 * Reads one item of a steps list. A one-key mapping whose value is a mapping is a native step (even when
 * the key is `name`); otherwise a mapping with `name` is a users'-form step.
 */
export function readStep(item: unknown, path: ValuePath): StepView | StepProblem {
  if (!isMapping(item)) {
    return { message: `a step must be a mapping, but ${describe(item)} was given`, path };
  }
  const keys = Object.keys(item);
  if (keys.length === 1 && isMapping(item[keys[0]])) {
    const name = keys[0];
    return { form: 'native', name, body: item[name] as Mapping, bodyPath: [...path, name], namePath: [...path, name], nameIsKey: true };
  }
  if ('name' in item) {
    const name = item.name;
    if (typeof name !== 'string' || name.length === 0) {
      return { message: `a step name must be text, but ${describe(name)} was given`, path: [...path, 'name'] };
    }
    const body: Mapping = {};
    for (const [k, v] of Object.entries(item)) if (k !== 'name') body[k] = v;
    return { form: 'users', name, body, bodyPath: path, namePath: [...path, 'name'], nameIsKey: false };
  }
  if (keys.length === 1) {
    return {
      message: `step "${keys[0]}" must be a mapping of its fields, but ${describe(item[keys[0]])} was given`,
      path: [...path, keys[0]],
    };
  }
  const first = keys[0];
  if (item[first] === null) {
    return {
      message: `step "${first}" has no fields: the fields after it are not indented under it`,
      path: [...path, first],
      key: true,
      hint: `Indent the fields under "${first}:", or write the step as "- name: ${first}" followed by its fields.`,
    };
  }
  return { message: `this step has no name (fields: ${keys.join(', ')})`, path, hint: 'Add "name: <step>" as the step’s first field.' };
}

/** Plain-language description of a value, for messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${value.length > 40 ? value.slice(0, 37) + '…' : value}"`;
  return `${typeof value} ${String(value)}`;
}

/** What a step does; the keys that belong to each action (the first key is the one that must be present). */
export const STEP_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  assign: ['assign'],
  call: ['call', 'args', 'result'],
  switch: ['switch'],
  return: ['return'],
  raise: ['raise'],
  try: ['try', 'retry', 'except'],
  for: ['for'],
  parallel: ['parallel'],
  steps: ['steps'],
};

/** The actions a switch condition may carry besides `condition` and `next`. */
export const CONDITION_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  assign: STEP_ACTIONS.assign,
  call: STEP_ACTIONS.call,
  return: STEP_ACTIONS.return,
  raise: STEP_ACTIONS.raise,
  steps: STEP_ACTIONS.steps,
};

/** Every key of an action table, plus `next`. */
export function knownKeys(actions: Readonly<Record<string, readonly string[]>>): string[] {
  return [...Object.values(actions).flat(), 'next'];
}

/** The action a key belongs to. */
export function actionOf(actions: Readonly<Record<string, readonly string[]>>, key: string): string | undefined {
  return Object.keys(actions).find((a) => actions[a].includes(key));
}

/** True for a string that holds a run-time expression (`${…}` once resolved, `$${…}` as written). */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}
