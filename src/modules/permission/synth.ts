/**
 * A permissions file's resources in one environment: for each grant, role and resource, one
 * `*_iam_member` per member (additive: other members of the role are left alone) or, when the grant is
 * authoritative, one `*_iam_binding` holding all its members (members not listed lose the role). Roles on
 * a workflow are granted on the project with an IAM condition on the workflow's resource name, the
 * provider having no per-workflow IAM resource.
 */
import type { SynthContext } from '../../core/synth-context';
import { grantsIn, targetsOf, type GrantTarget } from './model';
import type { PermissionConfig } from './schema';

const LIB = '@cdktf/provider-google/lib/';

/** Provider classes per kind of resource: additive member, authoritative binding. */
export const IAM_CLASSES = {
  project: { member: `${LIB}project-iam-member`, binding: `${LIB}project-iam-binding` },
  datasets: { member: `${LIB}bigquery-dataset-iam-member`, binding: `${LIB}bigquery-dataset-iam-binding` },
  tables: { member: `${LIB}bigquery-table-iam-member`, binding: `${LIB}bigquery-table-iam-binding` },
  buckets: { member: `${LIB}storage-bucket-iam-member`, binding: `${LIB}storage-bucket-iam-binding` },
} as const;

/** The resource part of an IAM resource's arguments (provider config field names). */
type ResourceArgs = Record<string, string | { readonly title: string; readonly expression: string; readonly description: string }>;

/** The arguments of an IAM member or binding resource. */
interface IamArgs {
  readonly [field: string]: ResourceArgs[string] | readonly string[] | undefined;
  readonly role: string;
  readonly member?: string;
  readonly members?: readonly string[];
}

/** The arguments that name the resource (and, for a workflow, the condition); undefined when it is unknown here. */
function resourceArgs(target: GrantTarget, ctx: SynthContext<PermissionConfig>): { readonly kind: keyof typeof IAM_CLASSES; readonly args: ResourceArgs } | undefined {
  const project = ctx.env.project_id;
  const attrs = target.kind === 'project' ? {} : ctx.attributesOf(target.kind, target.name);
  if (attrs === undefined) return undefined;
  switch (target.kind) {
    case 'project':
      return { kind: 'project', args: { project } };
    case 'datasets':
      return { kind: 'datasets', args: { project, datasetId: attrs.dataset_id } };
    case 'tables':
      return { kind: 'tables', args: { project, datasetId: attrs.dataset_id, tableId: attrs.table_id } };
    case 'buckets':
      return { kind: 'buckets', args: { bucket: attrs.name } };
    case 'workflows':
      return {
        kind: 'project',
        args: {
          project,
          condition: {
            title: `gdp workflow ${target.name}`,
            description: `Only on workflow ${attrs.name}`,
            expression: `resource.name == "${attrs.id}"`,
          },
        },
      };
  }
}

/** `roles/bigquery.dataViewer` → `bigquery_dataviewer`; `group:a@b.com` → `group_a_b_com`. */
function slug(text: string): string {
  return text.replace(/^roles\//, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** Creates the IAM resources of the file's grants in this environment. */
export function synthPermissions(ctx: SynthContext<PermissionConfig>): void {
  const done = new Set<string>();
  for (const placed of grantsIn(ctx.resolved, ctx.env.name)) {
    const { grant } = placed;
    for (const target of targetsOf(placed)) {
      const resource = resourceArgs(target, ctx);
      if (!resource) continue;
      const classes = IAM_CLASSES[resource.kind];
      const on = target.kind === 'project' ? ['project'] : [target.kind.replace(/s$/, ''), target.name];
      for (const role of grant.roles) {
        if (grant.authoritative) {
          const id = ctx.id(...on, slug(role), 'binding');
          if (done.has(id)) continue;
          done.add(id);
          ctx.resource<IamArgs>(classes.binding, id, { ...resource.args, role, members: [...new Set(grant.members)].sort() });
          continue;
        }
        for (const member of grant.members) {
          const id = ctx.id(...on, slug(role), slug(member));
          if (done.has(id)) continue;
          done.add(id);
          ctx.resource<IamArgs>(classes.member, id, { ...resource.args, role, member });
        }
      }
    }
  }
}
