/**
 * A scan's resources in one environment: a `google_dataplex_datascan` over the table, and the grants
 * Dataplex needs. Scans run as the project's Dataplex service agent
 * (`service-<project number>@gcp-sa-dataplex.iam.gserviceaccount.com`, "Dataplex service account" in
 * https://cloud.google.com/dataplex/docs/use-data-quality#access-control), which reads the scanned table
 * (`roles/bigquery.dataViewer` on that table only) and writes exported results
 * (`roles/bigquery.dataEditor` on the export dataset). A grant several scans need is created once, by the
 * first of them by name, under an id made of names only.
 */
import type { BigqueryDatasetIamMemberConfig } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import type { BigqueryTableIamMemberConfig } from '@cdktf/provider-google/lib/bigquery-table-iam-member';
import type { DataGoogleProjectConfig } from '@cdktf/provider-google/lib/data-google-project';
import type { DataplexDatascanConfig, DataplexDatascanDataQualitySpecRules } from '@cdktf/provider-google/lib/dataplex-datascan';
import type { Entity } from '../../core/module-type';
import type { SynthContext } from '../../core/synth-context';
import type { ScanColumn } from './columns';
import { freshnessCondition, RULE_KINDS, ruleName, thresholdIn } from './rules';
import type { DataQualityConfig, RuleConfig } from './schema';

/** Provider classes this module creates. */
export const DATASCAN = '@cdktf/provider-google/lib/dataplex-datascan';
export const TABLE_IAM_MEMBER = '@cdktf/provider-google/lib/bigquery-table-iam-member';
export const DATASET_IAM_MEMBER = '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
export const PROJECT_DATA = '@cdktf/provider-google/lib/data-google-project';

/** Where a scan runs and what it reads and writes in one environment (index.ts computes it). */
export interface ScanAddress {
  readonly scanId: string;
  readonly location: string;
  readonly table: { readonly project: string; readonly datasetId: string; readonly tableId: string; readonly logical: string };
  /** The scanned table's dataset (logical name). */
  readonly dataset: string;
  /** The incremental column, resolved ("partition" replaced by the partition column). */
  readonly incrementalField?: string;
  readonly export?: { readonly dataset: string; readonly datasetId: string; readonly table: string };
  /** The table's time partitioning column (freshness rules default to it). */
  readonly partitionField?: string;
  /** The table's columns, by lower-case dotted name. */
  readonly columns: ReadonlyMap<string, ScanColumn>;
}

/** The Dataplex `cron` of a schedule: the time zone as a `TZ=` prefix (DataScan ExecutionSpec.Trigger.Schedule). */
export function dataplexCron(schedule: string, timezone: string): string {
  return `TZ=${timezone} ${schedule.trim().split(/\s+/).join(' ')}`;
}

function bound(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** One rule as the provider takes it; literal text escaped for Terraform. */
function ruleArgs(rule: RuleConfig, index: number, env: string, address: ScanAddress, escape: (s: string) => string): DataplexDatascanDataQualitySpecRules {
  if (rule.type === 'freshness') {
    const column = rule.column ?? address.partitionField ?? '';
    const condition = freshnessCondition(column, address.columns.get(column.toLowerCase())?.type, rule.max_age_hours ?? 0);
    return {
      name: ruleName(rule, index),
      description: escape(rule.description ?? `newest ${column} at most ${rule.max_age_hours ?? 0} hours old`),
      column,
      dimension: rule.dimension ?? RULE_KINDS.freshness.dimension,
      suspended: rule.suspended,
      tableConditionExpectation: { sqlExpression: escape(condition) },
    };
  }
  const range = { minValue: bound(rule.min), maxValue: bound(rule.max), strictMinEnabled: rule.strict_min, strictMaxEnabled: rule.strict_max };
  return {
    name: ruleName(rule, index),
    description: rule.description === undefined ? undefined : escape(rule.description),
    column: rule.column,
    dimension: rule.dimension ?? RULE_KINDS[rule.type].dimension,
    threshold: thresholdIn(rule, env),
    ignoreNull: rule.ignore_null,
    suspended: rule.suspended,
    nonNullExpectation: rule.type === 'non_null' ? {} : undefined,
    rangeExpectation: rule.type === 'range' ? range : undefined,
    setExpectation: rule.type === 'set' ? { values: (rule.values ?? []).map((v) => escape(String(v))) } : undefined,
    regexExpectation: rule.type === 'regex' ? { regex: escape(rule.pattern ?? '') } : undefined,
    uniquenessExpectation: rule.type === 'uniqueness' ? {} : undefined,
    statisticRangeExpectation: rule.type === 'statistic_range' ? { statistic: rule.statistic ?? 'MEAN', ...range } : undefined,
    rowConditionExpectation: rule.type === 'row_condition' ? { sqlExpression: escape(rule.expression ?? '') } : undefined,
    tableConditionExpectation: rule.type === 'table_condition' ? { sqlExpression: escape(rule.expression ?? '') } : undefined,
    sqlAssertion: rule.type === 'sql_assertion' ? { sqlStatement: escape(rule.sql ?? '') } : undefined,
  };
}

/** The first scan (by name) among those `needs` picks: it creates the shared grant. */
function isFirstOwner(ctx: SynthContext<DataQualityConfig>, needs: (scan: Entity<DataQualityConfig>) => boolean): boolean {
  return ctx.project.all<DataQualityConfig>('dataquality').find(needs)?.name === ctx.entity.name;
}

/** Creates the scan and the grants it is the first to need. */
export function synthScan(ctx: SynthContext<DataQualityConfig>, address: ScanAddress, tableOf: (scan: Entity<DataQualityConfig>) => string | undefined): void {
  const config = ctx.resolved;
  const { table } = address;
  const exportTable = address.export && `//bigquery.googleapis.com/projects/${table.project}/datasets/${address.export.datasetId}/tables/${address.export.table}`;
  // The scan comes first: an entity's first resource is the one others wait for. Scans run later, on schedule.
  ctx.resource<DataplexDatascanConfig>(DATASCAN, ctx.id(), {
    project: ctx.env.project_id,
    location: address.location,
    dataScanId: address.scanId,
    displayName: ctx.escape(config.display_name ?? ctx.entity.name),
    description: config.description === undefined ? undefined : ctx.escape(config.description),
    labels: ctx.labels(config.labels),
    data: { resource: `//bigquery.googleapis.com/projects/${table.project}/datasets/${table.datasetId}/tables/${table.tableId}` },
    executionSpec: {
      trigger: config.schedule === undefined ? { onDemand: {} } : { schedule: { cron: ctx.escape(dataplexCron(config.schedule, config.timezone)) } },
      field: address.incrementalField,
    },
    dataQualitySpec: {
      samplingPercent: config.sampling_percent,
      rowFilter: config.row_filter === undefined ? undefined : ctx.escape(config.row_filter),
      rules: config.rules.map((r, i) => ruleArgs(r, i, ctx.env.name, address, (s) => ctx.escape(s))),
      postScanActions: exportTable ? { bigqueryExport: { resultsTable: exportTable } } : undefined,
    },
  });
  const readsTable = isFirstOwner(ctx, (s) => tableOf(s) === table.logical);
  const writesExport = address.export !== undefined && isFirstOwner(ctx, (s) => s.config.export?.dataset === address.export?.dataset);
  if (!readsTable && !writesExport) return;
  const project = ctx.resource<DataGoogleProjectConfig>(PROJECT_DATA, ctx.id('project'), { projectId: ctx.env.project_id });
  const member = `serviceAccount:service-${ctx.attribute(project, 'number')}@gcp-sa-dataplex.iam.gserviceaccount.com`;
  if (readsTable) {
    ctx.resource<BigqueryTableIamMemberConfig>(TABLE_IAM_MEMBER, `iam_dataplex_reads_table_${table.logical}`, {
      project: table.project,
      datasetId: table.datasetId,
      tableId: table.tableId,
      role: 'roles/bigquery.dataViewer',
      member,
    });
  }
  if (writesExport && address.export) {
    ctx.resource<BigqueryDatasetIamMemberConfig>(DATASET_IAM_MEMBER, `iam_dataplex_writes_dataset_${address.export.dataset}`, {
      project: table.project,
      datasetId: address.export.datasetId,
      role: 'roles/bigquery.dataEditor',
      member,
    });
  }
}
