/** The grants of a permissions file in one environment, and the resources they target. */
import type { ValuePath } from '../../core/source';
import { SECTIONS, TARGET_KINDS, type GrantConfig, type PermissionConfig } from './schema';

/** A grant with where it is written. */
export interface PlacedGrant {
  readonly grant: GrantConfig;
  readonly path: ValuePath;
}

/** One resource a grant targets. */
export interface GrantTarget {
  /** `project`, or the namespace of the target's file (`datasets`, `tables`, `buckets`, `workflows`). */
  readonly kind: 'project' | (typeof TARGET_KINDS)[number]['namespace'];
  /** Logical name (empty for the project). */
  readonly name: string;
  readonly path: ValuePath;
}

/** Every grant of a file with its path (all sections). */
export function allGrants(config: PermissionConfig): PlacedGrant[] {
  return SECTIONS.flatMap((section) => (config[section] ?? []).map((grant, i) => ({ grant, path: [section, i] })));
}

/** The grants that apply in an environment: `all`, then the environment's section. */
export function grantsIn(config: PermissionConfig, env: string): PlacedGrant[] {
  return allGrants(config).filter((g) => g.path[0] === 'all' || g.path[0] === env);
}

/** The resources a grant targets. */
export function targetsOf(placed: PlacedGrant): GrantTarget[] {
  const { grant, path } = placed;
  const out: GrantTarget[] = grant.project ? [{ kind: 'project', name: '', path: [...path, 'project'] }] : [];
  for (const { field, namespace } of TARGET_KINDS) {
    (grant[field] ?? []).forEach((name, i) => out.push({ kind: namespace, name, path: [...path, field, i] }));
  }
  return out;
}

/** The kind of a member: `group`, `user`, `serviceAccount`, `domain`, `allUsers`, … (undefined when malformed). */
export function memberKind(member: string): string | undefined {
  if (member === 'allUsers' || member === 'allAuthenticatedUsers') return member;
  if (/^(group|user):[^@\s:]+@[^@\s]+\.[^@\s]+$/.test(member)) return member.slice(0, member.indexOf(':'));
  if (/^serviceAccount:[^@\s:]+@[^@\s]+\.gserviceaccount\.com$/.test(member)) return 'serviceAccount';
  if (/^domain:[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$/.test(member)) return 'domain';
  if (/^principal(Set)?:\/\/\S+$/.test(member)) return member.startsWith('principalSet') ? 'principalSet' : 'principal';
  return undefined;
}
