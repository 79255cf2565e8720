/**
 * Module type `scheduler`: `configuration/triggers/schedulers/<file>.yaml` → a Cloud Scheduler job named
 * `<app>-sch-<name>-<region code>-<env>` that calls an HTTP target (usually a gdp workflow) on a cron
 * schedule.
 */
import { NAME_RULES } from '../../core/naming';
import type { Environment } from '../../core/environment';
import { SCHEDULER_CODES } from './codes';
import { checkScheduleFires } from './limits';
import { defineModule } from '../../core/module-type';
import { schedulerName } from '../../core/naming';
import { runDateMarker } from '../shared/run-date';
import { checkBody, checkRequest, checkTiming, checkUri } from './checks';
import { SchedulerSchema, type SchedulerConfig } from './schema';
import { synthScheduler } from './synth';

/** True when the job is created paused: `paused`, or the environment's pause_schedulers option. */
export function isPaused(config: SchedulerConfig, env: Environment): boolean {
  return env.options.pause_schedulers || config.paused === true;
}

/** The scheduler module type. */
export const schedulerModule = defineModule({
  kind: 'scheduler',
  title: 'Cloud Scheduler job',
  folder: 'triggers/schedulers',
  namespace: 'schedulers',
  noun: 'scheduler job',
  schema: SchedulerSchema,
  codes: SCHEDULER_CODES,
  synth(entity, ctx) {
    synthScheduler(ctx, { name: schedulerName(ctx.env, entity.config.name), paused: isPaused(entity.config, ctx.env) });
  },
  compile: {
    logicalName: (config) => config.name,
    namePath: ['name'],
    check(entity, ctx) {
      checkTiming(entity, ctx);
      checkScheduleFires(entity, ctx);
      checkRequest(entity, ctx);
    },
  },
  environment: {
    check(entity, ctx) {
      const resolved = ctx.resolved;
      checkUri(entity, resolved, ctx);
      checkBody(entity, resolved, ctx);
    },
    localSymbols(entity, path) {
      return path[0] === 'http_target' && path[1] === 'body' ? { date: runDateMarker(entity.config.timezone) } : undefined;
    },
    attributes(entity, { env }) {
      const name = schedulerName(env, entity.config.name);
      return { name, region: env.region, id: `projects/${env.project_id}/locations/${env.region}/jobs/${name}` };
    },
    generatedNames(entity, { env }) {
      return [{ rule: NAME_RULES.scheduler, value: schedulerName(env, entity.config.name), path: ['name'] }];
    },
  },
  example: `# configuration/triggers/schedulers/orders_daily.yaml
name: orders_daily
description: "Load yesterday's orders"
schedule: "0 6 * * 1-5"              # unix cron, five fields, read in timezone
timezone: "Europe/Amsterdam"         # default Etc/UTC
http_target:
  uri: \${workflows.load_orders.trigger_url}
  http_method: POST
  headers:
    Content-Type: "application/json"
  body: |
    {"mode": "daily", "run_date": "\${date}"}
# \${date}: the date of each run (YYYY-MM-DD) in timezone, filled in when the workflow starts
retry_config:
  retry_count: 3
  min_backoff_duration: "30s"
`,
});
