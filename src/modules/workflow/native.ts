/**
 * Conversion of a workflow file to Cloud Workflows' native structure:
 * `{ main: { params, steps: [ { <step>: {...} } ] }, <subworkflow>: { params, steps } }`.
 * Users'-form steps (`- name: x` + fields) become one-key mappings, at every depth; key order and every
 * other value are kept as they are.
 */
import { isMapping, readStep, type Mapping } from './step-shape';

/** A workflow body as written: steps and optional parameters. */
export interface WorkflowBodyLike {
  readonly params?: readonly unknown[];
  readonly steps: readonly unknown[];
}

/** What {@link toNativeDefinition} reads: a (resolved) workflow configuration. */
export interface WorkflowLike extends WorkflowBodyLike {
  readonly subworkflows?: Readonly<Record<string, WorkflowBodyLike>>;
}

/** One body of the native definition. */
export interface NativeBody {
  params?: unknown[];
  steps: Mapping[];
}

/** A native Cloud Workflows definition: `main` first, then the subworkflows. */
export type NativeDefinition = Record<string, NativeBody>;

/** Converts a (resolved) workflow configuration to Cloud Workflows' native structure. */
export function toNativeDefinition(workflow: WorkflowLike): NativeDefinition {
  const definition: NativeDefinition = { main: nativeBody(workflow) };
  for (const [name, sub] of Object.entries(workflow.subworkflows ?? {})) definition[name] = nativeBody(sub);
  return definition;
}

function nativeBody(body: WorkflowBodyLike): NativeBody {
  const steps = nativeSteps(body.steps);
  return body.params === undefined ? { steps } : { params: [...body.params], steps };
}

/** Converts a list of steps in either form to one-key mappings; anything that is not a step is kept. */
export function nativeSteps(steps: unknown): Mapping[] {
  if (!Array.isArray(steps)) return steps as Mapping[];
  return steps.map((item) => {
    const view = readStep(item, []);
    if ('message' in view) return item as Mapping;
    return { [view.name]: nativeStepBody(view.body) };
  });
}

/** Converts the nested steps of one step's fields (steps, try, except, for, parallel, switch). */
function nativeStepBody(body: Mapping): Mapping {
  const out: Mapping = {};
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'steps':
        out[key] = nativeSteps(value);
        break;
      case 'try':
        out[key] = isMapping(value) ? nativeStepBody(value) : value;
        break;
      case 'except':
        out[key] = withNativeSteps(value);
        break;
      case 'for':
        out[key] = withNativeSteps(value);
        break;
      case 'parallel':
        out[key] = nativeParallel(value);
        break;
      case 'switch':
        out[key] = Array.isArray(value) ? value.map((c) => (isMapping(c) ? nativeStepBody(c) : c)) : value;
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

function withNativeSteps(value: unknown): unknown {
  if (!isMapping(value)) return value;
  const out: Mapping = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'steps' ? nativeSteps(v) : v;
  return out;
}

function nativeParallel(value: unknown): unknown {
  if (!isMapping(value)) return value;
  const out: Mapping = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'branches') out[k] = nativeSteps(v);
    else if (k === 'for') out[k] = withNativeSteps(v);
    else out[k] = v;
  }
  return out;
}
