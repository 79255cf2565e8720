/**
 * Golden files, reviewed by eye when they change: the bundled example's dv stack, and the stacks of the
 * users' seed files (../shared/seed-examples) in every environment, which must stay byte for byte what
 * their users deploy today. The logic is tested elsewhere property by property; these catch unreviewed
 * changes to the whole output. Update after a deliberate change: UPDATE_GOLDEN=1 npx jest test/synth/golden
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../src/core/environment';
import { bundledConfiguration, readFolder, SEED_CONFIG } from '../../src/testing';
import { buildStacks } from '../../src/synth/build-stacks';
import { compileClean, synthOne, tempDir } from './helpers';

function expectGolden(file: string, stack: unknown): void {
  const text = JSON.stringify(stack, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}

describe('golden dv stack of the bundled example', () => {
  it('matches the reviewed file', () => {
    const project = compileClean({}, { base: bundledConfiguration(), environments: ['dv'] });
    expectGolden(path.join(__dirname, 'golden', 'dv.cdk.tf.json'), synthOne(project, 'dv'));
  });
});

describe('golden stacks of the users’ seed files', () => {
  it.each(ENVIRONMENT_NAMES)('%s is byte for byte the reviewed file', (env: EnvironmentName) => {
    const project = compileClean({}, { base: readFolder(SEED_CONFIG, 'configuration'), environments: [env] });
    const out = tempDir();
    buildStacks(project, [env], out);
    const text = fs.readFileSync(path.join(out, 'stacks', env, 'cdk.tf.json'), 'utf8');
    const golden = path.join(__dirname, 'golden', 'seed', `${env}.cdk.tf.json`);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, text);
    expect(text).toBe(fs.readFileSync(golden, 'utf8'));
  });
});
