/**
 * Checks the references between the stacks of a split environment: every remote-state read names a stack
 * of the environment, with that stack's backend, and an output it exports; every exported output names a
 * resource of its own stack; every stack keeps its own state. A violation is a bug in gdp (GDP900).
 */
import type { OutputViolation } from '../check/check-output';
import { REMOTE_STATE_PREFIX, type SplitEnvironment } from './split-stack';

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const READ = new RegExp(`data\\.terraform_remote_state\\.${REMOTE_STATE_PREFIX}([A-Za-z0-9_-]+?)\\.outputs\\.([A-Za-z0-9_-]+)`, 'g');

function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, into));
  else if (isObject(value)) Object.entries(value).forEach(([k, v]) => k !== '//' && strings(v, into));
  return into;
}

/** Every violation of the cross-stack rules in one split environment. */
export function checkSplitReferences(split: SplitEnvironment): OutputViolation[] {
  const out: OutputViolation[] = [];
  const byName = new Map(split.stacks.map((s) => [s.name, s]));
  const states = new Map<string, string>();
  for (const stack of split.stacks) {
    const state = `gs://${stack.backend.bucket}/${stack.backend.prefix}`;
    const other = states.get(state);
    if (other) out.push({ address: stack.name, path: 'terraform.backend', message: `shares its state ${state} with ${other}` });
    states.set(state, stack.name);
    const outputs = isObject(stack.tf.output) ? stack.tf.output : {};
    const addresses = new Set<string>();
    for (const section of ['resource', 'data'] as const) {
      const byType = isObject(stack.tf[section]) ? stack.tf[section] : {};
      for (const [type, names] of Object.entries(byType)) for (const name of Object.keys(isObject(names) ? names : {})) addresses.add(`${section === 'data' ? 'data.' : ''}${type}.${name}`);
    }
    for (const [name, output] of Object.entries(outputs)) {
      const value = isObject(output) ? output.value : undefined;
      const address = typeof value === 'string' ? /^\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[A-Za-z0-9_]+\}$/.exec(value)?.[1] : undefined;
      if (!address || !addresses.has(address)) out.push({ address: `output.${name}`, path: 'value', message: `exports ${String(value)}, which is not a resource of ${stack.name}` });
    }
    const remote = isObject(stack.tf.data) && isObject(stack.tf.data.terraform_remote_state) ? stack.tf.data.terraform_remote_state : {};
    for (const [name, body] of Object.entries(remote)) {
      const origin = byName.get(name.slice(REMOTE_STATE_PREFIX.length));
      const config = isObject(body) && isObject(body.config) ? body.config : {};
      if (!origin || config.bucket !== origin.backend.bucket || config.prefix !== origin.backend.prefix) {
        out.push({ address: `data.terraform_remote_state.${name}`, path: 'config', message: `does not read the state of a stack of this environment` });
      }
    }
    for (const text of strings({ resource: stack.tf.resource, data: stack.tf.data })) {
      for (const [, origin, output] of text.matchAll(READ)) {
        const from = byName.get(origin);
        const exported = from && isObject(from.tf.output) ? from.tf.output : {};
        if (!from || !(output in exported) || !stack.dependsOn.includes(origin)) {
          out.push({ address: stack.name, path: output, message: `reads output ${output} of ${origin}, which that stack does not export or this one does not depend on` });
        }
      }
    }
  }
  return out;
}
