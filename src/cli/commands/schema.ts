/** `gdp schema`: writes a JSON Schema per module type (and the environment file) for editors. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Argv } from 'yargs';
import { lineSource, projectRegistry } from '../../api';
import { DiagnosticBag } from '../../core/diagnostics';
import { formatText } from '../../core/format';
import { jsonSchemas } from '../../core/json-schema';

/** Registers the command. */
export function registerSchema<T>(y: Argv<T>, setExit: (code: number) => void): void {
  y.command(
    'schema',
    'Write JSON Schemas of every file type (for editor completion and checks)',
    (c) => c.option('out', { type: 'string', default: './schemas', describe: 'Output folder' }),
    async (args) => {
      const bag = new DiagnosticBag();
      const registry = projectRegistry(process.cwd(), bag);
      const problems = bag.sorted();
      if (problems.length > 0) process.stderr.write(`${formatText(problems, lineSource([]), { color: process.stderr.isTTY })}\n`);
      if (bag.hasErrors) return setExit(1);
      const schemas = jsonSchemas(registry);
      await fs.mkdir(args.out, { recursive: true });
      for (const [name, schema] of Object.entries(schemas)) {
        await fs.writeFile(path.join(args.out, `${name}.schema.json`), JSON.stringify(schema, null, 2) + '\n');
      }
      process.stdout.write(`gdp: wrote ${Object.keys(schemas).length} schemas to ${args.out}\n`);
      setExit(0);
    },
  );
}
