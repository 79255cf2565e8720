/**
 * What the Google provider (hashicorp/google 6.x, the version @cdktf/provider-google 16.x binds) does
 * with a change, per resource type: the ForceNew attributes (a change replaces the resource), the diffs
 * it suppresses, its defaults, and what the resource holds. Sources: reference/gcp-domain.md §1–§8.
 * Data, not code: adding a type means adding an entry.
 */
import { analyzeSchema, type SchemaAnalysis } from './table-schema';
import type { Values } from './model';
import { isAbsent, sameIgnoringCase, sameJson, sameSet, valueAt, type EqualityRules } from './values';

/** What a type-specific check found beyond the attribute rules. */
export interface TypeAnalysis {
  /** Extra reasons for a replacement. */
  readonly replaceReasons: readonly string[];
  /** Changes the provider sends as an update that the API is expected to reject. */
  readonly applyFailures: readonly string[];
  readonly schema?: SchemaAnalysis;
}

/** The provider's behaviour for one resource type. */
export interface ResourceRules {
  /** What to call one in messages (`table`, `workflow`). */
  readonly noun: string;
  /** Rule paths (`time_partitioning.field`) whose change replaces the resource; `all` for IAM members. */
  readonly forceNew: readonly string[] | 'all';
  /** Rule paths compared as a whole with the provider's own equality (diff suppression, sets, JSON). */
  readonly equal?: EqualityRules;
  /** Provider defaults of optional attributes (an unset value equals the default). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** The attribute `deletion_protection` exists (default true) and blocks destroy and replacement. */
  readonly deletionProtection?: boolean;
  /** Strings to show decoded (base64 bodies). */
  readonly base64?: readonly string[];
  /** Type-specific checks on the whole before/after values. */
  readonly analyze?: (before: Values, after: Values) => TypeAnalysis;
}

/** Whether a table holds rows of its own (views, materialized views and external tables do not). */
export function tableHoldsData(values: Values): boolean {
  return isAbsent(values.view) && isAbsent(values.materialized_view) && isAbsent(values.external_data_configuration);
}

const isExternal = (v: Values): boolean => !isAbsent(v.external_data_configuration);

/** True when the provider sees no schema change (fields sorted by name, aliases, defaults). */
function sameSchema(before: unknown, after: unknown): boolean {
  return !analyzeSchema(before, after).changed;
}

/** Partitioning changes the provider sends as an update and BigQuery rejects (§2.3). */
function partitioningFailures(before: Values, after: Values): string[] {
  const out: string[] = [];
  const tpBefore = valueAt(before, 'time_partitioning');
  const tpAfter = valueAt(after, 'time_partitioning');
  const fieldBefore = String(valueAt(before, 'time_partitioning', 'field') ?? '');
  const fieldAfter = String(valueAt(after, 'time_partitioning', 'field') ?? '');
  if (fieldBefore === fieldAfter) {
    if (!isAbsent(tpBefore) && isAbsent(tpAfter)) out.push('ingestion-time partitioning (time_partitioning without a field) is removed');
    if (isAbsent(tpBefore) && !isAbsent(tpAfter)) out.push('ingestion-time partitioning (time_partitioning without a field) is added');
    const typeBefore = valueAt(before, 'time_partitioning', 'type');
    const typeAfter = valueAt(after, 'time_partitioning', 'type');
    if (!isAbsent(tpBefore) && !isAbsent(tpAfter) && String(typeBefore) !== String(typeAfter)) {
      out.push(`time_partitioning.type changes from ${String(typeBefore)} to ${String(typeAfter)}`);
    }
  }
  const rangeField = (v: Values): string => String(valueAt(v, 'range_partitioning', 'field') ?? '');
  if (!isAbsent(valueAt(before, 'range_partitioning')) && rangeField(before) === rangeField(after)) {
    for (const key of ['start', 'end', 'interval']) {
      const b = valueAt(before, 'range_partitioning', 'range', key);
      const a = valueAt(after, 'range_partitioning', 'range', key);
      if (String(b) !== String(a)) out.push(`range_partitioning.range.${key} changes from ${String(b)} to ${String(a)}`);
    }
  }
  return out;
}

/** google_bigquery_table: schema rules column by column, partitioning rules (§2.3). */
function analyzeTable(before: Values, after: Values): TypeAnalysis {
  const changedSchema = !sameSchema(before.schema, after.schema);
  const schema = changedSchema ? analyzeSchema(before.schema, after.schema, { external: isExternal(before) || isExternal(after) }) : undefined;
  const replaceReasons: string[] = [];
  if (schema?.effect === 'replace') {
    const why = schema.unreadable ?? [...new Set(schema.columns.filter((c) => c.effect === 'replace').map((c) => `${c.column}: ${c.reason}`))].join('; ');
    replaceReasons.push(`schema: ${why}`);
  }
  return { replaceReasons, applyFailures: partitioningFailures(before, after), schema };
}

/** Every resource type gdp synthesizes. */
export const RESOURCE_RULES: Readonly<Record<string, ResourceRules>> = {
  google_bigquery_dataset: {
    noun: 'dataset',
    forceNew: ['dataset_id', 'location', 'project', 'external_dataset_reference'],
    equal: { location: sameIgnoringCase, access: sameSet },
    defaults: { location: 'US', delete_contents_on_destroy: false },
  },
  google_bigquery_table: {
    noun: 'table',
    forceNew: [
      'dataset_id',
      'table_id',
      'project',
      'time_partitioning.field',
      'range_partitioning.field',
      'encryption_configuration',
      'materialized_view.query',
      'materialized_view.allow_non_incremental_definition',
      'external_data_configuration.schema',
      'table_replication_info',
      'biglake_configuration',
      'schema_foreign_type_info',
    ],
    equal: { schema: sameSchema },
    defaults: { deletion_protection: true },
    deletionProtection: true,
    analyze: analyzeTable,
  },
  google_bigquery_routine: {
    noun: 'routine',
    forceNew: ['dataset_id', 'routine_id', 'routine_type', 'project'],
    equal: { 'arguments.data_type': sameJson, return_type: sameJson, return_table_type: sameJson },
  },
  google_workflows_workflow: {
    noun: 'workflow',
    forceNew: ['name', 'name_prefix', 'region', 'project', 'tags'],
    defaults: { deletion_protection: true },
    deletionProtection: true,
  },
  google_eventarc_trigger: {
    noun: 'Eventarc trigger',
    forceNew: ['name', 'location', 'matching_criteria', 'transport', 'channel', 'project'],
    equal: { matching_criteria: sameSet },
  },
  google_cloud_scheduler_job: {
    noun: 'scheduler job',
    forceNew: ['name', 'region', 'project'],
    defaults: { time_zone: 'Etc/UTC', attempt_deadline: '180s' },
    base64: ['http_target.body'],
  },
  // Cloud Run: a change of the template rolls out a new revision in place (Cloud Run docs, "Any configuration
  // change leads to the creation of a new revision"); name, location and project replace the service or job.
  google_cloud_run_v2_service: {
    noun: 'Cloud Run service',
    forceNew: ['name', 'location', 'project'],
    defaults: { deletion_protection: true },
    deletionProtection: true,
  },
  google_cloud_run_v2_job: {
    noun: 'Cloud Run job',
    forceNew: ['name', 'location', 'project'],
    defaults: { deletion_protection: true },
    deletionProtection: true,
  },
  google_cloud_run_v2_service_iam_member: { noun: 'Cloud Run service IAM grant', forceNew: 'all' },
  google_cloud_run_v2_job_iam_member: { noun: 'Cloud Run job IAM grant', forceNew: 'all' },
  google_secret_manager_secret_iam_member: { noun: 'secret IAM grant', forceNew: 'all' },
  // hashicorp/google 6.x resource docs "google_dataplex_datascan": the scanned data, id, location and project are ForceNew; rules, schedule and export update in place.
  google_dataplex_datascan: { noun: 'data quality scan', forceNew: ['data_scan_id', 'location', 'project', 'data.entity', 'data.resource'] },
  google_service_account: { noun: 'service account', forceNew: ['account_id', 'project'] },
  google_bigquery_dataset_iam_member: { noun: 'dataset IAM grant', forceNew: 'all' },
  google_bigquery_table_iam_member: { noun: 'table IAM grant', forceNew: 'all' },
  google_project_iam_member: { noun: 'project IAM grant', forceNew: 'all' },
  google_storage_bucket_iam_member: { noun: 'bucket IAM grant', forceNew: 'all' },
  // Bindings change their members in place; the resource and role they are on replace them.
  google_project_iam_binding: { noun: 'project IAM binding', forceNew: ['project', 'role', 'condition'] },
  google_bigquery_dataset_iam_binding: { noun: 'dataset IAM binding', forceNew: ['project', 'dataset_id', 'role', 'condition'] },
  google_bigquery_table_iam_binding: { noun: 'table IAM binding', forceNew: ['project', 'dataset_id', 'table_id', 'role', 'condition'] },
  google_storage_bucket_iam_binding: { noun: 'bucket IAM binding', forceNew: ['bucket', 'role', 'condition'], equal: { members: sameSet } },
  google_storage_bucket: {
    noun: 'bucket',
    forceNew: ['name', 'location', 'project', 'custom_placement_config'],
    equal: { location: sameIgnoringCase },
    defaults: { storage_class: 'STANDARD', force_destroy: false },
  },
};

/** The rules of a type, or undefined when gdp has none (every change is then taken as in place). */
export function rulesFor(type: string): ResourceRules | undefined {
  return RESOURCE_RULES[type];
}
