/**
 * The one place where cloud resource names are built and checked. Conventions (from the framework gdp
 * replaces):
 *
 * | resource | name |
 * |---|---|
 * | BigQuery dataset | `<app>_<confidentiality>_<name>_<location code>_<env>` |
 * | Workflow | `<app>-wkf-<workflow>-<region code>-<env>` |
 * | Service account | `<app>-sa-<purpose>-<env>` |
 * | Storage bucket | `<app>-gcs-<purpose>-<location code>-<env>` |
 * | Eventarc trigger | `<app>-evt-<name>-<region code>-<env>` |
 * | Scheduler job | `<app>-sch-<name>-<region code>-<env>` |
 * | BigQuery table | `<table_id>_v<version>` |
 */
import type { Environment } from './environment';

/** A GCP naming rule. */
export interface NameRule {
  /** What the name is, for messages (`workflow name`). */
  readonly title: string;
  readonly pattern: RegExp;
  /** The pattern in words, for messages. */
  readonly patternText: string;
  readonly min: number;
  readonly max: number;
  /** Whether the limits count UTF-8 bytes rather than characters. */
  readonly bytes?: boolean;
}

/** GCP's limits per kind of name (reference/gcp-domain.md). */
export const NAME_RULES = {
  dataset: { title: 'BigQuery dataset id', pattern: /^[A-Za-z0-9_]+$/, patternText: 'letters, digits and "_"', min: 1, max: 1024, bytes: true },
  table: { title: 'BigQuery table id', pattern: /^[A-Za-z0-9_]+$/, patternText: 'letters, digits and "_"', min: 1, max: 1024, bytes: true },
  routine: { title: 'BigQuery routine id', pattern: /^[A-Za-z0-9_]+$/, patternText: 'letters, digits and "_"', min: 1, max: 256 },
  workflow: {
    title: 'workflow name',
    pattern: /^[A-Za-z](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/,
    patternText: 'letters, digits, "_" and "-", starting with a letter and ending with a letter or digit',
    min: 1,
    max: 64,
  },
  serviceAccount: {
    title: 'service account id',
    pattern: /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/,
    patternText: 'lowercase letters, digits and "-", starting with a letter and not ending with "-"',
    min: 6,
    max: 30,
  },
  trigger: {
    title: 'Eventarc trigger name',
    pattern: /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/,
    patternText: 'lowercase letters, digits and "-", starting with a letter',
    min: 1,
    max: 63,
  },
  scheduler: { title: 'Cloud Scheduler job name', pattern: /^[A-Za-z0-9_-]+$/, patternText: 'letters, digits, "_" and "-"', min: 1, max: 500 },
  bucket: {
    title: 'Cloud Storage bucket name',
    pattern: /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/,
    patternText: 'lowercase letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
    min: 3,
    max: 63,
  },
} as const satisfies Record<string, NameRule>;

/** A key of {@link NAME_RULES}. */
export type NameRuleKey = keyof typeof NAME_RULES;

/** Why a name breaks its rule, or undefined when it is legal. */
export function nameViolation(r: NameRule, name: string): string | undefined {
  const length = r.bytes ? Buffer.byteLength(name, 'utf8') : name.length;
  if (length > r.max) return `${r.title} "${name}" is ${length} characters long; the limit is ${r.max}`;
  if (length < r.min) return `${r.title} "${name}" is ${length} characters long; the minimum is ${r.min}`;
  if (!r.pattern.test(name)) return `${r.title} "${name}" may only contain ${r.patternText}`;
  return undefined;
}

/**
 * Short code of a location or region: `EU` → `eu`, `europe-west4` → `ew4`, `us-central1` → `uc1`
 * (first letter of each part, then the trailing number).
 */
export function locationCode(location: string): string {
  const l = location.toLowerCase();
  const m = /^([a-z]+)-([a-z]+?)(\d+)$/.exec(l);
  if (!m) return l;
  return `${m[1][0]}${m[2][0]}${m[3]}`;
}

/** The region code used in names in this environment. */
export function regionCode(env: Environment): string {
  return env.naming.region_code ?? locationCode(env.region);
}

/** Dataset id: `<app>_<confidentiality>_<name>_<location code>_<env>`. */
export function datasetId(env: Environment, name: string, confidentiality: string, location: string): string {
  return `${env.app_name}_${confidentiality}_${name}_${locationCode(location)}_${env.name}`;
}

/** Workflow name: `<app>-wkf-<workflow>-<region code>-<env>`. */
export function workflowName(env: Environment, workflow: string): string {
  return `${env.app_name}-wkf-${workflow}-${regionCode(env)}-${env.name}`;
}

/** Service account id: `<app>-sa-<purpose>-<env>`. */
export function serviceAccountId(env: Environment, purpose: string): string {
  return `${env.app_name}-sa-${purpose}-${env.name}`;
}

/** Service account email in the environment's project (or the override the environment gives). */
export function serviceAccountEmail(env: Environment, purpose: string): string {
  const override = (env.service_accounts as Record<string, string | undefined>)[purpose];
  return override ?? `${serviceAccountId(env, purpose)}@${env.project_id}.iam.gserviceaccount.com`;
}

/** Bucket name: `<app>-gcs-<purpose>-<location code>-<env>`. */
export function bucketName(env: Environment, purpose: string): string {
  return `${env.app_name}-gcs-${purpose.replace(/_/g, '-')}-${locationCode(env.bigquery_location)}-${env.name}`;
}

/** Eventarc trigger name: `<app>-evt-<name>-<region code>-<env>`, `_` turned into `-`. */
export function triggerName(env: Environment, name: string, location: string): string {
  return `${env.app_name}-evt-${name.replace(/_/g, '-').toLowerCase()}-${locationCode(location)}-${env.name}`;
}

/** Cloud Scheduler job name: `<app>-sch-<name>-<region code>-<env>`. */
export function schedulerName(env: Environment, name: string): string {
  return regionalResourceName(env, 'sch', name);
}

/** Table id: `<table_id>_v<version>`. */
export function tableLogicalName(tableId: string, version: number): string {
  return `${tableId}_v${version}`;
}

/** URL that starts an execution of a workflow (Workflow Executions API). */
export function workflowTriggerUrl(env: Environment, workflow: string): string {
  return `https://workflowexecutions.googleapis.com/v1/projects/${env.project_id}/locations/${env.region}/workflows/${workflowName(env, workflow)}/executions`;
}

/** Full resource id of a workflow. */
export function workflowId(env: Environment, workflow: string): string {
  return `projects/${env.project_id}/locations/${env.region}/workflows/${workflowName(env, workflow)}`;
}

/**
 * The name of a regional resource by gdp's convention, `<app>-<abbreviation>-<name>-<region code>-<env>`
 * with `_` turned into `-` (what workflows and scheduler jobs use; plugin module types use it for theirs).
 */
export function regionalResourceName(env: Environment, abbreviation: string, name: string): string {
  return `${env.app_name}-${abbreviation}-${name.replace(/_/g, '-')}-${regionCode(env)}-${env.name}`;
}
