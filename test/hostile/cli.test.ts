import * as fs from 'node:fs';
import * as path from 'node:path';
import { gdpVersion } from '../../src/cli/main';
import { cli } from '../../src/testing/cli';
import { rejectRepeatedOptions } from '../../src/cli/options';
import { ENVIRONMENTS_DIR, SALES, tempDir, writeFiles } from '../synth/helpers';
import { ROOT } from '../../src/testing';

function config(): string {
  const dir = tempDir('gdp-cli-');
  writeFiles(dir, { 'datasets/sales.yaml': SALES });
  return dir;
}

describe('hostile input: the command line', () => {
  it('rejects a mistyped option before writing anything', async () => {
    const out = path.join(tempDir(), 'cdktf.out');
    const run = await cli(['synth', '--config', config(), '--environments', ENVIRONMENTS_DIR, '--out', out, '--env', 'pd', '--enviroments', 'envs-prod', '--no-sql-check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown argument: enviroments');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('rejects a single-valued option given twice, naming both values', async () => {
    const run = await cli(['validate', '--config', config(), '--environments', ENVIRONMENTS_DIR, '--env', 'dv', '--env', 'pd', '--no-sql-check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--env is given 2 times (dv, pd); give it once');
  });

  it('keeps repeatable options repeatable', async () => {
    const run = await cli(['plan', '--base', 'x', '--allow-data-loss', 'a', '--allow-data-loss', 'b', '--env', 'dv', '--config', '/nonexistent-gdp']);
    expect(run.stderr).not.toContain('give it once');
  });

  it('lets every option declared as a list repeat, and never reports an option given 0 times', async () => {
    const twice = await cli(['verify', 'pd', '--endpoint', 'bigquery=http://127.0.0.1:1', '--endpoint', 'bigqery=http://x']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).not.toContain('give it once');
    expect(twice.stderr).toContain('--endpoint "bigqery=http://x": write <service>=<url>');
    // An empty list (a list option not given, or given without a value) is not a repetition.
    expect(rejectRepeatedOptions({ endpoint: [], env: 'dv' }, { array: [] })).toBe(true);
    expect(() => rejectRepeatedOptions({ env: ['dv', 'pd'] }, { array: ['endpoint'] })).toThrow('--env is given 2 times (dv, pd); give it once');
  });

  it('takes --no-sql-check and --format on validate, synth and plan alike', async () => {
    const common = ['--config', config(), '--environments', ENVIRONMENTS_DIR, '--env', 'dv', '--no-sql-check', '--format', 'json'];
    const validate = await cli(['validate', ...common]);
    const synth = await cli(['synth', ...common, '--out', path.join(tempDir(), 'out')]);
    const plan = await cli(['plan', ...common, '--base', path.join(ROOT, 'configuration')]);
    for (const run of [validate, synth, plan]) {
      expect(run.stderr).not.toContain('Unknown argument');
      expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    }
    expect(validate.code).toBe(0);
    expect(synth.code).toBe(0);
    expect(JSON.parse(synth.stdout)).toMatchObject({ valid: true, written: true, stacks: { dv: {} } });
  });

  it('reports an --out that is a file as a usage error of schema and synth, not as a bug', async () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    const schema = await cli(['schema', '--out', file]);
    expect(schema.code).toBe(2);
    expect(schema.stderr).toContain('error GDP702');
    expect(schema.stderr).not.toContain('internal error');
    const synth = await cli(['synth', '--config', config(), '--environments', ENVIRONMENTS_DIR, '--out', file, '--format', 'json']);
    expect(synth.code).toBe(2);
    expect(JSON.parse(synth.stdout)).toMatchObject({ valid: false, diagnostics: [{ code: 'GDP702' }] });
  });

  it('prints the version of package.json', async () => {
    const run = await cli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(gdpVersion()).toBe(run.stdout.trim());
  });

  it('keeps stdout one JSON document for usage errors with --format json', async () => {
    const run = await cli(['validate', '--format', 'json', '--bogus']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: false, diagnostics: [{ code: 'GDP409' }] });
  });
});
