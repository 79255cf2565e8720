import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { createRegistry, validateProject } from '../api';
import { cli } from '../testing/cli';
import { examplePath, GDP_PACKAGE_ROOT, initFiles, installedFor } from './init-files';
import { appFromFolder, initProject, InitError } from './init-project';
import { tempDir } from '../testing';

let tmp: string;
beforeEach(() => {
  tmp = tempDir('gdp-init-');
});

/** Every file under a folder with its content, for before/after comparisons. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, rel);
    if (fs.statSync(full).isFile()) out[rel.split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
  }
  return out;
}


describe('gdp init', () => {
  it('writes one example per registered module type, and the repository validates without errors', async () => {
    const dir = path.join(tmp, 'repo');
    const registry = createRegistry();
    const result = initProject({ dir, app: 'acme' }, registry);
    expect(result.kept).toEqual([]);
    for (const m of registry.all()) expect(result.written).toContain(examplePath(m));
    const examples = result.written.filter((f) => f.startsWith('configuration/') && f.endsWith('.yaml'));
    expect(examples).toHaveLength(registry.all().length);
    const validated = await validateProject({ configDir: path.join(dir, 'configuration'), environmentsDir: path.join(dir, 'environments'), sqlCheck: false, projectDir: dir });
    expect(validated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validated.project!.all('tables').map((t) => t.name)).toEqual(['orders_v2']);
  });

  it('writes examples that validate with the longest app name init accepts, with no warning about a missing declaration', async () => {
    const dir = path.join(tmp, 'long-app');
    initProject({ dir, app: 'abcdefghijkl' }, createRegistry());
    const validated = await validateProject({ configDir: path.join(dir, 'configuration'), environmentsDir: path.join(dir, 'environments'), sqlCheck: true, projectDir: dir });
    expect(validated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validated.diagnostics.map((d) => d.code)).not.toContain('GDP627');
  });

  it('gives every environment its own state bucket and prefix, and project ids from the prefix', async () => {
    const dir = path.join(tmp, 'repo');
    initProject({ dir, app: 'shop', projectPrefix: 'shop-dwh', region: 'us-central1' }, createRegistry());
    const envs = ['dv', 'qa', 'np', 'pd'].map((e) => JSON.parse(fs.readFileSync(path.join(dir, 'environments', `${e}.json`), 'utf8')) as Record<string, unknown>);
    const backends = envs.map((e) => JSON.stringify(e.state));
    expect(new Set(backends).size).toBe(4);
    expect(envs.map((e) => e.project_id)).toEqual(['shop-dwh-dv', 'shop-dwh-qa', 'shop-dwh-np', 'shop-dwh-pd']);
    expect(envs.map((e) => [e.region, e.bigquery_location, e.app_name])).toEqual(Array(4).fill(['us-central1', 'US', 'shop']));
    const validated = await validateProject({ configDir: path.join(dir, 'configuration'), environmentsDir: path.join(dir, 'environments'), sqlCheck: false, projectDir: dir });
    expect(validated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('with --empty writes no examples, and the empty repository validates', async () => {
    const dir = path.join(tmp, 'repo');
    const result = initProject({ dir, app: 'acme', empty: true }, createRegistry());
    expect(result.written.filter((f) => f.startsWith('configuration/'))).toEqual(['configuration/README.md']);
    const validated = await validateProject({ configDir: path.join(dir, 'configuration'), environmentsDir: path.join(dir, 'environments'), sqlCheck: false, projectDir: dir });
    expect(validated.diagnostics).toEqual([]);
  });

  it('maps every module folder and the environments to a JSON Schema file that exists', () => {
    const dir = path.join(tmp, 'repo');
    const registry = createRegistry();
    initProject({ dir, app: 'acme' }, registry);
    const settings = JSON.parse(fs.readFileSync(path.join(dir, '.vscode/settings.json'), 'utf8')) as {
      'yaml.schemas': Record<string, string>;
      'json.schemas': { url: string }[];
    };
    expect(Object.values(settings['yaml.schemas']).sort()).toEqual(registry.all().map((m) => `configuration/${m.folder}/*.yaml`).sort());
    for (const schema of [...Object.keys(settings['yaml.schemas']), settings['json.schemas'][0].url]) expect(fs.existsSync(path.join(dir, schema))).toBe(true);
    const dv = JSON.parse(fs.readFileSync(path.join(dir, 'environments/dv.json'), 'utf8')) as { $schema: string };
    expect(fs.existsSync(path.join(dir, 'environments', dv.$schema))).toBe(true);
  });

  it('with --ci github writes the validate and plan workflows and the pre-commit hook', () => {
    const dir = path.join(tmp, 'repo');
    initProject({ dir, app: 'acme', ci: 'github' }, createRegistry());
    const steps = (file: string): string[] => {
      const workflow = parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
      return Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ? [s.run] : [])));
    };
    expect(steps('.github/workflows/gdp-validate.yml')).toEqual(expect.arrayContaining(['npx gdp validate']));
    expect(steps('.github/workflows/gdp-plan.yml').some((r) => r.includes('npx gdp plan --base'))).toBe(true);
    expect(steps('.github/workflows/gdp-plan.yml').some((r) => r.includes('npm run build'))).toBe(false);
    const hooks = parse(fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8')) as { repos: { hooks: { entry: string }[] }[] };
    expect(hooks.repos[0].hooks[0].entry).toBe('npx --no-install gdp validate');
  });

  it('gives users the plan workflow gdp runs on itself, with npm ci and without the build step', () => {
    const own = fs.readFileSync(path.join(GDP_PACKAGE_ROOT, '.github/workflows/plan.yml'), 'utf8');
    const template = fs.readFileSync(path.join(GDP_PACKAGE_ROOT, 'templates/init/gdp-plan.yml'), 'utf8');
    // gdp installs from source (its lock file comes from a registry mirror `npm ci` refuses) and builds itself;
    // a user's repository installs its locked gdp with `npm ci`. Every other line is the same.
    const ownInstall = /^ {6}# Installs like \.ci\/run:.*\n {6}- run: npm install --no-save --no-audit --no-fund\n {6}- run: npm run build\n/m;
    expect(own).toMatch(ownInstall);
    expect(template).toBe(own.replace(ownInstall, '      - run: npm ci\n').replace('See docs/plan.md.', "See docs/plan.md in gdp's repository."));
  });

  it('keeps files that exist, names them, and writes the others', async () => {
    const dir = path.join(tmp, 'repo');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'mine\n/node_modules\n*.tfstate\n');
    const { code, stdout, stderr } = await cli(['init', '--dir', dir, '--app', 'acme']);
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('mine\n/node_modules\n*.tfstate\n');
    expect(stderr).toContain(`add to ${path.relative(process.cwd(), dir)}/.gitignore: cdktf.out/ .gen/ *.tfstate.backup plan.md .gdp-cache/\n`);
    expect(stderr).toContain(`kept these files as they are (gdp init never overwrites)`);
    expect(stderr).toContain(`${path.relative(process.cwd(), dir)}/.gitignore`);
    expect(stdout).not.toContain('.gitignore');
    expect(fs.existsSync(path.join(dir, 'cdktf.json'))).toBe(true);
  });

  it('changes nothing in a folder that already has configuration/, and names the files it kept', async () => {
    const dir = path.join(tmp, 'repo');
    fs.mkdirSync(path.join(dir, 'configuration', 'datasets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'configuration', 'datasets', 'sales.yaml'), 'description: mine\n');
    fs.writeFileSync(path.join(dir, 'cdktf.json'), '{"app": "mine"}\n');
    const before = tree(dir);
    const { code, stdout, stderr } = await cli(['init', '--dir', dir, '--app', 'acme']);
    expect(tree(dir)).toEqual(before);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const rel = path.relative(process.cwd(), dir);
    expect(stderr).toBe(
      `gdp init: ${rel}/configuration/ exists already, so ${rel} holds a gdp project: nothing was written. Kept as they are:\n  ${rel}/cdktf.json\n  ${rel}/configuration/datasets/sales.yaml\n`,
    );
  });

  it('refuses bad options, all of them at once, before writing anything', async () => {
    const dir = path.join(tmp, 'repo');
    const { code, stderr } = await cli(['init', '--dir', dir, '--app', 'Acme_Corp', '--project-prefix', 'a-very-long-project-prefix-x', '--region', 'europe']);
    expect(code).toBe(2);
    expect(stderr.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  --app "Acme_Corp" is not an app name: use 2–12 lowercase letters or digits, starting with a letter (e.g. acme)',
      '  --project-prefix "a-very-long-project-prefix-x" makes project id "a-very-long-project-prefix-x-dv", which is not a GCP project id (6–30 lowercase letters, digits or hyphens, starting with a letter); use at most 27 such characters',
      '  --region "europe" is not a GCP region such as europe-west4 or us-central1',
    ]);
    expect(fs.existsSync(dir)).toBe(false);
    expect(() => initProject({ dir, app: 'acme', ci: 'gitlab' }, createRegistry())).toThrow(InitError);
  });

  it('uses relative paths to gdp when the repository finds it in a node_modules folder, its own or a parent folder’s', () => {
    expect(installedFor('/r', '/r/node_modules/gdp')).toBe(true);
    expect(installedFor('/r/warehouse', '/r/node_modules/gdp')).toBe(true);
    expect(installedFor('/r', '/other/node_modules/gdp')).toBe(false);
    expect(installedFor('/r', '/home/me/gdp')).toBe(false);
    const choices = { app: 'acme', projectPrefix: 'acme-data', region: 'europe-west4', empty: true };
    const inParent = initFiles(choices, { projectDir: path.resolve('/r/warehouse'), packageRoot: path.resolve('/r/node_modules/gdp'), registry: createRegistry() });
    expect((JSON.parse(inParent['cdktf.json']) as { app: string }).app).toBe('node ../node_modules/gdp/dist/synth/cdktf-app.js');
    const elsewhere = initFiles(choices, { projectDir: path.resolve('/r'), packageRoot: path.resolve('/home/me/gdp'), registry: createRegistry() });
    expect((JSON.parse(elsewhere['cdktf.json']) as { app: string }).app).toBe(`node ${path.resolve('/home/me/gdp/dist/synth/cdktf-app.js')}`);
    // Schemas the repository cannot reach through node_modules are written into it.
    expect(Object.keys(elsewhere).filter((f) => f.startsWith('schemas/'))).toContain('schemas/table.schema.json');
  });

  it('derives the app name from the folder name, or asks for --app', () => {
    expect(appFromFolder('/x/My-Data_Repo')).toBe('mydatarepo');
    expect(appFromFolder('/x/2024-warehouse-of-data')).toBe('warehouseofd');
    expect(appFromFolder('/x/__')).toBeUndefined();
    expect(() => initProject({ dir: path.join(tmp, '__') }, createRegistry())).toThrow(/pass --app NAME/);
  });
});
