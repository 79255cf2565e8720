/**
 * `gdp new module`: the scaffold works untouched, as a package listed in a project's gdp.config.yaml and
 * in a copy of gdp's own tree, and it refuses to overwrite anything.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, tempDir } from '../../src/testing';
import { buildPlugin, gdp, pluginProject } from './project';

jest.setTimeout(300_000);

describe('gdp new module widget --package DIR', () => {
  let project: string;
  let scaffold: string;

  beforeAll(() => {
    project = pluginProject();
    scaffold = path.join(tempDir('gdp-scaffold-'), 'widget');
    const run = gdp(project, 'new', 'module', 'widget', '--package', scaffold);
    expect(run).toMatchObject({ status: 0, stderr: '' });
  });

  it('writes a package whose own test passes untouched', () => {
    // GIVEN the package with gdp and the provider bindings installed beside it
    const built = buildPlugin(project, scaffold, 'widget');
    // WHEN its test runs (node:test over the compiled test) THEN it passes
    const run = spawnSync(process.execPath, ['--test', path.join(built, 'dist')], { cwd: built, encoding: 'utf8' });
    expect(run.stdout).toMatch(/# pass 1\n# fail 0/);
    expect(run.status).toBe(0);
  });

  it('validates, synthesizes and has a JSON Schema once a project lists it', () => {
    // GIVEN the project lists the package and has its example file
    fs.writeFileSync(path.join(project, 'gdp.config.yaml'), 'plugins:\n  - ./plugins/widget\n');
    fs.cpSync(path.join(scaffold, 'example', 'configuration'), path.join(project, 'configuration'), { recursive: true });
    // WHEN validated, synthesized and the schemas written THEN the widget is in each
    expect(gdp(project, 'validate', '--no-sql-check')).toMatchObject({ status: 0 });
    expect(gdp(project, 'synth', '--env', 'all')).toMatchObject({ status: 0 });
    const stack = fs.readFileSync(path.join(project, 'cdktf.out', 'stacks', 'np', 'cdk.tf.json'), 'utf8');
    expect(JSON.parse(stack).resource.google_pubsub_topic.widget_example.name).toBe('acme-wid-example-ew4-np');
    expect(gdp(project, 'schema', '--out', 'schemas')).toMatchObject({ status: 0 });
    expect(fs.existsSync(path.join(project, 'schemas', 'widget.schema.json'))).toBe(true);
  });

  it('refuses to write over an existing package, naming the files', () => {
    const run = gdp(project, 'new', 'module', 'widget', '--package', scaffold);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nothing was written: these files exist already');
    expect(run.stderr).toContain('package.json');
  });

  it('refuses a kind a built-in module type has', () => {
    const run = gdp(project, 'new', 'module', 'table', '--package', path.join(tempDir(), 't'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('module type "table" already uses the kind, folder or namespace of "table"');
  });
});

describe('gdp new module widget, in gdp’s own tree', () => {
  it('registers a module type whose test passes untouched', () => {
    // GIVEN a copy of gdp's sources
    const tree = tempDir('gdp-tree-');
    fs.mkdirSync(path.join(tree, 'test'));
    for (const part of ['src', 'templates', 'configuration', 'environments', 'package.json', 'tsconfig.json', 'jest.config.js']) {
      fs.cpSync(path.join(ROOT, part), path.join(tree, part), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'));
    // WHEN the module type is scaffolded there
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'gdp.js'), 'new', 'module', 'widget'], { cwd: tree, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('src/modules/index.ts');
    // THEN it is registered, type-checks, and its own test passes
    expect(fs.readFileSync(path.join(tree, 'src', 'modules', 'index.ts'), 'utf8')).toContain("import { widgetModule } from './widget';");
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', tree], { encoding: 'utf8' });
    expect(tsc.stdout).toBe('');
    const jest = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--rootDir', tree, 'src/modules/widget'], { cwd: tree, encoding: 'utf8' });
    expect(jest.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    // AND the repository's lint rules accept it (provider config types are imported with `import type`)
    fs.cpSync(path.join(ROOT, 'eslint.config.mjs'), path.join(tree, 'eslint.config.mjs'));
    const lint = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src/modules/widget'], { cwd: tree, encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });
});
