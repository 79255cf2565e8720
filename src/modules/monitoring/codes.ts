import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the notification channel module. */
export const CHANNEL_CODES = {
  GDP690: { severity: 'error', title: 'Invalid notification target', hint: 'Write an email address (email), a Pub/Sub topic name or projects/<project>/topics/<topic> (pubsub), or an https:// URL (webhook).' },
} as const satisfies CodeTable;

/** Diagnostic codes of the alert policy module. */
export const ALERT_CODES = {
  GDP691: {
    severity: 'error',
    title: 'Condition must watch one thing',
    hint: 'Give each condition exactly one of workflow_failed, load_failed, load_quarantined, scheduler_failed, dataquality_failed, table_stale or raw.',
  },
  GDP692: { severity: 'error', title: 'Field does not apply to this condition', hint: 'Remove the field: this kind of condition does not use it.' },
  GDP693: { severity: 'error', title: 'Condition is missing a field', hint: 'Add the field this kind of condition needs (table_stale needs hours).' },
  GDP694: { severity: 'error', title: 'Load writes no log entries', hint: 'Give the load a workflow: section (gdp then runs and logs it), or watch the workflow that calls its procedure with workflow_failed.' },
  GDP695: { severity: 'error', title: 'Load quarantines no rows', hint: 'Watch load_failed instead, or give the load a quality rule with severity: quarantine.' },
  GDP696: { severity: 'warning', title: 'Policy notifies nobody', hint: 'Add a channel with a target in this environment to channels (dv may go without).' },
  GDP697: { severity: 'error', title: 'Raw condition filter incomplete', hint: 'A metric filter names the metric: metric.type = "…" (and usually resource.type = "…").' },
  GDP698: { severity: 'error', title: 'Value out of range', hint: 'Keep below_score between 0 and 100, and documentation under 8,192 bytes once gdp adds what failed and where its logs are.' },
  GDP699: { severity: 'error', title: 'Condition repeated', hint: 'Remove the second condition: it watches the same thing the same way.' },
  GDP700: { severity: 'error', title: 'Watched reference of the wrong kind', hint: 'Name the watched thing plainly (daily_orders) or with a reference of its kind (${workflows.daily_orders.name}).' },
} as const satisfies CodeTable;

/** A code of the channel module. */
export type ChannelCode = keyof typeof CHANNEL_CODES;
/** A code of the alert policy module. */
export type AlertCode = keyof typeof ALERT_CODES;
