/**
 * Output identity of the speed measures (src/core/speed.ts, docs/performance.md): with any one measure
 * turned off, or all of them, gdp writes exactly the same Terraform and reports exactly the same
 * diagnostics, on the bundled example and on a generated configuration of 100 tables.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SPEED_MEASURES, setAllSpeedMeasures, setSpeedMeasure, type SpeedMeasure } from '../../src/core/speed';
import { stateBackend } from '../../src/core/environment-files';
import { buildStacks } from '../../src/synth/build-stacks';
import { synthesizedStack } from '../../src/synth/cdk';
import { validateProject } from '../../src/api';
import { bundledConfiguration, compileFiles } from '../helpers';
import { ENVIRONMENTS_DIR, EXAMPLE_DIR, generated, synthesizeFolder, tempDir, type Synthesized } from './helpers';

jest.setTimeout(180_000);

const MEASURES = Object.keys(SPEED_MEASURES) as SpeedMeasure[];

afterEach(() => setAllSpeedMeasures(undefined));

/** Synthesizes with every measure on except those given. */
async function withOff(configDir: string, off: readonly SpeedMeasure[]): Promise<Synthesized> {
  setAllSpeedMeasures(true);
  for (const m of off) setSpeedMeasure(m, false);
  try {
    return await synthesizeFolder(configDir);
  } finally {
    setAllSpeedMeasures(undefined);
  }
}

describe.each([
  ['the bundled example', () => EXAMPLE_DIR],
  ['a generated configuration of 100 tables', () => generated(100)],
])('speed measures on %s', (_name, folder) => {
  let configDir: string;
  let allOn: Synthesized;

  beforeAll(async () => {
    configDir = folder();
    allOn = await withOff(configDir, []);
  });

  it('write every stack of every environment', () => {
    // GIVEN every measure on WHEN synthesized THEN four stacks and their manifests are written
    const stacks = Object.keys(allOn.files).filter((f) => f.endsWith('cdk.tf.json'));
    expect(stacks).toEqual(['dv/stacks/dv/cdk.tf.json', 'qa/stacks/qa/cdk.tf.json', 'np/stacks/np/cdk.tf.json', 'pd/stacks/pd/cdk.tf.json']);
    expect(Object.keys(allOn.files)).toHaveLength(8);
  });

  it('change nothing when all of them are off', async () => {
    // GIVEN every measure off WHEN synthesized THEN byte-identical files and the same diagnostics
    const allOff = await withOff(configDir, MEASURES);
    expect(allOff.files).toEqual(allOn.files);
    expect(allOff.diagnostics).toEqual(allOn.diagnostics);
  });

  it.each(MEASURES)('change nothing when %s alone is off', async (measure) => {
    // GIVEN one measure off WHEN synthesized THEN byte-identical files and the same diagnostics
    const oneOff = await withOff(configDir, [measure]);
    expect(oneOff.files).toEqual(allOn.files);
    expect(oneOff.diagnostics).toEqual(allOn.diagnostics);
  });
});

describe('speed measures and diagnostics', () => {
  /** Mistakes whose diagnostics are positioned after a file was loaded (released syntax trees). */
  const BROKEN: Record<string, string> = {
    // An unknown reference in a SQL body: GDP301 with a did-you-mean over the declared tables.
    'sql-scripts/sprocs/load_transactions.yaml': fs
      .readFileSync(path.join(EXAMPLE_DIR, 'sql-scripts/sprocs/load_transactions.yaml'), 'utf8')
      .replace('tables["transactions_landing_v1"]', 'tables["transactions_landing_v2"]'),
    // A field reference to nothing: GDP308.
    'tables/orders_v1.yaml': fs.readFileSync(path.join(EXAMPLE_DIR, 'tables/orders_v1.yaml'), 'utf8').replace('dataset: sales', 'dataset: salse'),
    // A reference naming a kind, not an entity: GDP303 with the declared names in its hint.
    'triggers/schedulers/daily_orders.yaml': fs
      .readFileSync(path.join(EXAMPLE_DIR, 'triggers/schedulers/daily_orders.yaml'), 'utf8')
      .replace('${workflows.daily_orders.trigger_url}', '${workflows}'),
    // A duplicate generated name: GDP406 (positions taken after loading).
    'tables/orders_copy_v1.yaml': fs.readFileSync(path.join(EXAMPLE_DIR, 'tables/orders_v1.yaml'), 'utf8').replace('table_id: orders', 'table_id: orders_copy'),
  };

  it.each(MEASURES)('are the same with %s off', (measure) => {
    // GIVEN the bundled example with mistakes WHEN compiled with every measure on, then with one off
    setAllSpeedMeasures(true);
    const on = compileFiles(BROKEN, { base: bundledConfiguration() }).diagnostics;
    setSpeedMeasure(measure, false);
    const off = compileFiles(BROKEN, { base: bundledConfiguration() }).diagnostics;
    // THEN the same diagnostics, positions included
    expect(on.map((d) => d.code)).toEqual(expect.arrayContaining(['GDP301', 'GDP303', 'GDP308']));
    expect(off).toEqual(on);
  });
});

describe('the output check in memory (CHECK_IN_MEMORY)', () => {
  it('counts the same resources as the file read back', async () => {
    // GIVEN a generated configuration WHEN each environment is checked in memory, then from the file
    const compiled = await validateProject({ configDir: generated(40), environmentsDir: ENVIRONMENTS_DIR, sqlCheck: false });
    const out = tempDir();
    for (const env of ['dv', 'pd'] as const) {
      setSpeedMeasure('CHECK_IN_MEMORY', true);
      const [inMemory] = buildStacks(compiled.project!, [env], path.join(out, `${env}-memory`));
      setSpeedMeasure('CHECK_IN_MEMORY', false);
      const [fromFile] = buildStacks(compiled.project!, [env], path.join(out, `${env}-file`));
      // THEN the same counts
      expect(Object.values(inMemory.resourceCounts).reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
      expect(inMemory.resourceCounts).toEqual(fromFile.resourceCounts);
    }
  });

  it('is the parsed file, value for value', async () => {
    // GIVEN the single resolve pass WHEN a stack is synthesized THEN the object kept is the written JSON
    setAllSpeedMeasures(true);
    const compiled = await validateProject({ configDir: EXAMPLE_DIR, environmentsDir: ENVIRONMENTS_DIR, environments: ['np'], sqlCheck: false });
    const { createApp, createEnvironmentStack, synthApp } = await import('../../src/synth/cdk');
    const { StackBuilder } = await import('../../src/synth/stack-builder');
    const out = tempDir();
    const app = createApp(out);
    const model = compiled.project!.environments.get('np')!;
    const scope = createEnvironmentStack(app, { name: 'np', projectId: model.env.project_id, region: model.env.region, backend: stateBackend(model.env) });
    new StackBuilder(compiled.project!, model, scope).build();
    synthApp(app);
    const written = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'np', 'cdk.tf.json'), 'utf8')) as unknown;
    expect(synthesizedStack(scope)).toEqual(written);
  });
});
