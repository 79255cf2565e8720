/**
 * The ways gdp writes a stack give the same bytes: child processes (one per environment) and an
 * in-process build, on the bundled example and on a generated configuration of 100 tables; the stack
 * kept in memory for the output check is the file written; and positions of diagnostics found after a
 * file's syntax tree was released are those of the text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateProject } from '../../src/api';
import { ENVIRONMENT_NAMES } from '../../src/core/environment';
import { synthesizedStack } from '../../src/synth/cdk';
import { synthesize } from '../../src/synth/synthesize';
import { bundledConfiguration, compileFiles, readTreeText } from '../../src/testing';
import { ENVIRONMENTS_DIR, EXAMPLE_DIR, generated, synthesizeFolder, tempDir } from '../bench/helpers';

jest.setTimeout(180_000);

describe.each([
  ['the bundled example', () => EXAMPLE_DIR],
  ['a generated configuration of 100 tables', () => generated(100)],
])('stacks of %s', (_name, folder) => {
  it('are byte for byte the same from the synthesis processes and from an in-process build', async () => {
    // GIVEN a configuration WHEN synthesized by `gdp synth` (a process per environment) and in this process
    const configDir = folder();
    const inProcess = await synthesizeFolder(configDir);
    const compiled = await validateProject({ configDir, environmentsDir: ENVIRONMENTS_DIR, sqlCheck: false });
    const out = tempDir();
    await synthesize({ project: compiled.project!, environments: ENVIRONMENT_NAMES, outdir: out, source: { configDir, environmentsDir: ENVIRONMENTS_DIR } });
    const written = readTreeText(out);
    // THEN every stack is the same text
    for (const env of ENVIRONMENT_NAMES) {
      expect(written[`stacks/${env}/cdk.tf.json`]).toBe(inProcess.files[`${env}/stacks/${env}/cdk.tf.json`]);
    }
    expect(Object.keys(inProcess.files).filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(4);
  });
});

describe('the stack kept for the output check', () => {
  it('is the parsed file, value for value', async () => {
    // GIVEN the single resolve pass WHEN a stack is synthesized THEN the object kept is the written JSON
    const compiled = await validateProject({ configDir: EXAMPLE_DIR, environmentsDir: ENVIRONMENTS_DIR, environments: ['np'], sqlCheck: false });
    const { createApp, createEnvironmentStack, synthApp } = await import('../../src/synth/cdk');
    const { StackBuilder } = await import('../../src/synth/stack-builder');
    const out = tempDir();
    const app = createApp(out);
    const model = compiled.project!.environments.get('np')!;
    const scope = createEnvironmentStack(app, { name: 'np', projectId: model.env.project_id, region: model.env.region, backend: model.env.state });
    new StackBuilder(compiled.project!, model, scope).build();
    synthApp(app);
    const written = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'np', 'cdk.tf.json'), 'utf8')) as unknown;
    expect(synthesizedStack(scope)).toEqual(written);
  });
});

describe('diagnostics found after loading', () => {
  const text = (rel: string): string => fs.readFileSync(path.join(EXAMPLE_DIR, rel), 'utf8');
  /** 1-based line and column of the first occurrence of `needle`. */
  const where = (source: string, needle: string): { line: number; column: number } => {
    const before = source.slice(0, source.indexOf(needle)).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };

  it('are positioned on the text, although the syntax trees were released', () => {
    // GIVEN the bundled example with mistakes found after the files were loaded
    const sql = text('sql-scripts/sprocs/load_transactions.yaml').replace('tables["transactions_landing_v1"]', 'tables["transactions_landing_v2"]');
    const table = text('tables/orders_v1.yaml').replace('dataset: sales', 'dataset: salse');
    const result = compileFiles({ 'sql-scripts/sprocs/load_transactions.yaml': sql, 'tables/orders_v1.yaml': table }, { base: bundledConfiguration() });
    // WHEN compiled THEN each is at the line and column of the offending text
    const byCode = new Map(result.diagnostics.map((d) => [d.code, d]));
    expect(byCode.get('GDP308')).toMatchObject({ file: 'configuration/tables/orders_v1.yaml', ...where(table, 'salse') });
    expect(byCode.get('GDP301')).toMatchObject({ file: 'configuration/sql-scripts/sprocs/load_transactions.yaml', line: where(sql, 'transactions_landing_v2').line });
  });
});
