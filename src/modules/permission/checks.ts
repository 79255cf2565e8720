/** Checks of a permissions file: grants' shape and roles (compile), members and their confidentiality (per environment). */
import type { CheckContext, Entity, EnvCheckContext } from '../../core/module-type';
import type { PermissionCode } from './codes';
import { allGrants, grantsIn, memberKind, targetsOf, type GrantTarget, type PlacedGrant } from './model';
import { GDP_GRANTED_ROLES, MEMBERS_BY_CONFIDENTIALITY, PUBLIC_MEMBERS, ROLE, ROLE_FAMILIES, type Confidentiality } from './rules';
import type { PermissionConfig } from './schema';

type PermissionEntity = Entity<PermissionConfig>;

/** Grant shape, role names, role families per target, and bindings of roles gdp grants itself. */
export function checkGrants(entity: PermissionEntity, ctx: CheckContext<PermissionCode>): void {
  for (const placed of allGrants(entity.config)) {
    const { grant, path } = placed;
    const targets = targetsOf(placed);
    const kinds = new Set(targets.map((t) => t.kind));
    if (kinds.size !== 1) {
      ctx.report('GDP657', path, kinds.size === 0 ? 'the grant names no resource' : `the grant names ${[...kinds].join(' and ')}; give one kind of resource per grant`);
    }
    grant.roles.forEach((role, i) => {
      const at = [...path, 'roles', i];
      if (role.includes('${')) return;
      if (!ROLE.test(role)) {
        ctx.report('GDP651', at, `"${role}" is not an IAM role name`);
        return;
      }
      for (const kind of kinds) {
        if (kind === 'project' || !role.startsWith('roles/')) continue;
        const families = ROLE_FAMILIES[kind];
        if (!families.some((f) => role.startsWith(f))) {
          ctx.report('GDP652', at, `${role} does not apply to ${kind}: they take ${families.map((f) => `${f}*`).join(', ')} roles`);
        }
      }
      if (!grant.authoritative) return;
      for (const kind of kinds) {
        const own = (GDP_GRANTED_ROLES as Record<string, readonly string[] | undefined>)[kind];
        if (own?.includes(role)) {
          ctx.report('GDP656', [...path, 'authoritative'], `an authoritative binding of ${role} on ${kind === 'project' ? 'the project' : kind} would remove the grants gdp gives its own service accounts`);
        }
      }
    });
  }
}

/** The confidentiality of a dataset or table target (a table has its dataset's). */
function confidentialityOf(target: GrantTarget, ctx: EnvCheckContext<PermissionConfig, PermissionCode>): Confidentiality | undefined {
  const dataset = target.kind === 'datasets' ? target.name : target.kind === 'tables' ? ctx.lookup<{ dataset?: string }>('tables', target.name)?.config.dataset : undefined;
  return dataset === undefined ? undefined : ctx.lookup<{ confidentiality?: Confidentiality }>('datasets', dataset)?.config.confidentiality;
}

function checkMembers(placed: PlacedGrant, resolved: PlacedGrant, ctx: EnvCheckContext<PermissionConfig, PermissionCode>): void {
  const targets = targetsOf(placed);
  resolved.grant.members.forEach((member, i) => {
    const at = [...placed.path, 'members', i];
    const kind = memberKind(member);
    if (kind === undefined) {
      ctx.report('GDP650', at, `"${member}" is not an IAM member`);
      return;
    }
    for (const target of targets) {
      if ((target.kind === 'project' || target.kind === 'workflows' || target.kind === 'buckets') && (PUBLIC_MEMBERS as readonly string[]).includes(kind)) {
        const where = target.kind === 'buckets' ? `bucket ${target.name}, whose public access prevention is enforced` : 'the project';
        ctx.report('GDP654', at, `${member} cannot be granted a role on ${where}`);
        return;
      }
      const level = confidentialityOf(target, ctx);
      if (level !== undefined && !MEMBERS_BY_CONFIDENTIALITY[level].includes(kind)) {
        const noun = target.kind === 'tables' ? `table ${target.name}, in a ${level} dataset` : `${level} dataset ${target.name}`;
        ctx.report('GDP653', at, `${member} cannot be granted a role on ${noun}: ${level} data goes to ${MEMBERS_BY_CONFIDENTIALITY[level].join(', ')} members only`);
        return;
      }
    }
  });
}

/** A key for one role on one resource. */
function roleKey(target: GrantTarget, role: string): string {
  return `${target.kind}\u0000${target.name}\u0000${role}`;
}

/** An authoritative binding must be the only grant of its role on its resource in the environment. */
function checkBindings(entity: PermissionEntity, ctx: EnvCheckContext<PermissionConfig, PermissionCode>): void {
  const others = new Map<string, string[]>();
  for (const file of ctx.all<PermissionConfig>('permissions')) {
    for (const placed of grantsIn(file.config, ctx.env.name)) {
      for (const target of targetsOf(placed)) {
        for (const role of placed.grant.roles) {
          const key = roleKey(target, role);
          others.set(key, [...(others.get(key) ?? []), `${file.file.path} ${placed.path.join('.')}`]);
        }
      }
    }
  }
  for (const placed of grantsIn(entity.config, ctx.env.name)) {
    if (!placed.grant.authoritative) continue;
    for (const target of targetsOf(placed)) {
      for (const role of placed.grant.roles) {
        const self = `${entity.file.path} ${placed.path.join('.')}`;
        const rest = (others.get(roleKey(target, role)) ?? []).filter((o) => o !== self);
        if (rest.length === 0) continue;
        const on = target.kind === 'project' ? 'the project' : `${target.kind.replace(/s$/, '')} ${target.name}`;
        ctx.report('GDP655', [...placed.path, 'authoritative'], `this binding owns ${role} on ${on}, which ${rest.join(', ')} also grants: each apply would remove the other's members`);
      }
    }
  }
}

/** Members (resolved), confidentiality and bindings in one environment. */
export function checkEnvironment(entity: PermissionEntity, ctx: EnvCheckContext<PermissionConfig, PermissionCode>): void {
  const written = grantsIn(entity.config, ctx.env.name);
  const resolved = grantsIn(ctx.resolved, ctx.env.name);
  written.forEach((placed, i) => checkMembers(placed, resolved[i], ctx));
  checkBindings(entity, ctx);
}
