import { z } from 'zod';
import { labelsSchema } from '../shared/fields';

/** Conditions that watch a gdp entity, and the namespace of what each watches. */
export const WATCHES = {
  workflow_failed: 'workflows',
  load_failed: 'loads',
  load_quarantined: 'loads',
  scheduler_failed: 'schedulers',
  dataquality_failed: 'dataquality',
  table_stale: 'tables',
} as const;

/** A kind of condition that watches a gdp entity. */
export type WatchKind = keyof typeof WATCHES;

const watched = (description: string, example: string) => z.string().min(1).optional().meta({ description, examples: [example] });

const DURATION = /^\d+s$/;

/** A condition on any Cloud Monitoring metric. */
const RawConditionSchema = z.strictObject({
  display_name: z.string().min(1).max(512).meta({ description: 'What the condition watches, as the incident shows it.' }),
  filter: z.string().min(1).meta({
    description: 'Monitoring filter naming the metric and resource: metric.type = "…" AND resource.type = "…".',
    examples: ['metric.type = "bigquery.googleapis.com/slots/allocated" AND resource.type = "bigquery_project"'],
  }),
  comparison: z.enum(['GT', 'GE', 'LT', 'LE', 'EQ', 'NE']).default('GT').meta({ description: 'How the value compares to threshold (default GT).' }),
  threshold: z.number().default(0).meta({ description: 'The threshold (default 0).' }),
  duration: z.string().regex(DURATION, 'seconds such as "300s"').default('0s').meta({ description: 'How long the comparison must hold (default 0s).' }),
  alignment_period: z.string().regex(DURATION, 'seconds such as "300s"').default('300s').meta({ description: 'Alignment period (default 300s).' }),
  aligner: z
    .enum(['ALIGN_NONE', 'ALIGN_DELTA', 'ALIGN_RATE', 'ALIGN_SUM', 'ALIGN_MEAN', 'ALIGN_MIN', 'ALIGN_MAX', 'ALIGN_COUNT', 'ALIGN_COUNT_TRUE', 'ALIGN_FRACTION_TRUE', 'ALIGN_PERCENTILE_99', 'ALIGN_PERCENTILE_95', 'ALIGN_PERCENTILE_50'])
    .default('ALIGN_MEAN')
    .meta({ description: 'Per-series aligner (default ALIGN_MEAN).' }),
});

/** One condition: exactly one of the watch fields (checked by the module, with positions). */
export const ConditionSchema = z
  .strictObject({
    workflow_failed: watched('A gdp workflow (logical name or ${workflows.<name>.name}) had a failed execution.', 'daily_orders'),
    load_failed: watched('A gdp load’s run logged an error (the ERROR entries its workflow writes).', 'sales_daily'),
    load_quarantined: watched('A gdp load moved rows to its quarantine table (<target>_rejected).', 'transactions_upsert'),
    scheduler_failed: watched('A Cloud Scheduler job’s attempt failed.', 'daily_transaction_scheduler'),
    dataquality_failed: watched('A data quality scan failed, or scored below below_score.', 'orders_quality'),
    table_stale: watched('A table got no new data for hours (gdp runs an hourly freshness scan of it).', 'orders_v1'),
    raw: RawConditionSchema.optional().meta({ description: 'Any Cloud Monitoring metric threshold.' }),
    below_score: z.number().optional().meta({ description: 'dataquality_failed: alert when the scan’s score (0–100) is below this, rather than on any failed rule.' }),
    hours: z.number().positive().optional().meta({ description: 'table_stale: alert when the newest row is older than this many hours.' }),
    column: z.string().min(1).optional().meta({ description: 'table_stale: DATE, DATETIME or TIMESTAMP column giving a row’s time (default: the partition column).' }),
  });
// Registered apart so the README and JSON Schema describe the condition's fields under their own name.
ConditionSchema.register(z.globalRegistry, { id: 'AlertCondition', description: 'What the policy watches.' });

/** A validated condition. */
export type ConditionConfig = z.output<typeof ConditionSchema>;

/** The shape of `configuration/monitoring/alerts/<name>.yaml`. */
export const AlertSchema = z
  .strictObject({
    display_name: z.string().max(512).optional().meta({ description: 'Name of the policy (default: the file name); gdp adds the environment.' }),
    documentation: z.string().optional().meta({
      description: 'Runbook text for the on-call person (Markdown); gdp adds what failed, where, and links to its logs.',
    }),
    severity: z.enum(['CRITICAL', 'ERROR', 'WARNING']).default('ERROR').meta({ description: 'Severity of the incidents (default ERROR).' }),
    channels: z.array(z.string().min(1)).default([]).meta({
      description: 'Logical names of notification channels (configuration/monitoring/channels/); those without a target in an environment are left out there.',
      examples: [['data_team']],
    }),
    enabled: z.boolean().default(true).meta({ description: 'Evaluate the policy (default true).' }),
    conditions: z.array(ConditionSchema).min(1).meta({ description: 'What the policy watches; any condition met opens an incident.' }),
    labels: labelsSchema.optional(),
  })
  .meta({ title: 'gdp alert policy', description: 'A Cloud Monitoring alert policy over gdp’s workflows, loads, scheduler jobs, scans and tables.' });

/** A validated alert policy file. */
export type AlertConfig = z.output<typeof AlertSchema>;
