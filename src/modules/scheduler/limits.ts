/** Limits of Cloud Scheduler schedules that croner can decide. */
import type { SchedulerCode } from './codes';
import type { CheckContext, Entity } from '../../core/module-type';
import { nextRuns, scheduleProblem } from './cron';
import type { SchedulerConfig } from './schema';

/**
 * A schedule that names no real date (`0 0 30 2 *`: 30 February) parses but never runs; Cloud Scheduler
 * ("Configure cron job schedules", https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules)
 * would keep a job that never fires.
 */
export function checkScheduleFires(entity: Entity<SchedulerConfig>, ctx: CheckContext<SchedulerCode>): void {
  const { schedule } = entity.config;
  if (scheduleProblem(schedule) !== undefined) return;
  if (!fires(schedule)) {
    ctx.report('GDP580', ['schedule'], `schedule "${schedule}" never fires: no date matches its day-of-month and month`, {
      hint: 'Use a day that exists in the month (February has at most 29 days; April, June, September and November 30).',
    });
  }
}

/** Whether a valid schedule ever runs; decided once per schedule text and process (projects repeat a few schedules). */
function fires(schedule: string): boolean {
  let known = firing.get(schedule);
  if (known === undefined) firing.set(schedule, (known = nextRuns(schedule, 'UTC', 1).length > 0));
  return known;
}

const firing = new Map<string, boolean>();
