/** `gdp evolve table <name>`: a replacing table change → new version + backfill load (+ moved readers). */
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';
import { formatText } from '../../core/format';

/** Registers the command. */
export function registerEvolve<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'evolve table <name>',
    'Turn a table change that would replace the table (and lose its rows) into a new version, a backfill load from the current version and, with --move-readers, readers moved over',
    (c) =>
      c
        .positional('name', { type: 'string', demandOption: true, describe: 'Table logical name (transactions_v1) or table_id (transactions)' })
        .option('config', { type: 'string', default: './configuration', describe: 'Configuration folder' })
        .option('environments', { type: 'string', default: './environments', describe: 'Environments folder' })
        .option('base', { type: 'string', default: 'HEAD', describe: 'Git ref or configuration folder with the table before the change' })
        .option('move-readers', { type: 'boolean', default: false, describe: 'Point ${tables["<table>_v<N>"]} references and load sources at the new version' }),
    (args) =>
      defer(async () => {
        const { runEvolve } = await import('../../evolve');
        const { PlanUsageError } = await import('../../plan');
        try {
          const run = await runEvolve({ table: args.name, configDir: args.config, environmentsDir: args.environments, base: args.base, moveReaders: args['move-readers'] });
          if (run.diagnostics.length > 0) process.stderr.write(formatText(run.diagnostics, run.lines, { color: process.stderr.isTTY === true }) + '\n');
          if (run.problem) process.stderr.write(`gdp evolve: ${run.problem}\n`);
          for (const w of run.written) process.stdout.write(`wrote ${w.path}: ${w.what}\n`);
          if (run.next.length > 0) process.stdout.write(`next:\n${run.next.map((n) => `  - ${n}`).join('\n')}\n`);
          return run.exitCode;
        } catch (e) {
          if (!(e instanceof PlanUsageError)) throw e;
          process.stderr.write(`gdp: error ${e.code}: ${e.message}\n`);
          return 2;
        }
      }),
  );
}
