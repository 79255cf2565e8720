/**
 * `npm run docs`: rewrites the README's generated sections, the performance tables of README.md and
 * docs/performance.md (from bench/results.json) and the committed JSON Schemas.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createRegistry } from '../api';
import { jsonSchemas } from '../core/json-schema';
import { readTree } from '../core/loader';
import { DiagnosticBag } from '../core/diagnostics';
import { compileProject } from '../core/project';
import { ENVIRONMENT_NAMES } from '../core/environment';
import { fillSections, generatedSections } from './generate';
import { loadSqlSection, README_LOAD } from './load-example';
import { PERFORMANCE_DOCS, performanceSections, readResults } from './performance';

async function run(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const readmePath = path.join(root, 'README.md');
  const registry = createRegistry();
  const readme = await fs.readFile(readmePath, 'utf8');
  const bag = new DiagnosticBag();
  const configFiles = (await readTree(path.join(root, 'configuration'), bag, 'configuration')) ?? [];
  const environmentFiles = (await readTree(path.join(root, 'environments'), bag, 'environments')) ?? [];
  const { project } = compileProject({ registry, configFiles, environmentFiles, environments: ENVIRONMENT_NAMES });
  const loadYaml = await fs.readFile(path.join(root, 'configuration', 'loads', `${README_LOAD}.yaml`), 'utf8');
  await fs.writeFile(readmePath, fillSections(readme, generatedSections(registry, { 'load-sql': loadSqlSection(project, loadYaml) })));
  const perf = performanceSections(readResults(root));
  for (const doc of Object.keys(PERFORMANCE_DOCS)) {
    const file = path.join(root, doc);
    await fs.writeFile(file, fillSections(await fs.readFile(file, 'utf8'), perf));
  }
  const dir = path.join(root, 'schemas');
  await fs.mkdir(dir, { recursive: true });
  for (const [name, schema] of Object.entries(jsonSchemas(registry))) {
    await fs.writeFile(path.join(dir, `${name}.schema.json`), JSON.stringify(schema, null, 2) + '\n');
  }
  process.stdout.write('README.md, docs/performance.md and schemas/ updated\n');
}

void run();
