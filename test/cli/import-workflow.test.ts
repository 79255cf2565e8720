/** `gdp import workflow` on real files, and what `gdp validate` says of a native file. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../../src/testing/cli';
import { brief, compileFiles, tempDir } from '../../src/testing';


const NATIVE = [
  '# Says hello.',
  'main:',
  '  params: [args]',
  '  steps:',
  '    - hello:',
  '        assign:',
  '          - m: {}',
  '          - m[args.key]: "${args.name}"   # dynamic key',
  '          - ${"k"}: 2.0',
  '    - done:',
  '        return: ${m}',
  'helper:',
  '  params: [a, b: 1]',
  '  steps:',
  '    - back:',
  '        return: ${a + b}',
  '',
].join('\n');

describe('gdp import workflow', () => {
  it('prints the gdp workflow file: every expression escaped (keys too), comments, quotes and doubles kept', async () => {
    const dir = tempDir('gdp-import-');
    const file = path.join(dir, 'say-hello.yaml');
    fs.writeFileSync(file, NATIVE);
    // No workflow file in the configuration folder yet: steps keep the native form.
    const run = await cli(['import', 'workflow', file, '--config', path.join(dir, 'configuration')]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      [
        '# Says hello.',
        '',
        'workflow_name: say_hello',
        'params: [ args ]',
        'steps:',
        '  - hello:',
        '      assign:',
        '        - m: {}',
        '        - m[args.key]: "$${args.name}" # dynamic key',
        '        - $${"k"}: 2.0',
        '  - done:',
        '      return: $${m}',
        'subworkflows:',
        '  helper:',
        '    params: [ a, { b: 1 } ]',
        '    steps:',
        '      - back:',
        '          return: $${a + b}',
        '',
      ].join('\n'),
    );
    // The result is a valid gdp file.
    expect(brief(compileFiles({ 'workflows/say_hello.yaml': run.stdout }).diagnostics)).toEqual([]);
  });

  it('writes into the configuration folder with --write, and refuses to overwrite', async () => {
    const dir = tempDir('gdp-import-');
    const file = path.join(dir, 'flow.yaml');
    fs.writeFileSync(file, '- done:\n    return: ${1 + 1}\n');
    const config = path.join(dir, 'configuration');
    const first = await cli(['import', 'workflow', file, '--name', 'my_flow', '--write', '--config', config]);
    const target = path.join(config, 'workflows', 'my_flow.yaml');
    expect(first).toMatchObject({ code: 0, stdout: `gdp: wrote ${target}\n` });
    expect(fs.readFileSync(target, 'utf8')).toBe('workflow_name: my_flow\nsteps:\n  - done:\n      return: $${1 + 1}\n');
    fs.writeFileSync(target, 'mine\n');
    const second = await cli(['import', 'workflow', file, '--name', 'my_flow', '--write', '--config', config]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`${target}:1:1: error GDP612: ${target} exists; gdp does not overwrite it`);
    expect(fs.readFileSync(target, 'utf8')).toBe('mine\n');
  });

  it('writes steps in the form the project’s other workflow files use, unless --form says', async () => {
    const dir = tempDir('gdp-import-');
    const file = path.join(dir, 'flow.yaml');
    fs.writeFileSync(file, '- done:\n    return: 1\n');
    const config = path.join(dir, 'configuration');
    fs.mkdirSync(path.join(config, 'workflows'), { recursive: true });
    fs.writeFileSync(path.join(config, 'workflows', 'other.yaml'), 'workflow_name: other\nsteps:\n  - name: a\n    return: 1\n');
    expect((await cli(['import', 'workflow', file, '--config', config])).stdout).toBe('workflow_name: flow\nsteps:\n  - name: done\n    return: 1\n');
    expect((await cli(['import', 'workflow', file, '--config', config, '--form', 'native'])).stdout).toBe('workflow_name: flow\nsteps:\n  - done:\n      return: 1\n');
  });

  it('refuses what is not a Cloud Workflows definition, at its position, and bad names', async () => {
    const dir = tempDir('gdp-import-');
    const gdp = path.join(dir, 'gdp.yaml');
    fs.writeFileSync(gdp, 'workflow_name: x\nsteps:\n  - a:\n      return: 1\n');
    const notNative = await cli(['import', 'workflow', gdp]);
    expect(notNative.code).toBe(1);
    expect(notNative.stderr).toContain("error GDP611: this file is already in gdp's workflow format");
    const odd = path.join(dir, 'odd.yaml');
    fs.writeFileSync(odd, 'main:\n  steps: []\n  vars: 1\n');
    expect((await cli(['import', 'workflow', odd])).stderr).toContain(`${odd}:3:3: error GDP611: main may only hold params and steps, but it holds "vars"`);
    expect((await cli(['import', 'workflow', odd, '--name', 'a-b'])).stderr).toContain('"a-b" cannot be a workflow_name');
    expect((await cli(['import', 'workflow', path.join(dir, 'missing.yaml')])).stderr).toContain('error GDP112: cannot read');
  });
});

describe('gdp validate on a native Cloud Workflows file', () => {
  it('points at gdp import workflow for a file with main:', () => {
    const result = compileFiles({ 'workflows/native.yaml': NATIVE });
    const main = result.diagnostics.find((d) => d.code === 'GDP201')!;
    expect(brief([main])).toEqual(['GDP201 configuration/workflows/native.yaml:2:1']);
    expect(main.hint).toContain('gdp import workflow FILE --write');
  });

  it('points at gdp import workflow for a bare list of steps', () => {
    const result = compileFiles({ 'workflows/native.yaml': '- done:\n    return: 1\n' });
    expect(brief(result.diagnostics)).toEqual(['GDP110 configuration/workflows/native.yaml:1:1']);
    expect(result.diagnostics[0].hint).toContain('gdp import workflow FILE');
  });
});
