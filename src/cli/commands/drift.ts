/** `gdp drift`: the Terraform state of one environment against its configuration. */
import type { Argv } from 'yargs';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../core/environment';
import { formatText } from '../../core/format';
import { DRIFT_CODES, renderDriftJson, renderDriftMarkdown, renderDriftText, runDrift } from '../../drift';

/** Registers the command. */
export function registerDrift<T>(y: Argv<T>, setExit: (code: number) => void): void {
  y.command(
    'drift',
    'Compare an environment’s Terraform state with its configuration: orphans, missing resources, changes made outside gdp',
    (c) =>
      c
        .option('config', { type: 'string', default: './configuration', describe: 'Configuration folder' })
        .option('environments', { type: 'string', default: './environments', describe: 'Environments folder' })
        .option('env', { type: 'string', choices: [...ENVIRONMENT_NAMES], demandOption: true, describe: 'Environment the state belongs to' })
        .option('state', { type: 'string', demandOption: true, describe: 'State: `terraform show -json` output or a state file (terraform.tfstate)' })
        .option('format', { type: 'string', choices: ['text', 'markdown', 'json'], default: 'text', describe: 'Output format' }),
    async (args) => {
      const run = await runDrift({ configDir: args.config, environmentsDir: args.environments, env: args.env as EnvironmentName, stateFile: args.state });
      if (run.stateError) process.stderr.write(`gdp: error GDP830: ${run.stateError}\n  hint: ${DRIFT_CODES.GDP830.hint}\n`);
      const errors = run.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) process.stderr.write(formatText(errors, run.lines, { color: process.stderr.isTTY === true }) + '\n');
      if (run.report) {
        const text = args.format === 'json' ? renderDriftJson([run.report]) : args.format === 'markdown' ? renderDriftMarkdown([run.report]) : renderDriftText(run.report);
        process.stdout.write(text);
      }
      setExit(run.exitCode);
    },
  );
}
