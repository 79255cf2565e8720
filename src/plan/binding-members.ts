/**
 * Members an authoritative IAM binding removes: every member the base stack grants the same role on the
 * same resource (through a binding or additive members) that the head binding does not list. Terraform
 * applies a binding by replacing the role's member list, so those members lose the role.
 */
import type { StackJson } from './classify';
import type { Values } from './model';

/** Attributes that are not part of the resource a grant is on. */
const NOT_TARGET = new Set(['role', 'member', 'members', 'condition', 'depends_on', 'lifecycle', '//', 'provider']);

/** `google_bigquery_dataset_iam_binding` → `google_bigquery_dataset_iam`; undefined for other types. */
function iamFamily(type: string): string | undefined {
  const m = /^(.*_iam)_(binding|member)$/.exec(type);
  return m?.[1];
}

/** The resource and role a grant is on, as a key. */
function grantKey(family: string, values: Values): string {
  const target = Object.keys(values)
    .filter((k) => !NOT_TARGET.has(k))
    .sort()
    .map((k) => `${k}=${JSON.stringify(values[k])}`);
  return [family, String(values.role), JSON.stringify(values.condition ?? null), ...target].join('\u0000');
}

/** Members per grant key in a stack. */
function membersByGrant(stack: StackJson): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    const family = iamFamily(type);
    if (family === undefined) continue;
    for (const values of Object.values(byName)) {
      const key = grantKey(family, values);
      const members = out.get(key) ?? new Set<string>();
      if (typeof values.member === 'string') members.add(values.member);
      if (Array.isArray(values.members)) for (const m of values.members) members.add(String(m));
      out.set(key, members);
    }
  }
  return out;
}

/**
 * For each head binding (by address) that leaves out members the base grants the same role on the same
 * resource: those members, sorted.
 */
export function removedBindingMembers(base: StackJson, head: StackJson): Map<string, string[]> {
  const granted = membersByGrant(base);
  const out = new Map<string, string[]>();
  for (const [type, byName] of Object.entries(head.resource ?? {})) {
    if (!type.endsWith('_iam_binding')) continue;
    for (const [name, values] of Object.entries(byName)) {
      const kept = new Set(Array.isArray(values.members) ? values.members.map(String) : []);
      const removed = [...(granted.get(grantKey(iamFamily(type)!, values)) ?? [])].filter((m) => !kept.has(m)).sort();
      if (removed.length > 0) out.set(`${type}.${name}`, removed);
    }
  }
  return out;
}
