/** Prints job schedules as text, markdown or JSON. */
import type { EnvironmentSchedules, JobSchedule, RunTime } from './next-runs';

function runText(r: RunTime, zone: string): string {
  return zone === 'Etc/UTC' || zone === 'UTC' ? `${r.utc} UTC` : `${r.local} ${zone}  (${r.utc} UTC)`;
}

function state(job: JobSchedule, env: EnvironmentSchedules): string {
  if (!job.paused) return 'active';
  return env.allPaused ? 'PAUSED (environment pauses every job)' : 'PAUSED';
}

/** Text: one block per environment, one per job with its next runs. */
export function renderSchedulesText(envs: readonly EnvironmentSchedules[]): string {
  const lines: string[] = [];
  for (const e of envs) {
    lines.push(`${e.env}: ${e.jobs.length} scheduler job${e.jobs.length === 1 ? '' : 's'}${e.allPaused ? ', all paused (options.pause_schedulers)' : ''}`);
    for (const job of e.jobs) {
      lines.push(`  ${job.name}  "${job.schedule}" ${job.timezone}  ${state(job, e)}  ${job.jobName}`);
      const prefix = job.paused ? '    would run ' : '    next ';
      for (const r of job.next) lines.push(`${prefix}${runText(r, job.timezone)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Markdown: a table per environment. */
export function renderSchedulesMarkdown(envs: readonly EnvironmentSchedules[]): string {
  const out: string[] = [];
  for (const e of envs) {
    out.push(`### ${e.env}${e.allPaused ? ' (every job paused)' : ''}`, '', '| job | schedule | time zone | state | next runs (local) | next runs (UTC) |', '|---|---|---|---|---|---|');
    for (const job of e.jobs) {
      out.push(`| ${job.name} | \`${job.schedule}\` | ${job.timezone} | ${job.paused ? 'paused' : 'active'} | ${job.next.map((r) => r.local).join('<br>')} | ${job.next.map((r) => r.utc).join('<br>')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** JSON. */
export function renderSchedulesJson(envs: readonly EnvironmentSchedules[]): string {
  return JSON.stringify({ environments: envs }, null, 2) + '\n';
}
