/**
 * The `gdp` command line: parses arguments and calls the library. Exit codes: 0 valid (warnings
 * allowed), 1 configuration errors, 2 usage errors or internal bugs.
 *
 * Every argument is parsed and checked before any command starts working: commands only hand back the
 * action to run, which runs once yargs accepted the whole command line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import yargs from 'yargs';
import { registerValidate } from './commands/validate';
import { registerSchema } from './commands/schema';
import { registerSynth } from './commands/synth';
import { registerPlan } from './commands/plan';
import { registerModules } from './commands/modules';
import { registerNewModule } from './commands/new-module';
import { registerImport } from './commands/import';
import { registerGraph } from './commands/graph';
import { registerDrift } from './commands/drift';
import { registerSchedules } from './commands/schedules';
import { registerVerify } from './commands/verify';
import { registerEvolve } from './commands/evolve';
import { registerInit } from './commands/init';
import { InternalErrorReporter } from './internal-error';
import { rejectRepeatedOptions, usageErrorJson, wantsJson, type CommandAction } from './options';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** gdp's version, from its package.json. */
export function gdpVersion(): string {
  const file = path.resolve(__dirname, '../../package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const json = wantsJson(argv);
  let action: CommandAction | undefined;
  const defer = (run: CommandAction): void => {
    action = run;
  };
  let usageError: string | undefined;
  const parser = yargs([...argv])
    .scriptName('gdp')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'Name a command: validate, synth, plan, schema, modules, new, import, graph, drift, schedules, verify, evolve or init.')
    .recommendCommands()
    .help()
    .version(gdpVersion())
    .exitProcess(false)
    .check(rejectRepeatedOptions, true)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err && !msg) throw err;
      usageError = msg ?? err?.message;
    });
  registerValidate(parser, defer);
  registerSchema(parser, defer);
  registerSynth(parser, defer);
  registerPlan(parser, defer);
  registerModules(parser, defer);
  registerNewModule(parser, defer);
  registerImport(parser, defer);
  registerGraph(parser, defer);
  registerDrift(parser, defer);
  registerSchedules(parser, defer);
  registerVerify(parser, defer);
  registerEvolve(parser, defer);
  registerInit(parser, defer);
  try {
    await parser.parseAsync();
  } catch (e) {
    return InternalErrorReporter.report(e, json);
  }
  if (usageError !== undefined) {
    if (json) process.stdout.write(usageErrorJson(usageError) + '\n');
    process.stderr.write(`gdp: ${usageError}\nRun "gdp --help" for the commands and options.\n`);
    return EXIT.usage;
  }
  if (!action) return EXIT.ok; // --help or --version
  try {
    return await action();
  } catch (e) {
    return InternalErrorReporter.report(e, json);
  }
}
