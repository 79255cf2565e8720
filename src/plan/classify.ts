/**
 * The offline plan: compares the base and head stacks of one environment resource by resource
 * (Terraform address `type.name`) and classifies each with the provider's rules (resource-rules.ts):
 * created, updated in place, replaced, destroyed or unchanged, with the changed attributes.
 */
import { removedBindingMembers } from './binding-members';
import type { AttributeChange, ChangeAction, Values } from './model';
import { rulesFor, type ResourceRules } from './resource-rules';
import type { SchemaAnalysis } from './table-schema';
import { diffValues, formatPath, isRecord, rulePath, touches } from './values';

/** The resources of a synthesized stack (cdk.tf.json). */
export interface StackJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Values>>>>;
}

/** Everything known about one resource's change; risks are assessed from it (risks.ts). */
export interface ChangeFacts {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly action: ChangeAction;
  readonly attributes: readonly AttributeChange[];
  readonly replaceReasons: readonly string[];
  /** Partitioning changes the API is expected to reject when sent as an update. */
  readonly applyFailures: readonly string[];
  readonly schema?: SchemaAnalysis;
  /** Values before (base stack or Terraform state); undefined for creates. */
  readonly before?: Values;
  /** Values after; undefined for destroys. */
  readonly after?: Values;
  /** The new configuration sets `lifecycle.prevent_destroy` (Terraform refuses to plan a replacement). */
  readonly preventDestroy: boolean;
  /** For an authoritative IAM binding: members the base grants its role on its resource that it removes. */
  readonly removedMembers?: readonly string[];
}

/** Terraform meta-arguments: they never make a diff of their own. */
const META_ARGUMENTS = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'provisioner', 'connection']);

/** A resource's attributes without meta-arguments, with the provider's defaults filled in. */
export function attributesOf(values: Values | undefined, rules: ResourceRules | undefined): Values | undefined {
  if (!values) return undefined;
  const out: Record<string, unknown> = { ...(rules?.defaults ?? {}) };
  for (const [k, v] of Object.entries(values)) if (!META_ARGUMENTS.has(k) && v !== undefined && v !== null) out[k] = v;
  return out;
}

/** Attribute differences, each marked when `forces(rulePath)` says it replaces the resource. */
export function attributeChanges(type: string, before: Values, after: Values, forces: (rulePath: string, path: readonly (string | number)[]) => boolean): AttributeChange[] {
  return diffValues(before, after, rulesFor(type)?.equal).map((d) => ({
    path: formatPath(d.segments),
    change: d.change,
    ...(d.change !== 'added' ? { before: d.before } : {}),
    ...(d.change !== 'removed' ? { after: d.after } : {}),
    forcesReplacement: forces(rulePath(d.segments), d.segments),
  }));
}

/** True when the provider replaces the resource for a change at this rule path. */
export function isForceNew(rules: ResourceRules | undefined, path: string): boolean {
  if (!rules) return false;
  return rules.forceNew === 'all' || rules.forceNew.some((rule) => touches(path, rule));
}

/** Classifies one resource from its base and head values (either may be missing). */
export function compareResource(type: string, name: string, base: Values | undefined, head: Values | undefined): ChangeFacts {
  const rules = rulesFor(type);
  const before = attributesOf(base, rules);
  const after = attributesOf(head, rules);
  const preventDestroy = isRecord(head?.lifecycle) && head.lifecycle.prevent_destroy === true;
  const facts = { address: `${type}.${name}`, type, name, before, after, preventDestroy };
  if (!before || !after) {
    return { ...facts, action: before ? 'destroy' : 'create', attributes: [], replaceReasons: [], applyFailures: [] };
  }
  const attributes = attributeChanges(type, before, after, (path) => isForceNew(rules, path));
  if (attributes.length === 0) return { ...facts, action: 'unchanged', attributes, replaceReasons: [], applyFailures: [] };
  const analysis = rules?.analyze?.(before, after);
  const replaceReasons = [
    ...attributes.filter((a) => a.forcesReplacement).map((a) => `${a.path} ${a.change === 'changed' ? 'changes' : `is ${a.change}`} (ForceNew)`),
    ...(analysis?.replaceReasons ?? []),
  ];
  const action: ChangeAction = replaceReasons.length > 0 ? 'replace' : 'update';
  return {
    ...facts,
    action,
    attributes: attributes.map((a) => (a.path === 'schema' && analysis?.schema?.effect === 'replace' ? { ...a, forcesReplacement: true } : a)),
    replaceReasons,
    applyFailures: action === 'update' ? (analysis?.applyFailures ?? []) : [],
    schema: analysis?.schema,
  };
}

/** Compares every resource of two stacks; sorted by address. */
export function compareStacks(base: StackJson, head: StackJson): ChangeFacts[] {
  const keys = new Map<string, { type: string; name: string }>();
  for (const stack of [base, head]) {
    for (const [type, byName] of Object.entries(stack.resource ?? {})) {
      for (const name of Object.keys(byName)) keys.set(`${type}.${name}`, { type, name });
    }
  }
  const removed = removedBindingMembers(base, head);
  return [...keys.keys()].sort().map((address) => {
    const { type, name } = keys.get(address)!;
    const facts = compareResource(type, name, base.resource?.[type]?.[name], head.resource?.[type]?.[name]);
    const members = removed.get(address);
    return members === undefined ? facts : { ...facts, removedMembers: members };
  });
}
