/** `gdp new module <kind> [--package DIR]`: scaffolds a working module type. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';

/** Registers the command. */
export function registerNewModule<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command('new <what> <kind>', 'Scaffold a new module type (`gdp new module widget [--package DIR]`)', (c) =>
    c
      .positional('what', { type: 'string', choices: ['module'], describe: 'What to create' })
      .positional('kind', { type: 'string', demandOption: true, describe: 'The module kind (lowercase, e.g. data_contract)' })
      .option('package', { type: 'string', describe: 'Write a standalone module package into this folder instead of gdp’s own tree' }),
    (args) =>
      defer(async () => {
      const { createRegistry } = await import('../../api');
      const { scaffoldInTree, scaffoldNames, scaffoldPackage, ScaffoldError } = await import('../../scaffold/new-module');
      try {
        const inTree = args.package === undefined;
        const names = scaffoldNames(args.kind, createRegistry(), inTree);
        const result = inTree ? scaffoldInTree(names, process.cwd()) : scaffoldPackage(names, path.resolve(args.package!), gdpVersion());
        const where = path.relative(process.cwd(), result.root) || '.';
        process.stdout.write(`gdp: wrote module type "${names.kind}" in ${where}:\n${result.files.map((f) => `  ${f}`).join('\n')}\n`);
        process.stdout.write(
          inTree
            ? `Next: add "${names.kind}" to the built-in kinds test/core/registry.test.ts pins, run npm run docs (README and schemas/), then npm test (the module's own test is src/modules/${names.kind}/${names.kind}.test.ts).\n`
            : `Next: cd ${where} && npm install -D gdp && npm test; then list it under plugins: in your project's gdp.config.yaml.\n`,
        );
        return 0;
      } catch (e) {
        if (!(e instanceof ScaffoldError)) throw e;
        process.stderr.write(`gdp: ${e.message}\n`);
        return 2;
      }
      }),
  );
}

function gdpVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}
