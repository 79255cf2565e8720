import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the Cloud Scheduler module. */
export const SCHEDULER_CODES = {
  GDP580: {
    severity: 'error',
    title: 'Invalid cron schedule',
    hint: 'Write a unix cron expression of five fields: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1-5".',
  },
  GDP581: {
    severity: 'error',
    title: 'Unknown time zone',
    hint: 'Use a tz database name such as Europe/Paris, America/New_York or Etc/UTC.',
  },
  GDP582: {
    severity: 'warning',
    title: 'Schedule comment names another time zone',
    hint: 'The timezone field decides when the job runs: fix the comment, or change timezone.',
  },
  GDP583: {
    severity: 'error',
    title: 'Header not allowed',
    hint: 'Remove the header: Cloud Scheduler sets Content-Length, X-Google-* and X-AppEngine-* itself.',
  },
  GDP584: {
    severity: 'error',
    title: 'HTTP method does not fit the request',
    hint: 'Use POST (or PUT/PATCH) to send a body; workflows are started with POST.',
  },
  GDP585: {
    severity: 'error',
    title: 'Body is not valid JSON',
    hint: 'Fix the JSON at the position shown (strings in double quotes, no trailing commas).',
  },
  GDP586: {
    severity: 'error',
    title: '${date} cannot be filled in here',
    hint: 'Write "${date}" as a whole JSON string value at the top level of the body of a job that starts a gdp workflow, e.g. "run_date": "${date}".',
  },
  GDP587: {
    severity: 'warning',
    title: 'Workflow URL written by hand',
    hint: 'Write uri: ${workflows.<workflow_name>.trigger_url}: gdp then checks the workflow exists and orders the deployment.',
  },
  GDP588: {
    severity: 'error',
    title: 'Workflow argument too large',
    hint: 'Keep the body under 32 KB: pass references (file names, dates) rather than data.',
  },
  GDP589: {
    severity: 'error',
    title: 'Inconsistent retry settings',
    hint: 'Set at least one retry field, and keep min_backoff_duration ≤ max_backoff_duration.',
  },
} as const satisfies CodeTable;

/** A code of this module. */
export type SchedulerCode = keyof typeof SCHEDULER_CODES;
