/**
 * gdp as users get it: `npm pack`, installed into an empty project, then `npx gdp init`, validate, synth
 * and `npx cdktf synth` there. Relies on dist/ being built (`npm test` builds before jest). Installs once
 * per run (about a minute, from npm's cache: no network).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, tempDir } from '../../src/testing';
import { writeProjectWithGdp } from './lockfile';

const MINUTE = 60_000;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Fails with the command's output when it did not exit 0. */
function ok(r: Run): Run {
  if (r.status !== 0) throw new Error(`exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r;
}

/** Every file under a folder with its size and modification time. */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => {
      const s = fs.lstatSync(path.join(dir, rel));
      return `${rel} ${s.size} ${s.mtimeMs}`;
    })
    .sort();
}

let project: string;
let installed: string;
let installedBefore: string[];

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is not built: run npm run build (npm test does) first');
  const tmp = tempDir('gdp-package-');
  // The package is built already: --ignore-scripts skips the prepack build.
  const packed = ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT));
  const tarball = path.join(tmp, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
  project = path.join(tmp, 'acme-data');
  fs.mkdirSync(project);
  writeProjectWithGdp(project, ROOT, tarball);
  ok(run('npm', ['install', '--offline', '--no-audit', '--no-fund'], project));
  installed = path.join(project, 'node_modules', 'gdp');
  installedBefore = listing(installed);
}, 10 * MINUTE);

describe('the packed gdp in a fresh project', () => {
  it('ships the CLI, the library with types, the templates and schemas, and nothing only tests need', () => {
    for (const f of ['bin/gdp.js', 'dist/index.js', 'dist/index.d.ts', 'dist/synth/cdktf-app.js', 'templates/load/merge.sql.hbs', 'schemas/table.schema.json', 'CHANGELOG.md']) {
      expect(fs.existsSync(path.join(installed, f))).toBe(true);
    }
    for (const f of ['src', 'test', 'dist/bench', 'dist/docs', 'dist/testing', 'configuration', 'environments']) expect(fs.existsSync(path.join(installed, f))).toBe(false);
    const top = fs.readdirSync(path.join(project, 'node_modules'));
    for (const dev of ['@duckdb', 'jest', 'ts-jest', 'eslint', 'fast-check', 'typescript-eslint']) expect(top).not.toContain(dev);
    expect(fs.existsSync(path.join(project, 'node_modules', '@types', 'jest'))).toBe(false);
    for (const runtime of ['@fivetrandevelopers', 'cdktf', 'cdktf-cli', 'zod']) expect(top).toContain(runtime);
  });

  it('offers its library API with types to TypeScript users', () => {
    fs.writeFileSync(
      path.join(project, 'use-api.ts'),
      "import { validateProject, type ValidateResult } from 'gdp';\nconst run: Promise<ValidateResult> = validateProject({ configDir: 'configuration', environmentsDir: 'environments', sqlCheck: false });\nvoid run;\n",
    );
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    ok(run(process.execPath, [tsc, '--noEmit', '--strict', '--esModuleInterop', '--skipLibCheck', '--module', 'commonjs', '--moduleResolution', 'node', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules', '@types'), 'use-api.ts'], project));
    fs.rmSync(path.join(project, 'use-api.ts'));
  }, MINUTE);

  it('sets up a repository with gdp init in which validate, synth and cdktf synth pass', () => {
    const init = ok(run('npx', ['--no-install', 'gdp', 'init', '--ci', 'github'], project));
    expect(init.stdout).toContain('configuration/tables/orders_v2.yaml');
    expect(init.stderr).toBe('');
    const cdktf = JSON.parse(fs.readFileSync(path.join(project, 'cdktf.json'), 'utf8')) as { app: string };
    expect(cdktf.app).toBe('node node_modules/gdp/dist/synth/cdktf-app.js');

    const validate = ok(run('npx', ['--no-install', 'gdp', 'validate'], project));
    expect(validate.stdout).toMatch(/files valid for dv, qa, np, pd/);
    expect(validate.stderr).toMatch(/^0 errors, \d+ warnings?$/m);

    ok(run('npx', ['--no-install', 'gdp', 'synth', '--env', 'all'], project));
    const backends = ['dv', 'qa', 'np', 'pd'].map((env) => {
      const stack = JSON.parse(fs.readFileSync(path.join(project, 'cdktf.out', 'stacks', env, 'cdk.tf.json'), 'utf8')) as { terraform: { backend: { gcs: unknown } } };
      return JSON.stringify(stack.terraform.backend.gcs);
    });
    expect(new Set(backends).size).toBe(4);

    fs.rmSync(path.join(project, 'cdktf.out'), { recursive: true });
    ok(run('npx', ['--no-install', 'cdktf', 'synth'], project));
    for (const env of ['dv', 'qa', 'np', 'pd']) expect(fs.existsSync(path.join(project, 'cdktf.out', 'stacks', env, 'cdk.tf.json'))).toBe(true);
  }, 5 * MINUTE);

  it('resolves plugins from the working directory, and gdp init gives their module types an example and a schema', () => {
    // A configuration repository in a subfolder (a monorepo): gdp is found in the parent's node_modules.
    const repo = path.join(project, 'warehouse');
    fs.mkdirSync(repo);
    fs.writeFileSync(path.join(repo, 'gdp.config.yaml'), 'plugins: [./widget.js]\n');
    fs.writeFileSync(
      path.join(repo, 'widget.js'),
      `const { defineModule, z } = require('gdp');
module.exports = defineModule({
  kind: 'widget', title: 'Widget', folder: 'widgets', namespace: 'widgets', noun: 'widget', codes: {},
  schema: z.strictObject({ description: z.string().meta({ description: 'What it is for.' }) }),
  compile: { logicalName: (_config, base) => base },
  example: '# configuration/widgets/gear.yaml\\ndescription: "A gear"\\n',
});
`,
    );
    const init = ok(run('npx', ['--no-install', 'gdp', 'init', '--app', 'wh', '--project-prefix', 'acme-wh'], repo));
    expect(init.stdout).toContain('configuration/widgets/gear.yaml');
    const settings = JSON.parse(fs.readFileSync(path.join(repo, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string> };
    expect(settings['yaml.schemas']).toMatchObject({
      './schemas/widget.schema.json': 'configuration/widgets/*.yaml',
      '../node_modules/gdp/schemas/table.schema.json': 'configuration/tables/*.yaml',
    });
    for (const schema of Object.keys(settings['yaml.schemas'])) expect(fs.existsSync(path.join(repo, schema))).toBe(true);
    expect((JSON.parse(fs.readFileSync(path.join(repo, 'cdktf.json'), 'utf8')) as { app: string }).app).toBe('node ../node_modules/gdp/dist/synth/cdktf-app.js');
    const modules = ok(run('npx', ['--no-install', 'gdp', 'modules'], repo));
    expect(modules.stdout).toMatch(/^widget\s+configuration\/widgets\/.*plugin \.\/widget\.js$/m);
    ok(run('npx', ['--no-install', 'gdp', 'validate', '--no-sql-check'], repo));
  }, 2 * MINUTE);

  it('reports mistakes with paths relative to the repository', () => {
    const table = path.join(project, 'configuration', 'tables', 'orders_v2.yaml');
    const text = fs.readFileSync(table, 'utf8');
    fs.writeFileSync(table, text.replace('type: DATE\n', 'type: DAET\n'));
    try {
      const r = run('npx', ['--no-install', 'gdp', 'validate', '--no-sql-check'], project);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^configuration\/tables\/orders_v2\.yaml:\d+:\d+: error GDP515: column "order_date" has type "DAET"/m);
    } finally {
      fs.writeFileSync(table, text);
    }
  }, MINUTE);

  it('writes nothing inside node_modules', () => {
    expect(listing(installed)).toEqual(installedBefore);
  });
});
