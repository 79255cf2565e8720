/**
 * Module type `alert_policy`: `configuration/monitoring/alerts/<name>.yaml` → a Cloud Monitoring alert
 * policy per environment over gdp's workflows, loads, scheduler jobs, data quality scans and tables,
 * with the log-based metrics its conditions count and documentation for the on-call person. A
 * `table_stale` condition derives an hourly freshness scan of the table (a `dataquality` entity
 * `<policy>_fresh_<table>`) and alerts when it fails.
 */
import * as path from 'node:path';
import { defineModule, type CheckContext, type DerivedEntity, type Entity } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import type { LoggingMetricConfig } from '@cdktf/provider-google/lib/logging-metric';
import type { MonitoringAlertPolicyConfig } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import type { ResourceRef } from '../../synth/cdk';
import { rejectedTableId, quarantines } from '../load/build-spec';
import type { LoadConfig } from '../load/schema';
import { namedTarget } from '../shared/named-target';
import { AlertSchema, WATCHES, type AlertConfig, type ConditionConfig, type WatchKind } from './alert-schema';
import { ALERT_CODES, type AlertCode } from './codes';
import { documentation, metricName, rawPlan, watchKind, watchPlan, type WatchPlan, type WatchTarget } from './watch';

const POLICY = '@cdktf/provider-google/lib/monitoring-alert-policy';
const LOG_METRIC = '@cdktf/provider-google/lib/logging-metric';

/** Largest documentation.content Cloud Monitoring accepts (AlertPolicy.Documentation: 8,192 bytes). */
export const MAX_DOCUMENTATION_BYTES = 8192;

/** Log-based metric names: up to 100 characters of letters, digits and _-.,+!*',()%/ (LogMetric.name). */
const METRIC_NAME = { title: 'log-based metric name', pattern: /^[A-Za-z0-9_\-.,+!*'()%/]+$/, patternText: "letters, digits and _-.,+!*',()%/", min: 1, max: 100 };

/** Fields only some kinds of conditions use, and the kind each belongs to. */
const KIND_FIELDS: Readonly<Record<'below_score' | 'hours' | 'column', WatchKind>> = { below_score: 'dataquality_failed', hours: 'table_stale', column: 'table_stale' };

type Alert = Entity<AlertConfig>;

/** The logical name a condition watches (undefined for raw, or a reference of another kind). */
export function watchedName(condition: ConditionConfig, kind: WatchKind): string | undefined {
  const value = condition[kind];
  return value === undefined ? undefined : namedTarget(value, WATCHES[kind]);
}

/** The logical name of the freshness scan a table_stale condition derives. */
export function freshnessScanName(policy: string, table: string): string {
  return `${policy}_fresh_${table}`;
}

/** The workflow gdp derives for a load's `workflow:` section (see src/modules/load/derive.ts). */
function loadWorkflow(load: string): string {
  return `load_${load}`;
}

/** The watched kind of every condition, reporting conditions that watch nothing or several things. */
function checkConditions(alert: Alert, ctx: CheckContext<AlertCode>): void {
  const seen = new Map<string, number>();
  alert.config.conditions.forEach((condition, i) => {
    const at: ValuePath = ['conditions', i];
    const set = [...(Object.keys(WATCHES) as WatchKind[]).filter((k) => condition[k] !== undefined), ...(condition.raw ? ['raw'] : [])];
    if (set.length !== 1) {
      ctx.report('GDP691', set.length > 1 ? [...at, set[1]] : at, set.length === 0 ? 'the condition watches nothing' : `the condition watches ${set.join(' and ')}; one condition watches one thing`, { key: set.length > 1 });
      return;
    }
    const kind = set[0] as WatchKind | 'raw';
    for (const [field, owner] of Object.entries(KIND_FIELDS)) {
      if (condition[field as keyof typeof KIND_FIELDS] !== undefined && owner !== kind) ctx.report('GDP692', [...at, field], `${field} applies to ${owner} conditions, not ${kind}`, { key: true });
    }
    if (kind === 'table_stale' && condition.hours === undefined) ctx.report('GDP693', [...at, kind], 'a table_stale condition needs hours: how old the newest row may be');
    if (condition.below_score !== undefined && !(condition.below_score > 0 && condition.below_score <= 100)) {
      ctx.report('GDP698', [...at, 'below_score'], `below_score ${condition.below_score} is not above 0 and at most 100 (a scan's score is a percentage)`);
    }
    if (kind === 'raw') {
      if (!/\bmetric\.type\s*=/.test(condition.raw!.filter)) ctx.report('GDP697', [...at, 'raw', 'filter'], 'the filter names no metric (metric.type = "…")');
      return;
    }
    const name = watchedName(condition, kind);
    if (name === undefined) {
      ctx.report('GDP700', [...at, kind], `${kind} watches a ${WATCHES[kind].slice(0, -1)}: write its logical name or a \${${WATCHES[kind]}.<name>…} reference, not "${condition[kind]}"`);
      return;
    }
    const key = `${kind}\u0000${name}`;
    if (seen.has(key)) ctx.report('GDP699', [...at, kind], `${kind} ${name} is already watched by condition ${seen.get(key)! + 1}`);
    else seen.set(key, i);
    const load = kind === 'load_failed' || kind === 'load_quarantined' ? ctx.lookup<LoadConfig>('loads', name) : undefined;
    if (load && kind === 'load_failed' && !load.config.workflow) {
      ctx.report('GDP694', [...at, kind], `load ${name} has no workflow: section, so no gdp workflow runs it and logs its errors`);
    }
    if (load && kind === 'load_quarantined' && !quarantines(load.config)) {
      ctx.report('GDP695', [...at, kind], `load ${name} has no quality rule with severity: quarantine, so it never quarantines rows`);
    }
  });
}

/** The plan of every condition in an environment; undefined entries for conditions the checks refused. */
function plans(
  alert: Alert,
  ctx: { env: WatchTarget['env']; attributesOf(ns: string, name: string): Readonly<Record<string, string>> | undefined; lookup: CheckContext['lookup'] },
): WatchPlan[] {
  const out: WatchPlan[] = [];
  for (const condition of alert.config.conditions) {
    const kind = watchKind(condition);
    if (kind === undefined) continue;
    if (kind === 'raw') {
      out.push(rawPlan(condition.raw!));
      continue;
    }
    const name = watchedName(condition, kind);
    if (name === undefined) continue;
    const namespace = kind === 'table_stale' ? 'dataquality' : kind === 'load_failed' ? 'workflows' : WATCHES[kind];
    const target = kind === 'table_stale' ? freshnessScanName(alert.name, name) : kind === 'load_failed' ? loadWorkflow(name) : name;
    const watched = ctx.lookup(WATCHES[kind], name);
    let quarantine: WatchTarget['quarantine'];
    if (kind === 'load_quarantined') {
      const load = ctx.lookup<LoadConfig>('loads', name);
      const table = load && ctx.attributesOf('tables', load.config.target);
      quarantine = table && { datasetId: table.dataset_id, tableId: rejectedTableId(table.table_id) };
    }
    // What is missing or broken is reported where it is declared or named; there is nothing to plan.
    if (!watched || (kind === 'load_quarantined' && !quarantine)) continue;
    const cloudName = kind === 'load_quarantined' ? name : ctx.attributesOf(namespace, target)?.name ?? target;
    out.push(watchPlan(kind, condition, { env: ctx.env, policy: alert.name, name, folder: path.posix.dirname(watched.file.path), cloudName, quarantine }));
  }
  return out;
}

/** The alert policy module type. */
export const alertModule = defineModule({
  kind: 'alert_policy',
  title: 'Cloud Monitoring alert policy',
  folder: 'monitoring/alerts',
  namespace: 'alerts',
  noun: 'alert policy',
  schema: AlertSchema,
  codes: ALERT_CODES,
  providerClasses: [POLICY, LOG_METRIC],
  compile: {
    logicalName: (_config, baseName) => baseName,
    fieldReferences: (config) => [
      ...config.channels.map((name, i) => ({ namespace: 'channels', name, path: ['channels', i] as ValuePath })),
      ...config.conditions.flatMap((condition, i) => {
        const kind = watchKind(condition);
        const value = kind === undefined || kind === 'raw' ? undefined : condition[kind];
        return value === undefined || value.includes('${') ? [] : [{ namespace: WATCHES[kind as WatchKind], name: value.trim(), path: ['conditions', i, kind as string] as ValuePath }];
      }),
    ],
    derive(alert): DerivedEntity[] {
      return alert.config.conditions.flatMap((condition, i): DerivedEntity[] => {
        const table = condition.table_stale === undefined ? undefined : namedTarget(condition.table_stale, 'tables');
        if (table === undefined || condition.hours === undefined) return [];
        const rule = { type: 'freshness', name: `fresh-within-${String(condition.hours).replace('.', '-')}h`, max_age_hours: condition.hours, ...(condition.column ? { column: condition.column } : {}) };
        return [
          {
            kind: 'dataquality',
            name: freshnessScanName(alert.name, table),
            at: ['conditions', i, 'table_stale'],
            config: { description: `Freshness of ${table} for alert policy ${alert.name} (generated by gdp)`, table: condition.table_stale, schedule: '0 * * * *', rules: [rule] },
          },
        ];
      });
    },
    check: checkConditions,
  },
  environment: {
    generatedNames(alert) {
      return alert.config.conditions.flatMap((condition, i) => {
        const kind = watchKind(condition);
        const name = kind === undefined || kind === 'raw' || kind === 'workflow_failed' ? undefined : watchedName(condition, kind);
        return name === undefined ? [] : [{ rule: METRIC_NAME, value: metricName(alert.name, kind as WatchKind, name), path: ['conditions', i, kind as string] }];
      });
    },
    check(alert, ctx) {
      const text = documentation(alert.config, plans(alert, ctx), ctx.env, alert.file.path);
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > MAX_DOCUMENTATION_BYTES) {
        ctx.report('GDP698', alert.config.documentation === undefined ? [] : ['documentation'], `the documentation gdp writes for ${ctx.env.name} is ${bytes} bytes; Cloud Monitoring takes at most ${MAX_DOCUMENTATION_BYTES}`);
      }
      const notified = alert.config.channels.some((c) => ctx.lookup<{ targets: Record<string, string | undefined> }>('channels', c)?.config.targets[ctx.env.name] !== undefined);
      if (!notified && ctx.env.name === 'pd') {
        ctx.report('GDP696', alert.config.channels.length > 0 ? ['channels'] : [], `alert policy ${alert.name} has no channel with a target in ${ctx.env.name}: incidents open, but nobody is told`);
      }
    },
  },
  synth(alert, ctx) {
    const config = ctx.resolved;
    const conditionPlans = plans(alert, { env: ctx.env, attributesOf: (ns, n) => ctx.attributesOf(ns, n), lookup: ctx.project.lookup });
    const metrics: ResourceRef[] = [];
    for (const plan of conditionPlans) {
      if (!plan.metric) continue;
      metrics.push(
        ctx.resource<LoggingMetricConfig>(LOG_METRIC, `log_metric_${plan.metric.name}`, {
          project: ctx.env.project_id,
          name: plan.metric.name,
          description: ctx.escape(plan.metric.description),
          filter: ctx.escape(plan.metric.filter),
          metricDescriptor: { metricKind: 'DELTA', valueType: 'INT64', unit: '1' },
        }),
      );
    }
    const channels = config.channels.map((c) => ctx.resourceOf('channels', c)).filter((r): r is ResourceRef => r !== undefined);
    ctx.resource<MonitoringAlertPolicyConfig>(POLICY, ctx.id(), {
      project: ctx.env.project_id,
      displayName: ctx.escape(`${config.display_name ?? alert.name} (${ctx.env.name})`),
      combiner: 'OR',
      enabled: config.enabled,
      severity: config.severity,
      notificationChannels: channels.map((c) => ctx.attribute(c, 'name')),
      userLabels: ctx.labels(config.labels),
      documentation: { content: ctx.escape(documentation(config, conditionPlans, ctx.env, alert.file.path)), mimeType: 'text/markdown', subject: ctx.escape(`${config.display_name ?? alert.name} (${ctx.env.name})`).slice(0, 255) },
      conditions: conditionPlans.map((p) => ({
        displayName: ctx.escape(p.displayName),
        conditionThreshold: {
          filter: ctx.escape(p.filter),
          comparison: `COMPARISON_${p.comparison}`,
          thresholdValue: p.threshold,
          duration: p.duration,
          aggregations: [{ alignmentPeriod: p.alignmentPeriod, perSeriesAligner: p.aligner }],
          trigger: { count: 1 },
        },
      })),
      dependsOn: metrics,
    });
  },
  example: `# configuration/monitoring/alerts/orders_pipeline.yaml
display_name: "Orders pipeline"
severity: ERROR                    # CRITICAL, ERROR or WARNING
channels: [data_team]              # configuration/monitoring/channels/data_team.yaml
documentation: |
  Runbook: https://wiki.acme.example/data/orders
conditions:
  - workflow_failed: load_orders                   # or \${workflows.load_orders.name}
  - load_failed: orders_upsert                     # the load's workflow logged an error
  - load_quarantined: orders_upsert                # rows moved to <target>_rejected
  - scheduler_failed: orders_daily
  - dataquality_failed: orders_quality
    below_score: 90                                # default: any failing rule
  - table_stale: orders_v2                         # gdp scans its freshness hourly
    hours: 26                                      # column: default the partition column
  - raw:
      display_name: "Slots in use"
      filter: 'metric.type = "bigquery.googleapis.com/slots/allocated" AND resource.type = "bigquery_project"'
      comparison: GT
      threshold: 2000
      duration: 600s
`,
});
