/**
 * What each condition watches in an environment: the Cloud Monitoring filter it alerts on, the
 * log-based metric it needs (counting the watched thing's failure log entries), and the lines of
 * documentation that tell the on-call person what failed and where its logs are. Log and metric names
 * are Google's: Workflows metrics ("Google Cloud metrics: workflows"), Cloud Scheduler and Workflows
 * log entries, BigQuery audit logs (BigQueryAuditMetadata.TableDataChange) and Dataplex data scan
 * events (DataScanEvent), https://cloud.google.com/monitoring/api/metrics_gcp,
 * https://cloud.google.com/bigquery/docs/reference/auditlogs, https://cloud.google.com/dataplex/docs/use-data-quality#view-logs.
 */
import type { Environment } from '../../core/environment';
import type { AlertConfig, ConditionConfig, WatchKind } from './alert-schema';
import { WATCHES } from './alert-schema';

/** A log-based metric a condition needs. */
export interface LogMetric {
  readonly name: string;
  readonly filter: string;
  readonly description: string;
}

/** One condition, ready to synthesize. */
export interface WatchPlan {
  readonly displayName: string;
  /** Monitoring filter of the threshold condition. */
  readonly filter: string;
  readonly comparison: string;
  readonly threshold: number;
  readonly duration: string;
  readonly alignmentPeriod: string;
  readonly aligner: string;
  readonly metric?: LogMetric;
  /** Markdown lines: what failed and where to look. */
  readonly documentation: string;
}

/** What a watch needs to know about the environment and the watched entity. */
export interface WatchTarget {
  readonly env: Environment;
  readonly policy: string;
  /** The watched entity's logical name, and the folder of the file declaring it (a file's name may change; its folder does not). */
  readonly name: string;
  readonly folder: string;
  /** Its generated name (workflow, job, scan id) where one applies. */
  readonly cloudName: string;
  /** load_quarantined: the quarantine table's dataset id and table id. */
  readonly quarantine?: { readonly datasetId: string; readonly tableId: string };
}

/** The kind of watch a condition has (the first watch field set; the module reports conditions with none or several). */
export function watchKind(condition: ConditionConfig): WatchKind | 'raw' | undefined {
  const set = (Object.keys(WATCHES) as WatchKind[]).filter((k) => condition[k] !== undefined);
  if (set.length > 0) return set[0];
  return condition.raw ? 'raw' : undefined;
}

/** Name of a condition's log-based metric: `gdp_<policy>_<kind>_<watched>` (unique per policy and watch). */
export function metricName(policy: string, kind: WatchKind, watched: string): string {
  return `gdp_${policy}_${kind}_${watched}`;
}

/** A link to the Logs Explorer showing entries that match `filter` in the environment's project. */
export function logsLink(filter: string, project: string): string {
  return `https://console.cloud.google.com/logs/query;query=${encodeURIComponent(filter)}?project=${project}`;
}

const COUNT = { comparison: 'GT', threshold: 0, duration: '0s', alignmentPeriod: '300s', aligner: 'ALIGN_SUM' } as const;

/** A condition counting a log-based metric's entries: any entry in five minutes opens an incident. */
function onLogEntries(t: WatchTarget, kind: WatchKind, resourceType: string, logFilter: string, displayName: string, what: string): WatchPlan {
  const name = metricName(t.policy, kind, t.name);
  return {
    ...COUNT,
    displayName,
    filter: `resource.type = "${resourceType}" AND metric.type = "logging.googleapis.com/user/${name}"`,
    metric: { name, filter: logFilter, description: `${displayName} (gdp alert policy ${t.policy}, ${t.env.name})` },
    documentation: `- ${what} Logs: [Logs Explorer](${logsLink(logFilter, t.env.project_id)})`,
  };
}

/** The condition of a dataquality_failed watch (table_stale watches the freshness scan gdp derives). */
function scanFailed(t: WatchTarget, kind: WatchKind, belowScore: number | undefined, displayName: string, what: string): WatchPlan {
  const outcome = belowScore === undefined ? 'jsonPayload.dataQuality.passed = false' : `jsonPayload.dataQuality.score < ${belowScore}`;
  const filter = `resource.type = "dataplex.googleapis.com/DataScan" AND resource.labels.datascan_id = "${t.cloudName}" AND (jsonPayload.state = "FAILED" OR ${outcome})`;
  const results = `https://console.cloud.google.com/dataplex/govern/quality?project=${t.env.project_id}`;
  return onLogEntries(t, kind, 'dataplex.googleapis.com/DataScan', filter, displayName, `${what} Results: [Dataplex data quality](${results}).`);
}

/** The plan of a condition that watches a gdp entity. */
export function watchPlan(kind: WatchKind, condition: ConditionConfig, t: WatchTarget): WatchPlan {
  const { env } = t;
  const where = `(in \`${t.folder}/\`)`;
  switch (kind) {
    case 'workflow_failed': {
      const logs = `resource.type = "workflows.googleapis.com/Workflow" AND resource.labels.workflow_id = "${t.cloudName}"`;
      const executions = `https://console.cloud.google.com/workflows/workflow/${env.region}/${t.cloudName}/executions?project=${env.project_id}`;
      return {
        ...COUNT,
        displayName: `Workflow ${t.name} failed`,
        filter: `${logs} AND metric.type = "workflows.googleapis.com/finished_execution_count" AND metric.labels.status = "FAILED"`,
        documentation: `- Workflow \`${t.cloudName}\` ${where} had a failed execution. Executions: [Workflows console](${executions}); logs: [Logs Explorer](${logsLink(logs, env.project_id)})`,
      };
    }
    case 'load_failed':
      return onLogEntries(
        t,
        kind,
        'workflows.googleapis.com/Workflow',
        `resource.type = "workflows.googleapis.com/Workflow" AND resource.labels.workflow_id = "${t.cloudName}" AND severity >= ERROR AND jsonPayload.load = "${t.name}"`,
        `Load ${t.name} failed`,
        `Load \`${t.name}\` ${where} logged an error from its workflow \`${t.cloudName}\`; its runs are in the dataset's gdp_load_log table.`,
      );
    case 'load_quarantined': {
      const q = t.quarantine!;
      return onLogEntries(
        t,
        kind,
        'bigquery_dataset',
        `resource.type = "bigquery_dataset" AND log_id("cloudaudit.googleapis.com/data_access") AND protoPayload.resourceName = "projects/${env.project_id}/datasets/${q.datasetId}/tables/${q.tableId}" AND protoPayload.metadata.tableDataChange.insertedRowsCount:* AND NOT protoPayload.metadata.tableDataChange.insertedRowsCount = "0"`,
        `Load ${t.name} quarantined rows`,
        `Load \`${t.name}\` ${where} moved rows that broke a quality rule to \`${env.project_id}.${q.datasetId}.${q.tableId}\` (column _gdp_rule says which).`,
      );
    }
    case 'scheduler_failed':
      return onLogEntries(
        t,
        kind,
        'cloud_scheduler_job',
        `resource.type = "cloud_scheduler_job" AND resource.labels.job_id = "${t.cloudName}" AND resource.labels.location = "${env.region}" AND severity >= ERROR`,
        `Scheduler job ${t.name} failed`,
        `Cloud Scheduler job \`${t.cloudName}\` ${where} failed to call its target.`,
      );
    case 'dataquality_failed':
      return scanFailed(
        t,
        kind,
        condition.below_score,
        `Data quality scan ${t.name} failed`,
        `Data quality scan \`${t.cloudName}\` ${where} ${condition.below_score === undefined ? 'had a failing rule or did not run' : `scored below ${condition.below_score} or did not run`}.`,
      );
    case 'table_stale':
      return scanFailed(t, kind, undefined, `Table ${t.name} is stale`, `Table \`${t.name}\` got no new data for ${condition.hours ?? 0} hours (freshness scan \`${t.cloudName}\`).`);
  }
}

/** The plan of a raw condition. */
export function rawPlan(raw: NonNullable<ConditionConfig['raw']>): WatchPlan {
  return {
    displayName: raw.display_name,
    filter: raw.filter,
    comparison: raw.comparison,
    threshold: raw.threshold,
    duration: raw.duration,
    alignmentPeriod: raw.alignment_period,
    aligner: raw.aligner,
    documentation: `- ${raw.display_name}: \`${raw.filter}\` ${raw.comparison} ${raw.threshold}.`,
  };
}

/** The policy's documentation: its own text, then what each condition watches, then where it is declared. */
export function documentation(config: AlertConfig, plans: readonly WatchPlan[], env: Environment, file: string): string {
  return [
    ...(config.documentation ? [config.documentation.trim(), ''] : []),
    `**What failed** (environment ${env.name}, project ${env.project_id}):`,
    '',
    ...plans.map((p) => p.documentation),
    '',
    `Alert policy declared in \`${file}\`, managed by gdp.`,
  ].join('\n');
}
