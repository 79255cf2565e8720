/**
 * Golden file: the bundled example's dv stack, reviewed by eye when it changes. The logic is tested
 * elsewhere property by property; this catches unreviewed changes to the whole output.
 * Update after a deliberate change: UPDATE_GOLDEN=1 npx jest test/synth/golden
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledConfiguration } from '../../src/testing';
import { compileClean, synthOne } from './helpers';

const GOLDEN = path.join(__dirname, 'golden', 'dv.cdk.tf.json');

describe('golden dv stack of the bundled example', () => {
  it('matches the reviewed file', () => {
    const project = compileClean({}, { base: bundledConfiguration(), environments: ['dv'] });
    const text = JSON.stringify(synthOne(project, 'dv'), null, 2) + '\n';
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, text);
    expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });
});
