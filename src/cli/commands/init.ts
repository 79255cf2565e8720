/** `gdp init`: scaffolds a configuration repository in the working directory (or --dir). */
import * as path from 'node:path';
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';
import { DiagnosticBag } from '../../core/diagnostics';
import { formatText } from '../../core/format';

/** Registers the command. */
export function registerInit<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'init',
    'Set up a configuration repository here: examples, environments, cdktf.json, editor settings (never overwrites)',
    (c) =>
      c
        .option('dir', { type: 'string', default: '.', describe: 'The repository folder' })
        .option('app', { type: 'string', describe: 'App name, the first part of every generated name (default: from the folder name)' })
        .option('project-prefix', { type: 'string', describe: 'GCP project ids are <prefix>-dv … <prefix>-pd (default: <app>-data)' })
        .option('region', { type: 'string', describe: 'Region of workflows and schedulers (default: europe-west4)' })
        .option('empty', { type: 'boolean', default: false, describe: 'No example files in configuration/' })
        .option('ci', { type: 'string', choices: ['github'], describe: 'Also write CI workflows (validate, plan) and a pre-commit hook' }),
    (args) =>
      defer(async () => {
        const { projectRegistry } = await import('../../api');
        const { describeInit, InitError, initProject } = await import('../../scaffold/init-project');
        const bag = new DiagnosticBag();
        // The project's plugins get examples too.
        const registry = projectRegistry(path.resolve(args.dir), bag);
        const problems = bag.sorted();
        if (problems.length > 0) process.stderr.write(`${formatText(problems, () => undefined, { color: process.stderr.isTTY })}\n`);
        if (bag.hasErrors) return 1;
        try {
          const result = initProject({ dir: args.dir, app: args.app, projectPrefix: args['project-prefix'], region: args.region, empty: args.empty, ci: args.ci }, registry);
          const text = describeInit(result, process.cwd());
          process.stdout.write(text.stdout);
          process.stderr.write(text.stderr);
          return result.existingProject ? 2 : 0;
        } catch (e) {
          if (!(e instanceof InitError)) throw e;
          process.stderr.write(`gdp init: nothing was written:\n${e.message.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
          return 2;
        }
      }),
  );
}
