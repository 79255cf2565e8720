/** `gdp verify <env>`: checks with Google's APIs that the deployed resources are as configured. */
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../core/environment';
import { formatText } from '../../core/format';

/** Registers the command. */
export function registerVerify<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'verify <env>',
    'After a deploy: check with Google’s APIs that every dataset, table, routine, workflow, trigger and scheduler job is as configured',
    (c) =>
      c
        .positional('env', { type: 'string', choices: [...ENVIRONMENT_NAMES], demandOption: true, describe: 'Environment to check' })
        .option('config', { type: 'string', default: './configuration', describe: 'Configuration folder' })
        .option('environments', { type: 'string', default: './environments', describe: 'Environments folder' })
        .option('format', { type: 'string', choices: ['text', 'markdown', 'json'], default: 'text', describe: 'Output format' })
        .option('all', { type: 'boolean', default: false, describe: 'Text: list the resources that match too' })
        .option('access-token-file', { type: 'string', describe: 'Read an OAuth access token from this file instead of application default credentials' })
        .option('endpoint', { type: 'string', array: true, default: [] as string[], describe: 'Use another API endpoint: <bigquery|workflows|eventarc|scheduler>=<url> (repeatable)' }),
    (args) =>
      defer(async () => {
        const { parseEndpoints, renderVerifyJson, renderVerifyMarkdown, renderVerifyText, runVerify, VERIFY_CODES } = await import('../../verify');
        const endpoints = parseEndpoints(args.endpoint);
        if (typeof endpoints === 'string') {
          process.stderr.write(`gdp: ${endpoints}\n`);
          return 2;
        }
        const run = await runVerify({
          configDir: args.config,
          environmentsDir: args.environments,
          env: args.env as EnvironmentName,
          endpoints,
          accessTokenFile: args['access-token-file'],
        });
        if (run.abort) process.stderr.write(`gdp: error ${run.abort.code}: ${run.abort.message}\n  hint: ${VERIFY_CODES[run.abort.code].hint}\n`);
        const errors = run.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) process.stderr.write(formatText(errors, run.lines, { color: process.stderr.isTTY === true }) + '\n');
        if (run.report) {
          process.stdout.write(args.format === 'json' ? renderVerifyJson(run.report) : args.format === 'markdown' ? renderVerifyMarkdown(run.report) : renderVerifyText(run.report, { all: args.all }));
        }
        return run.exitCode;
      }),
  );
}
