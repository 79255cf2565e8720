/** `gdp schema`: writes a JSON Schema per module type (and the environment file) for editors. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';
import { DiagnosticBag } from '../../core/diagnostics';
import { formatText } from '../../core/format';

/** Registers the command. */
export function registerSchema<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'schema',
    'Write JSON Schemas of every file type (for editor completion and checks)',
    (c) => c.option('out', { type: 'string', default: './schemas', describe: 'Output folder' }),
    (args) =>
      defer(async () => {
        const { lineSource, projectRegistry } = await import('../../api');
        const { jsonSchemas } = await import('../../core/json-schema');
        const { OutputFolderError } = await import('../../synth/output-folder');
        const bag = new DiagnosticBag();
        const registry = projectRegistry(process.cwd(), bag);
        const problems = bag.sorted();
        if (problems.length > 0) process.stderr.write(`${formatText(problems, lineSource([]), { color: process.stderr.isTTY === true })}\n`);
        if (bag.hasErrors) return 1;
        const schemas = jsonSchemas(registry);
        try {
          await fs.mkdir(args.out, { recursive: true });
          for (const [name, schema] of Object.entries(schemas)) {
            await fs.writeFile(path.join(args.out, `${name}.schema.json`), JSON.stringify(schema, null, 2) + '\n');
          }
        } catch (e) {
          // A path that is a file, or a folder that cannot be written: the user's --out, not a bug.
          const error = new OutputFolderError('GDP702', args.out, `the output folder ${args.out} cannot be written: ${(e as Error).message}`);
          process.stderr.write(formatText([error.diagnostic()], () => undefined, { color: process.stderr.isTTY === true }) + '\n');
          return 2;
        }
        process.stdout.write(`gdp: wrote ${Object.keys(schemas).length} schemas to ${args.out}\n`);
        return 0;
      }),
  );
}
