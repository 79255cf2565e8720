/**
 * The next runs of every Cloud Scheduler job per environment, in the job's time zone and in UTC
 * (croner, the same library `validate` checks schedules with).
 */
import type { EnvironmentName } from '../core/environment';
import { nodeKey } from '../core/graph';
import type { Project } from '../core/project';
import { isPaused } from '../modules/scheduler';
import { formatInZone, nextRuns, scheduleProblem } from '../modules/scheduler/cron';
import type { SchedulerConfig } from '../modules/scheduler/schema';

/** One run: in the job's zone and in UTC, both `YYYY-MM-DD HH:MM`, and the instant. */
export interface RunTime {
  readonly local: string;
  readonly utc: string;
  readonly at: string;
}

/** One job in one environment. */
export interface JobSchedule {
  /** Logical name. */
  readonly name: string;
  /** The job's name in the environment. */
  readonly jobName: string;
  readonly file: string;
  readonly schedule: string;
  readonly timezone: string;
  readonly paused: boolean;
  /** Next runs (computed for paused jobs too: they are what resuming gives). */
  readonly next: readonly RunTime[];
}

/** The jobs of one environment. */
export interface EnvironmentSchedules {
  readonly env: EnvironmentName;
  /** The environment pauses every job (options.pause_schedulers). */
  readonly allPaused: boolean;
  readonly jobs: readonly JobSchedule[];
}

/** The next `count` runs of a schedule from `from`, or [] when the schedule is not valid. */
export function runTimes(schedule: string, timezone: string, count: number, from: Date): RunTime[] {
  if (scheduleProblem(schedule) !== undefined) return [];
  return nextRuns(schedule, timezone, count, from).map((d) => ({ local: formatInZone(d, timezone), utc: formatInZone(d, 'Etc/UTC'), at: d.toISOString() }));
}

/** Every job of every environment of the project, sorted by logical name. */
export function projectSchedules(project: Project, count: number, from: Date): EnvironmentSchedules[] {
  const out: EnvironmentSchedules[] = [];
  for (const [env, model] of project.environments) {
    const jobs: JobSchedule[] = [];
    for (const entity of project.all<SchedulerConfig>('schedulers')) {
      const module = project.moduleOf(entity);
      const resolved = (model.resolved.get(nodeKey(module.namespace, entity.name)) ?? entity.config) as SchedulerConfig;
      const jobName = model.attributesOf(module.namespace, entity.name)?.name ?? entity.name;
      jobs.push({
        name: entity.name,
        jobName,
        file: entity.file.path,
        schedule: resolved.schedule,
        timezone: resolved.timezone,
        paused: isPaused(resolved, model.env),
        next: runTimes(resolved.schedule, resolved.timezone, count, from),
      });
    }
    out.push({ env, allPaused: model.env.options.pause_schedulers, jobs });
  }
  return out;
}
