/**
 * Compares an environment's Terraform state with the stack gdp synthesizes now: orphans (in the state,
 * declared by no file), missing resources (declared, not in the state) and attributes whose state
 * differs from the configuration. Only attributes the configuration sets are compared (the state also
 * holds computed ones), with the provider's equality rules and defaults (src/plan/resource-rules.ts);
 * values that refer to other resources (`${...}`) are known only at apply and are skipped.
 */
import { attributesOf, type StackJson } from '../plan/classify';
import type { Values } from '../plan/model';
import { rulesFor } from '../plan/resource-rules';
import { diffValues, formatPath, isRecord, single } from '../plan/values';
import type { StateResource } from './state';

/** An attribute that differs: what the configuration says and what the state holds. */
export interface DriftAttribute {
  readonly path: string;
  readonly configured?: unknown;
  readonly actual?: unknown;
}

/** One difference between state and configuration (`unmanaged`: found with `--live`, in no state or file). */
export interface DriftItem {
  readonly kind: 'orphan' | 'missing' | 'changed' | 'unmanaged';
  /** Terraform address, or the full name of an unmanaged table or routine. */
  readonly address: string;
  /** Terraform resource type, or `table`/`view`/`routine`… for unmanaged objects. */
  readonly type: string;
  /** The file that declares the resource (not for orphans). */
  readonly source?: string;
  /** For `changed`: the attributes that differ. */
  readonly attributes: readonly DriftAttribute[];
}

/** The drift of one environment. */
export interface DriftReport {
  readonly env: string;
  readonly stateFile: string;
  readonly inState: number;
  readonly declared: number;
  readonly items: readonly DriftItem[];
}

/** Compares; `sourceOf` names the file of a declared resource. */
export function compareState(env: string, stateFile: string, stack: StackJson, state: readonly StateResource[], sourceOf: (name: string) => string | undefined): DriftReport {
  const declared = new Map<string, { type: string; name: string; values: Values }>();
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, values] of Object.entries(byName)) declared.set(`${type}.${name}`, { type, name, values });
  }
  const inState = new Map(state.map((r) => [r.address, r]));
  const items: DriftItem[] = [];
  for (const r of state) {
    if (!declared.has(r.address)) items.push({ kind: 'orphan', address: r.address, type: r.type, attributes: [] });
  }
  for (const [address, d] of declared) {
    const actual = inState.get(address);
    if (!actual) {
      items.push({ kind: 'missing', address, type: d.type, source: sourceOf(d.name), attributes: [] });
      continue;
    }
    const attributes = attributeDrift(d.type, d.values, actual.values);
    if (attributes.length > 0) items.push({ kind: 'changed', address, type: d.type, source: sourceOf(d.name), attributes });
  }
  const order = { orphan: 0, missing: 1, changed: 2, unmanaged: 3 };
  items.sort((a, b) => order[a.kind] - order[b.kind] || a.address.localeCompare(b.address));
  return { env, stateFile, inState: state.length, declared: declared.size, items };
}

/** Attributes of one resource whose state differs from the configuration. */
export function attributeDrift(type: string, configValues: Values, stateValues: Values): DriftAttribute[] {
  const rules = rulesFor(type);
  const configured = attributesOf(configValues, rules) ?? {};
  // Defaults on both sides: a state without the attribute holds the provider's default.
  const [config, actual] = project(configured, attributesOf(stateValues, rules) ?? {});
  return diffValues(actual, config, rules?.equal).map((d) => ({
    path: formatPath(d.segments),
    ...(d.change !== 'removed' ? { configured: d.after } : {}),
    ...(d.change !== 'added' ? { actual: d.before } : {}),
  }));
}

/**
 * The configured value without references, and the state value cut to the same shape: only keys the
 * configuration sets, a one-block list (how the state holds a nested block) as its block.
 */
function project(config: unknown, state: unknown): [unknown, unknown] {
  if (typeof config === 'string' && config.includes('${')) return [undefined, undefined];
  if (isRecord(config)) {
    const s = single(state);
    const c: Record<string, unknown> = {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) {
      const [pc, ps] = project(v, isRecord(s) ? s[k] : undefined);
      if (pc === undefined) continue;
      c[k] = pc;
      out[k] = ps;
    }
    return [c, out];
  }
  if (Array.isArray(config) && Array.isArray(state) && config.every(isRecord)) {
    const pairs = config.map((v, i) => project(v, state[i]));
    return [pairs.map((p) => p[0]), [...pairs.map((p) => p[1]), ...state.slice(config.length)]];
  }
  return [config, state];
}
