/** The independent floor: no gdp code, the same values as gdp's parser, the same stacks written. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filesUnder, parseConfigurations, parseFloorArgs, readStacks, runFloor, writeStacks } from '../../src/bench/independent-floor';
import { DiagnosticBag } from '../../src/core/diagnostics';
import { parseSource } from '../../src/core/source';
import { buildStacks } from '../../src/synth/build-stacks';
import { validateProject } from '../../src/api';
import { ENVIRONMENTS_DIR, generated, tempDir } from './helpers';

const SOURCE = path.join(__dirname, '..', '..', 'src', 'bench', 'independent-floor.ts');

describe('independent floor', () => {
  it('imports nothing of gdp: only Node built-ins and js-yaml', () => {
    const imports = [...fs.readFileSync(SOURCE, 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((m) => !m.startsWith('node:') && m !== 'js-yaml')).toEqual([]);
  });

  it('parses every YAML file of a generated configuration to the values gdp reads from them', () => {
    // GIVEN a small generated configuration
    const configDir = generated(40);
    const files = filesUnder(configDir, (n) => n.endsWith('.yaml'));
    // WHEN the floor parses it
    const values = parseConfigurations([configDir]);
    // THEN one value per file, each equal to gdp's own parse of the file
    expect(values).toHaveLength(files.length);
    const bag = new DiagnosticBag();
    files.forEach((f, i) => expect(values[i]).toEqual(parseSource(f, fs.readFileSync(f), bag)?.value));
    expect(bag.sorted()).toEqual([]);
    expect(runFloor({ configs: [configDir, configDir], copies: 1 })).toMatchObject({ files: 2 * files.length, stacks: 0, write_s: 0 });
  });

  it('writes the very stacks gdp wrote, as many times as asked, and reports the read-back apart', async () => {
    // GIVEN the dv and qa stacks gdp builds for a generated configuration
    const configDir = generated(20);
    const result = await validateProject({ configDir, environmentsDir: ENVIRONMENTS_DIR, environments: ['dv', 'qa'], sqlCheck: false });
    const stacksDir = tempDir('gdp-floor-stacks-');
    for (const env of ['dv', 'qa'] as const) buildStacks(result.project!, [env], path.join(stacksDir, env));
    const originals = filesUnder(stacksDir, (n) => n === 'cdk.tf.json').map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as unknown);
    expect(originals).toHaveLength(2);
    // WHEN the floor runs with two copies
    const out = path.join(tempDir('gdp-floor-out-'), 'copy');
    const report = runFloor({ configs: [configDir], stacks: stacksDir, out, copies: 2 });
    // THEN four files, each one of gdp's stacks, value for value
    const written = filesUnder(out, () => true).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as unknown);
    expect(report.stacks).toBe(4);
    expect(written).toEqual([originals[0], originals[1], originals[0], originals[1]]);
    expect(report.bytes).toBe(filesUnder(out, () => true).reduce((n, f) => n + fs.readFileSync(f, 'utf8').length, 0));
    expect(report.readback_cpu_s).toBeGreaterThanOrEqual(0);
    expect(readStacks(stacksDir)).toEqual(originals);
    expect(writeStacks([], out, 3)).toEqual({ files: 0, bytes: 0 });
  });

  it('checks its command line', () => {
    expect(parseFloorArgs(['--config', 'a', '--config', 'b', '--stacks', 's', '--out', 'o', '--copies', '2'])).toEqual({ configs: ['a', 'b'], stacks: 's', out: 'o', copies: 2 });
    expect(() => parseFloorArgs([])).toThrow('at least one --config');
    expect(() => parseFloorArgs(['--config', 'a', '--stacks', 's'])).toThrow('--stacks and --out go together');
    expect(() => parseFloorArgs(['--config', 'a', '--copies', '0'])).toThrow('--copies');
    expect(() => parseFloorArgs(['--config'])).toThrow('--config needs a value');
    expect(() => parseFloorArgs(['--frob', 'x'])).toThrow('unknown option --frob');
  });
});
