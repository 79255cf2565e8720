/** `gdp import workflow FILE`: converts a Cloud Workflows file to gdp's workflow file. */
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';
import { formatText } from '../../core/format';
import type { StepForm } from '../../modules/workflow/import-native';

/** Registers the command. */
export function registerImport<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'import <kind> <file>',
    'Convert a Cloud Workflows file (main: + subworkflows, or a list of steps) to a gdp workflow file',
    (c) =>
      c
        .positional('kind', { type: 'string', choices: ['workflow'], demandOption: true, describe: 'What the file is' })
        .positional('file', { type: 'string', demandOption: true, describe: 'The Cloud Workflows YAML file' })
        .option('name', { type: 'string', describe: 'workflow_name of the result (default: the file name)' })
        .option('form', {
          type: 'string',
          choices: ['native', 'users'],
          describe: 'Steps as "- step: {…}" (native) or "- name: step" + fields (users); default: the form most files of <config>/workflows/ use',
        })
        .option('write', { type: 'boolean', default: false, describe: 'Write it to <config>/workflows/<name>.yaml instead of stdout (never overwrites)' })
        .option('config', { type: 'string', default: './configuration', describe: 'Configuration folder' }),
    (args) =>
      defer(async () => {
      const { importWorkflow } = await import('../../api');
      const result = await importWorkflow({ file: args.file, name: args.name, form: args.form as StepForm | undefined, write: args.write, configDir: args.config });
      if (result.diagnostics.length > 0) process.stderr.write(formatText(result.diagnostics, result.lines, { color: process.stderr.isTTY }) + '\n');
      const failed = result.diagnostics.some((d) => d.severity === 'error');
      if (result.written !== undefined) process.stdout.write(`gdp: wrote ${result.written}\n`);
      else if (!args.write && result.text !== undefined) process.stdout.write(result.text);
      return failed ? 1 : 0;
      }),
  );
}
