/** The fields Cloud Run services and jobs share: the container, its settings and its identity. */
import { z } from 'zod';
import { ENVIRONMENT_NAMES } from '../../core/environment';
import { labelsSchema } from '../shared/fields';
import { JOB_TASKS } from './limits';

/** A value that may differ per environment: one string, or a map of environment (or `default`) to string. */
const perEnvironment = (what: string) =>
  z.union([
    z.string().min(1),
    z.partialRecord(z.enum([...ENVIRONMENT_NAMES, 'default']), z.string().min(1)).refine((m) => Object.keys(m).length > 0, { message: `give ${what} for at least one environment` }),
  ]);

/** A duration written in seconds, minutes or hours (`300s`, `10m`, `2h`). */
export const durationSchema = z.string().regex(/^\d+[smh]$/, 'a duration such as "300s", "10m" or "2h"');

/** Seconds of a duration accepted by {@link durationSchema}. */
export function durationToSeconds(duration: string): number {
  const n = Number(duration.slice(0, -1));
  const unit = duration.slice(-1);
  return unit === 'h' ? n * 3600 : unit === 'm' ? n * 60 : n;
}

const ImageSchema = z
  .strictObject({
    repository: z.string().min(1).meta({
      description: 'Image path without tag or digest, e.g. europe-west4-docker.pkg.dev/${project}/apps/orders-api.',
      examples: ['europe-west4-docker.pkg.dev/${project}/apps/orders-api'],
    }),
    tag: perEnvironment('a tag').optional().meta({
      description: 'Image tag, or a map of environment (dv, qa, np, pd, default) to tag. "latest" is refused in np and pd, warned about in dv and qa.',
    }),
    digest: perEnvironment('a digest').optional().meta({ description: 'Image digest (sha256:<64 hex digits>), or a map of environment (dv, qa, np, pd, default) to digest; wins over tag.' }),
  })
  .refine((i) => i.tag !== undefined || i.digest !== undefined, { message: 'give tag or digest' })
  .meta({ description: 'Container image: a repository plus a tag or digest, which may differ per environment.' });

const SecretValueSchema = z
  .strictObject({
    secret: z.string().min(1).meta({ description: 'Key of the secret under secrets:.' }),
    version: z
      .union([z.literal('latest'), z.number().int().positive(), z.string().regex(/^[1-9]\d*$/, 'a version number')])
      .default('latest')
      .meta({ description: 'Secret version: a number, or latest (read when an instance starts).' }),
  })
  .meta({ description: 'A value read from Secret Manager.' });

/** One environment variable's value: text (numbers and booleans become text) or a secret. */
const EnvValueSchema = z.union([z.string(), z.number(), z.boolean(), SecretValueSchema]);

const SecretDeclarationSchema = z
  .strictObject({
    external: z.literal(true).meta({ description: 'The secret exists in Secret Manager; gdp never creates secrets nor holds their values.' }),
    secret_id: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'a Secret Manager secret id: letters, digits, "_" and "-"').optional().meta({ description: 'Secret id in Secret Manager (default: the key).' }),
    project: z.string().optional().meta({ description: 'Project of the secret (default: the environment’s project).' }),
  })
  .meta({ description: 'A Secret Manager secret the container reads; gdp grants the runtime account roles/secretmanager.secretAccessor on it.' });

const VpcSchema = z
  .strictObject({
    connector: z.string().optional().meta({ description: 'Serverless VPC Access connector (projects/<p>/locations/<r>/connectors/<c>).' }),
    network: z.string().optional().meta({ description: 'Direct VPC egress: the VPC network.' }),
    subnetwork: z.string().optional().meta({ description: 'Direct VPC egress: the subnetwork.' }),
    network_tags: z.array(z.string()).optional().meta({ description: 'Direct VPC egress: network tags of the instances.' }),
    egress: z.enum(['private_ranges_only', 'all_traffic']).default('private_ranges_only').meta({ description: 'Which traffic goes through the VPC: private_ranges_only or all_traffic.' }),
  })
  .meta({ description: 'VPC egress: a connector, or Direct VPC egress (network and/or subnetwork).' });

const PermissionsSchema = z
  .strictObject({
    project_roles: z.array(z.string().regex(/^roles\/[A-Za-z0-9_.]+$/, 'a role such as roles/bigquery.jobUser')).default([]).meta({ description: 'Roles on the environment’s project, e.g. roles/bigquery.jobUser.' }),
    datasets: z
      .record(z.string(), z.enum(['roles/bigquery.dataViewer', 'roles/bigquery.dataEditor', 'roles/bigquery.dataOwner']))
      .default({})
      .meta({ description: 'Roles on declared datasets (by logical name): roles/bigquery.dataViewer, dataEditor or dataOwner.' }),
  })
  .meta({ description: 'Roles gdp grants the runtime service account in every environment.' });

/** The fields of a service's and a job's container. */
export const containerFields = {
  description: z.string().max(512).optional().meta({ description: 'What the service or job does (a job keeps it in the file only: Cloud Run jobs have no description).' }),
  image: ImageSchema,
  command: z.array(z.string()).optional().meta({ description: 'Entrypoint (replaces the image’s ENTRYPOINT).' }),
  args: z.array(z.string()).optional().meta({ description: 'Arguments (replace the image’s CMD).' }),
  env: z.record(z.string(), EnvValueSchema).default({}).meta({ description: 'Environment variables: text, or { secret, version } to read a declared secret.' }),
  secrets: z.record(z.string(), SecretDeclarationSchema).default({}).meta({ description: 'Secret Manager secrets the container reads, by key.' }),
  cpu: z
    .union([z.number().positive(), z.string().regex(/^(\d+(\.\d+)?|\d+m)$/, 'a number of CPUs such as 1, 2 or 0.5, or millicpus such as 500m')])
    .default(1)
    .meta({ description: 'CPUs per instance: 1, 2, 4, 6 or 8, or 0.08–1.' }),
  memory: z.string().regex(/^\d+(Mi|Gi)$/, 'memory such as 512Mi or 2Gi').default('512Mi').meta({ description: 'Memory per instance, e.g. 512Mi or 2Gi; the CPU count bounds it.' }),
  vpc: VpcSchema.optional(),
  service_account: z.string().optional().meta({ description: 'Runtime service account email (default: one gdp creates, <app>-sa-gcr-<name>-<env> for services, <app>-sa-gcrj-<name>-<env> for jobs).' }),
  permissions: PermissionsSchema.default({ project_roles: [], datasets: {} }),
  deletion_protection: z.boolean().default(false).meta({ description: 'Refuse to delete it (environments with force_deletion_protection always protect).' }),
  labels: labelsSchema.optional(),
};

/** Job-only fields: tasks, parallelism, retries and the task timeout. */
export const jobFields = {
  task_count: z.number().int().min(1).max(JOB_TASKS.maxTasks).default(1).meta({ description: 'Tasks per execution, 1–10000.' }),
  parallelism: z.number().int().min(0).default(0).meta({ description: 'Tasks run at once (0: as many as possible); at most task_count.' }),
  max_retries: z.number().int().min(0).max(JOB_TASKS.maxRetries).default(3).meta({ description: 'Retries of a failed task, 0–10.' }),
  task_timeout: durationSchema.default('600s').meta({ description: 'How long one task attempt may run, up to 168h.' }),
};

/** The container part of a service's or a job's configuration. */
export interface ContainerConfig {
  readonly image: z.output<typeof ImageSchema>;
  readonly command?: string[];
  readonly args?: string[];
  readonly env: Record<string, z.output<typeof EnvValueSchema>>;
  readonly secrets: Record<string, z.output<typeof SecretDeclarationSchema>>;
  readonly cpu: number | string;
  readonly memory: string;
  readonly vpc?: z.output<typeof VpcSchema>;
  readonly service_account?: string;
  readonly permissions: z.output<typeof PermissionsSchema>;
  readonly deletion_protection: boolean;
  readonly labels?: Record<string, string>;
  readonly description?: string;
}

/** A secret-valued environment variable. */
export type SecretValue = z.output<typeof SecretValueSchema>;

/** True when an env value reads a secret. */
export function isSecretValue(value: unknown): value is SecretValue {
  return typeof value === 'object' && value !== null && 'secret' in value;
}
