/**
 * The `gdp` command line: parses arguments and calls the library. Exit codes: 0 valid (warnings
 * allowed), 1 configuration errors, 2 usage errors or internal bugs.
 */
import yargs from 'yargs';
import { registerValidate } from './commands/validate';
import { registerSchema } from './commands/schema';
import { registerSynth } from './commands/synth';
import { registerPlan } from './commands/plan';
import { registerModules } from './commands/modules';
import { registerNewModule } from './commands/new-module';
import { registerInit } from './commands/init';
import { InternalErrorReporter } from './internal-error';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  let usageError: string | undefined;
  const parser = yargs([...argv])
    .scriptName('gdp')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'Name a command: validate, synth, plan, schema, modules or new.')
    .recommendCommands()
    .help()
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    });
  registerValidate(parser, setExit);
  registerSchema(parser, setExit);
  registerSynth(parser, setExit);
  registerPlan(parser, setExit);
  registerModules(parser, setExit);
  registerNewModule(parser, setExit);
  registerInit(parser, setExit);
  try {
    await parser.parseAsync();
  } catch (e) {
    return InternalErrorReporter.report(e);
  }
  if (usageError !== undefined) {
    process.stderr.write(`gdp: ${usageError}\nRun "gdp --help" for the commands and options.\n`);
    return EXIT.usage;
  }
  return exitCode;
}
