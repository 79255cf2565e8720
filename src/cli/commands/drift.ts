/** `gdp drift`: the Terraform state of one environment against its configuration. */
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../core/environment';
import type { Diagnostic } from '../../core/diagnostics';
import { formatText, type LineSource } from '../../core/format';
import { SPLIT_BY_VALUES, type SplitBy } from '../../synth/split/partition';
import type { VerifyAbort } from '../../verify';

/** Registers the command. */
export function registerDrift<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'drift',
    'Compare an environment’s Terraform state with its configuration: orphans, missing resources, changes made outside gdp',
    (c) =>
      c
        .option('config', { type: 'string', default: './configuration', describe: 'Configuration folder' })
        .option('environments', { type: 'string', default: './environments', describe: 'Environments folder' })
        .option('env', { type: 'string', choices: [...ENVIRONMENT_NAMES], demandOption: true, describe: 'Environment the state belongs to' })
        .option('state', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'State: `terraform show -json` output or a state file (terraform.tfstate); with --split-by, <stack>=<file>, once per stack',
        })
        .option('split-by', { type: 'string', choices: SPLIT_BY_VALUES, describe: 'The environment is split as `gdp synth --split-by` splits it: compare each stack with its state' })
        .option('format', { type: 'string', choices: ['text', 'markdown', 'json'], default: 'text', describe: 'Output format' })
        .option('live', { type: 'boolean', default: false, describe: 'Also list tables and routines in gdp datasets that gdp does not manage (Google credentials)' })
        .option('access-token-file', { type: 'string', describe: 'With --live: an OAuth access token file instead of application default credentials' })
        .option('endpoint', { type: 'string', array: true, default: [] as string[], describe: 'With --live: another BigQuery API endpoint, bigquery=<url>' }),
    (args) =>
      defer(async () => {
        const { DRIFT_CODES, renderDriftJson, renderDriftMarkdown, renderDriftText, runDrift } = await import('../../drift');
        const { parseEndpoints, VERIFY_CODES } = await import('../../verify');
        const { parseStackStates, renderSplitDriftText, runSplitDrift } = await import('../../drift/split-drift');
        /** Prints what stopped a comparison (state unreadable, live check aborted, configuration errors); whether there was any. */
        const printFailures = (r: { stateError?: string; abort?: VerifyAbort; diagnostics: readonly Diagnostic[]; lines: LineSource }): boolean => {
          if (r.stateError) process.stderr.write(`gdp: error GDP830: ${r.stateError}\n  hint: ${DRIFT_CODES.GDP830.hint}\n`);
          if (r.abort) process.stderr.write(`gdp: error ${r.abort.code}: ${r.abort.message}\n  hint: ${VERIFY_CODES[r.abort.code].hint}\n`);
          const errors = r.diagnostics.filter((d) => d.severity === 'error');
          if (errors.length > 0) process.stderr.write(formatText(errors, r.lines, { color: process.stderr.isTTY === true }) + '\n');
          return r.stateError !== undefined || r.abort !== undefined || errors.length > 0;
        };
        const endpoints = parseEndpoints(args.endpoint);
        if (typeof endpoints === 'string') {
          process.stderr.write(`gdp: ${endpoints}\n`);
          return 2;
        }
        const live = args.live ? { endpoints, accessTokenFile: args['access-token-file'] } : undefined;
        if (args.splitBy !== undefined) {
          const states = parseStackStates(args.state);
          if (typeof states === 'string') {
            process.stderr.write(`gdp: ${states}\n`);
            return 2;
          }
          const split = await runSplitDrift({ configDir: args.config, environmentsDir: args.environments, env: args.env as EnvironmentName, splitBy: args.splitBy as SplitBy, states, live });
          // Nothing was compared: no report, as without --split-by.
          if (printFailures(split)) return split.exitCode;
          if (args.format === 'json') process.stdout.write(`${JSON.stringify({ reports: JSON.parse(renderDriftJson(split.reports)) as unknown, moves: split.moves, unchecked: split.unchecked }, null, 2)}\n`);
          else if (args.format === 'markdown') process.stdout.write(renderDriftMarkdown(split.reports));
          else process.stdout.write(renderSplitDriftText(split, renderDriftText));
          return split.exitCode;
        }
        if (args.state.length !== 1) {
          process.stderr.write('gdp: --state is given several times: give it once (or use --split-by with --state <stack>=<file>)\n');
          return 2;
        }
        const run = await runDrift({ configDir: args.config, environmentsDir: args.environments, env: args.env as EnvironmentName, stateFile: args.state[0], live });
        printFailures(run);
        if (run.report) {
          const text = args.format === 'json' ? renderDriftJson([run.report]) : args.format === 'markdown' ? renderDriftMarkdown([run.report]) : renderDriftText(run.report);
          process.stdout.write(text);
        }
        return run.exitCode;
      }),
  );
}
