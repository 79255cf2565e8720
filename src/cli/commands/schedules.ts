/** `gdp schedules`: each scheduler job's next runs per environment, in its time zone and UTC. */
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';
import { formatText } from '../../core/format';
import { selectedEnvironments, withProjectOptions } from '../options';

/** Registers the command. */
export function registerSchedules<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'schedules',
    'List every scheduler job’s next runs per environment, in its time zone and in UTC (paused jobs shown as such)',
    (c) =>
      withProjectOptions(c)
        .option('count', { type: 'number', default: 3, describe: 'Runs to show per job (1–50)' })
        .option('from', { type: 'string', describe: 'Start instant (ISO 8601, e.g. 2026-03-28T00:00:00Z); default now' })
        .option('format', { type: 'string', choices: ['text', 'markdown', 'json'], default: 'text', describe: 'Output format' }),
    (args) =>
      defer(async () => {
        const from = args.from === undefined ? new Date() : new Date(args.from);
        if (Number.isNaN(from.getTime())) return usage(`--from: "${args.from}" is not a date and time; write ISO 8601, e.g. 2026-03-28T00:00:00Z`);
        if (!Number.isInteger(args.count) || args.count < 1 || args.count > 50) return usage(`--count: ${args.count} is not a whole number from 1 to 50`);
        const { validateProject } = await import('../../api');
        const { projectSchedules, renderSchedulesJson, renderSchedulesMarkdown, renderSchedulesText } = await import('../../schedules');
        const result = await validateProject({ configDir: args.config, environmentsDir: args.environments, environments: selectedEnvironments(args.env), sqlCheck: false });
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0 || !result.project) {
          process.stderr.write(formatText(errors, result.lines, { color: process.stderr.isTTY === true }) + '\n');
          return 1;
        }
        const envs = projectSchedules(result.project, args.count, from);
        process.stdout.write(args.format === 'json' ? renderSchedulesJson(envs) : args.format === 'markdown' ? renderSchedulesMarkdown(envs) : renderSchedulesText(envs));
        return 0;
      }),
  );
}

/** Prints a usage error; returns its exit code. */
function usage(message: string): number {
  process.stderr.write(`gdp: ${message}\n`);
  return 2;
}
