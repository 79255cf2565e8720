import { z } from 'zod';
import { logicalNameSchema } from '../shared/fields';

/** HTTP methods Cloud Scheduler's HTTP targets accept. */
export const HTTP_METHODS = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Methods that may carry a body. */
export const BODY_METHODS: readonly string[] = ['POST', 'PUT', 'PATCH'];

/** Seconds of a Cloud Scheduler duration string (`"320s"`, `"1.5s"`). */
export function durationSeconds(duration: string): number {
  return Number(duration.slice(0, -1));
}

/** A Cloud Scheduler duration: seconds with up to nine decimals and an `s`. */
const DURATION = /^\d+(\.\d{1,9})?s$/;
const duration = () => z.string().regex(DURATION, 'a duration in seconds such as "30s" or "1.5s"');

/** The shape of `configuration/triggers/schedulers/<file>.yaml`. */
export const SchedulerSchema = z
  .strictObject({
    name: logicalNameSchema.meta({
      description: 'Logical name of the job, unique among scheduler jobs; part of the generated name <app>-sch-<name>-<region code>-<env>.',
      examples: ['daily_transaction_scheduler'],
    }),
    description: z.string().max(500).optional().meta({ description: 'What the job does (at most 500 characters).' }),
    schedule: z.string().meta({
      description: 'When the job runs: unix cron with exactly five fields (minute hour day-of-month month day-of-week), read in `timezone`.',
      examples: ['0 6 * * *', '*/15 * * * 1-5'],
    }),
    timezone: z.string().default('Etc/UTC').meta({
      description: 'tz database time zone the schedule is read in (default Etc/UTC); it also gives the date of ${date}.',
      examples: ['Europe/Paris', 'Etc/UTC'],
    }),
    http_target: z
      .strictObject({
        uri: z.string().min(1).meta({
          description: 'URL to call; usually ${workflows.<workflow_name>.trigger_url}, which starts an execution of a gdp workflow; ${cloudrun_jobs["<job>"].run_url} runs a gdp Cloud Run job and ${cloudrun_services["<service>"].url}/<path> calls a gdp Cloud Run service (gdp sends the right token and grants the schedulers account roles/run.invoker).',
          examples: ['${workflows.load_orders.trigger_url}'],
        }),
        http_method: z.enum(HTTP_METHODS).default('POST').meta({ description: 'HTTP method (default POST; a body needs POST, PUT or PATCH).' }),
        headers: z.record(z.string().min(1), z.string()).optional().meta({
          description: 'Request headers. Content-Length, X-Google-* and X-AppEngine-* are not allowed.',
          examples: [{ 'Content-Type': 'application/json' }],
        }),
        body: z.string().optional().meta({
          description:
            'Request body. For a workflow it is the execution argument (JSON, at most 32 KB). "${date}" as a top-level JSON string value becomes the date of each run (YYYY-MM-DD) in the job’s time zone.',
        }),
      })
      .meta({ description: 'The HTTP request the job sends.' }),
    paused: z.boolean().optional().meta({
      description: 'Create the job paused. Environments with options.pause_schedulers create every job paused, whatever this says.',
    }),
    attempt_deadline: duration()
      // A malformed duration is already reported by the regex.
      .refine((d) => !DURATION.test(d) || (durationSeconds(d) >= 15 && durationSeconds(d) <= 1800), {
        message: 'must be between 15s and 1800s',
        params: { code: 'GDP205' },
      })
      .optional()
      .meta({ description: 'How long one attempt may take, 15s to 1800s (provider default 180s).', examples: ['320s'] }),
    retry_config: z
      .strictObject({
        retry_count: z.number().int().min(0).max(5).optional().meta({ description: 'Retries of a failed attempt, 0–5 (0: wait for the next scheduled run).' }),
        max_retry_duration: duration().optional().meta({ description: 'Time limit for retrying a failed run (0s: unlimited).' }),
        min_backoff_duration: duration().optional().meta({ description: 'Shortest wait between retries (default 5s).' }),
        max_backoff_duration: duration().optional().meta({ description: 'Longest wait between retries (default 3600s).' }),
        max_doublings: z.number().int().min(0).optional().meta({ description: 'Times the wait doubles before growing linearly (default 5).' }),
      })
      .refine((r) => Object.values(r).some((v) => v !== undefined), {
        message: 'set at least one retry field',
        params: { code: 'GDP589' },
      })
      .optional()
      .meta({ description: 'How failed runs are retried.' }),
  })
  .meta({ title: 'gdp Cloud Scheduler job', description: 'Calls an HTTP target, usually a gdp workflow, on a cron schedule.' });

/** A validated scheduler file. */
export type SchedulerConfig = z.output<typeof SchedulerSchema>;
