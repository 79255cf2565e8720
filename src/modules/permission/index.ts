/**
 * Module type `permission`: `configuration/permissions/<subject or purpose>.yaml` → IAM grants per
 * environment (groups, users, service accounts, domains → roles on the project, datasets, tables,
 * buckets and workflows), checked against the confidentiality of the data they open.
 */
import { defineModule, type FieldReference } from '../../core/module-type';
import { checkEnvironment, checkGrants } from './checks';
import { PERMISSION_CODES } from './codes';
import { allGrants, targetsOf } from './model';
import { PermissionSchema } from './schema';
import { IAM_CLASSES, synthPermissions } from './synth';

/** The permission module type. */
export const permissionModule = defineModule({
  kind: 'permission',
  title: 'Permissions (IAM grants per environment)',
  folder: 'permissions',
  namespace: 'permissions',
  noun: 'permissions file',
  schema: PermissionSchema,
  codes: PERMISSION_CODES,
  providerClasses: Object.values(IAM_CLASSES).flatMap((c) => [c.member, c.binding]),
  synth(_entity, ctx) {
    synthPermissions(ctx);
  },
  compile: {
    logicalName: (_config, baseName) => baseName,
    fieldReferences: (config) =>
      allGrants(config)
        .flatMap(targetsOf)
        .filter((t) => t.kind !== 'project')
        .map((t): FieldReference => ({ namespace: t.kind, name: t.name, path: t.path })),
    check: checkGrants,
  },
  environment: {
    check: checkEnvironment,
  },
  example: `# configuration/permissions/sales_analysts.yaml
description: "Sales analysts: read curated sales data; run the daily orders workflow in production"
all:                                   # every environment
  - members: [group:sales-analysts@acme.com]
    roles: [roles/bigquery.dataViewer]
    datasets: [sales]
dv:                                    # dv only (the framework's permissions_dv.yaml)
  - members: [group:data-eng@acme.com]
    roles: [roles/bigquery.dataEditor]
    datasets: [sales]
  - members: [group:data-eng@acme.com]
    roles: [roles/storage.objectViewer]
    buckets: [landing]                 # configuration/buckets/landing.yaml
pd:
  - members: [group:sales-oncall@acme.com]
    roles: [roles/workflows.invoker]
    workflows: [load_orders]
  - members: [group:sales-admins@acme.com]
    roles: [roles/bigquery.admin]
    tables: [orders_v2]
    authoritative: true                # these members only: anyone else loses the role on the table
`,
});
