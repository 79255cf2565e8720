/** The README's generated sections and the committed JSON Schemas must match the code. */
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { createRegistry } from '../src/api';
import { jsonSchemas } from '../src/core/json-schema';
import { fillSections, generatedSections } from '../src/docs/generate';
import { loadSqlSection, README_LOAD } from '../src/docs/load-example';
import { bundledConfiguration, compileFiles, ROOT } from '../src/testing';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('documentation', () => {
  it('README generated sections are up to date (run `npm run docs`)', () => {
    const { project } = compileFiles({}, { base: bundledConfiguration() });
    const loadYaml = readFileSync(path.join(ROOT, 'configuration', 'loads', `${README_LOAD}.yaml`), 'utf8');
    const sections = generatedSections(createRegistry(), { 'load-sql': loadSqlSection(project, loadYaml) });
    expect(fillSections(readme, sections)).toBe(readme);
  });

  it('lists every diagnostic code in the README', () => {
    const missing = createRegistry().codes.all().map((c) => c.code).filter((c) => !readme.includes(`| ${c} |`));
    expect(missing).toEqual([]);
  });

  it('documents every registered module type in the README', () => {
    for (const m of createRegistry().all()) expect(readme).toContain(`### \`${m.kind}\``);
  });

  it('committed JSON Schemas match the zod schemas (run `npm run docs`)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas(createRegistry()))) {
      const file = path.join(ROOT, 'schemas', `${name}.schema.json`);
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(schema);
    }
  });
});
