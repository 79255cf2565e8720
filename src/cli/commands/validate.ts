/** `gdp validate`: checks every file for every environment asked, prints diagnostics. */
import type { Argv } from 'yargs';
import { formatJson, formatText } from '../../core/format';
import { createProgress, progressWanted } from '../progress';
import { selectedEnvironments, withCacheOption, withProjectOptions, type CommandAction } from '../options';

/** Registers the command. */
export function registerValidate<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'validate',
    'Check the configuration for every environment, without writing anything',
    (c) => withCacheOption(withProjectOptions(c)).option('format', { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Output format' }),
    (args) =>
      defer(async () => {
        const started = process.hrtime.bigint();
        const { validateProject } = await import('../../api');
        const progress = createProgress(process.stderr, progressWanted(process.stderr, process.env, args.format));
        const result = await validateProject({
          configDir: args.config,
          environmentsDir: args.environments,
          environments: selectedEnvironments(args.env),
          sqlCheck: args.sqlCheck,
          cache: args.cache,
          onStep: (stage) => progress.step(stage),
        }).finally(() => progress.done());
        const hasErrors = result.diagnostics.some((d) => d.severity === 'error');
        if (args.format === 'json') {
          process.stdout.write(formatJson(result.diagnostics, { valid: !hasErrors }) + '\n');
        } else {
          if (result.diagnostics.length > 0) process.stderr.write(formatText(result.diagnostics, result.lines, { color: process.stderr.isTTY }) + '\n');
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const count = result.project?.entities.length ?? 0;
          if (!hasErrors) process.stdout.write(`gdp: ${count} files valid for ${selectedEnvironments(args.env).join(', ')} (${ms.toFixed(0)} ms)\n`);
        }
        return hasErrors ? 1 : 0;
      }),
  );
}
