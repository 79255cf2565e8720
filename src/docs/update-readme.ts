/** `npm run docs`: rewrites the README's generated sections and the committed JSON Schemas. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createRegistry } from '../api';
import { jsonSchemas } from '../core/json-schema';
import { fillSections, generatedSections } from './generate';

async function run(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const readmePath = path.join(root, 'README.md');
  const registry = createRegistry();
  const readme = await fs.readFile(readmePath, 'utf8');
  await fs.writeFile(readmePath, fillSections(readme, generatedSections(registry)));
  const dir = path.join(root, 'schemas');
  await fs.mkdir(dir, { recursive: true });
  for (const [name, schema] of Object.entries(jsonSchemas(registry))) {
    await fs.writeFile(path.join(dir, `${name}.schema.json`), JSON.stringify(schema, null, 2) + '\n');
  }
  process.stdout.write('README.md and schemas/ updated\n');
}

void run();
