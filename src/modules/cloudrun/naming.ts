/**
 * Names of Cloud Run services and jobs and of their runtime service accounts:
 *
 * | resource | name |
 * |---|---|
 * | Cloud Run service | `<app>-gcr-<service>-<region code>-<env>` |
 * | Cloud Run job | `<app>-gcrjob-<job>-<region code>-<env>` |
 * | runtime service account | `<app>-sa-gcr-<service>-<env>`, `<app>-sa-gcrj-<job>-<env>` (ids are limited to 30 characters) |
 *
 * (`_` in logical names becomes `-`.)
 */
import type { Environment } from '../../core/environment';
import { regionalResourceName, serviceAccountId } from '../../core/naming';
import { accountTemplateValue } from '../workflow';

/** The two kinds of Cloud Run resources; also their abbreviation in names. */
export type RunKind = 'gcr' | 'gcrjob';

/** The Cloud Run name of a service or job. */
export function runName(env: Environment, kind: RunKind, name: string): string {
  return regionalResourceName(env, kind, name);
}

/** The id of the runtime service account gdp creates for a service or job. */
export function runtimeAccountId(env: Environment, kind: RunKind, name: string): string {
  return serviceAccountId(env, `${kind === 'gcr' ? 'gcr' : 'gcrj'}-${name.replace(/_/g, '-')}`);
}

/** The runtime service account's email: the one the file gives (`${...}` evaluated), or the one gdp creates. */
export function runtimeAccountEmail(env: Environment, kind: RunKind, name: string, given: string | undefined): string {
  return given !== undefined ? accountTemplateValue(given, env) : `${runtimeAccountId(env, kind, name)}@${env.project_id}.iam.gserviceaccount.com`;
}

/** Full resource name of a service or job. */
export function runResourceId(env: Environment, kind: RunKind, name: string): string {
  return `projects/${env.project_id}/locations/${env.region}/${kind === 'gcr' ? 'services' : 'jobs'}/${runName(env, kind, name)}`;
}

/** A service's deterministic URL, `https://<name>-<project number>.<region>.run.app`; undefined without the project number. */
export function serviceUrl(env: Environment, name: string): string | undefined {
  const number = env.project_number;
  return number === undefined ? undefined : `https://${runName(env, 'gcr', name)}-${number}.${env.region}.run.app`;
}

/** The Cloud Run Admin API URL that starts an execution of a job (what a scheduler job calls). */
export function jobRunUrl(env: Environment, name: string): string {
  return `https://run.googleapis.com/v2/${runResourceId(env, 'gcrjob', name)}:run`;
}
