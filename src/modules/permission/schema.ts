import { z } from 'zod';

const names = (what: string): z.ZodOptional<z.ZodArray<z.ZodString>> =>
  z.array(z.string().min(1)).min(1).optional().meta({ description: `Logical names of ${what}.` });

const GrantSchema = z
  .strictObject({
    description: z.string().optional().meta({ description: 'Why these members have these roles (for reviewers).' }),
    members: z
      .array(z.string().min(1))
      .min(1)
      .meta({
        description: 'Who: group:<email>, user:<email>, serviceAccount:<email>, domain:<domain>, allUsers, allAuthenticatedUsers (references such as ${service_accounts.workflows} allowed).',
        examples: [['group:sales-analysts@acme.com']],
      }),
    roles: z.array(z.string().min(1)).min(1).meta({ description: 'IAM roles granted to every member.', examples: [['roles/bigquery.dataViewer']] }),
    project: z.literal(true).optional().meta({ description: 'On the environment’s project.' }),
    datasets: names('datasets (configuration/datasets/)'),
    tables: names('tables (configuration/tables/, e.g. orders_v1)'),
    buckets: names('buckets (configuration/buckets/, by purpose)'),
    workflows: names('workflows (their workflow_name); granted on the project with an IAM condition on the workflow'),
    authoritative: z
      .boolean()
      .default(false)
      .meta({ description: 'Own the role on each resource: members not listed lose it (an *_iam_binding). Default: add these members only (*_iam_member).' }),
  })
  .meta({ description: 'Members, roles, and the resources they get the roles on.' });

/** One grant as written. */
export type GrantConfig = z.output<typeof GrantSchema>;

const grants = (when: string): z.ZodOptional<z.ZodArray<typeof GrantSchema>> => z.array(GrantSchema).optional().meta({ description: `Grants in ${when}.` });

/** The shape of `configuration/permissions/<subject or purpose>.yaml`. */
export const PermissionSchema = z
  .strictObject({
    description: z.string().optional().meta({ description: 'Whose permissions these are, or what for.' }),
    all: grants('every environment'),
    dv: grants('dv only'),
    qa: grants('qa only'),
    np: grants('np only'),
    pd: grants('pd only'),
  })
  .meta({
    title: 'gdp permissions',
    description: 'Who may do what, per environment: `all` applies everywhere, `dv`/`qa`/`np`/`pd` in that environment only (as the framework’s permissions_<env>.yaml files did).',
  });

/** A validated permissions file. */
export type PermissionConfig = z.output<typeof PermissionSchema>;

/** The sections a file may hold, `all` first. */
export const SECTIONS = ['all', 'dv', 'qa', 'np', 'pd'] as const;

/** The kinds of resources a grant targets, with the namespace of their files. */
export const TARGET_KINDS = [
  { field: 'datasets', namespace: 'datasets', noun: 'dataset' },
  { field: 'tables', namespace: 'tables', noun: 'table' },
  { field: 'buckets', namespace: 'buckets', noun: 'bucket' },
  { field: 'workflows', namespace: 'workflows', noun: 'workflow' },
] as const;
