/**
 * The files `gdp init` writes into a configuration repository, as text. Examples come from the registry
 * (each module type's `example`), so every module type, built in or from a plugin, gets one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_FOLDER } from '../core/cache';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/environment';
import { jsonSchemas } from '../core/json-schema';
import type { AnyModuleType } from '../core/module-type';
import type { ModuleRegistry } from '../core/registry';

/** What the user chose (already checked by {@link checkInitOptions}). */
export interface InitChoices {
  /** `app_name` of every environment. */
  readonly app: string;
  /** Project ids are `<projectPrefix>-<env>`. */
  readonly projectPrefix: string;
  readonly region: string;
  /** No example files: only configuration/README.md. */
  readonly empty: boolean;
  /** CI files to add. */
  readonly ci?: 'github';
}

/** Where gdp and the new repository are. */
export interface InitPlace {
  /** The repository folder (absolute). */
  readonly projectDir: string;
  /** The installed gdp package (absolute): the folder with package.json, dist/ and schemas/. */
  readonly packageRoot: string;
  readonly registry: ModuleRegistry;
}

/** The root of the gdp package this code runs from (dist/scaffold or src/scaffold, two levels up). */
export const GDP_PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** Environment settings `gdp init` starts from: dv pauses schedulers, pd protects data. */
const ENVIRONMENT_ROLES: Record<EnvironmentName, { description: string; options: Record<string, boolean> }> = {
  dv: { description: 'Development: engineers’ sandbox', options: { pause_schedulers: true, allow_data_loss: true } },
  qa: { description: 'Quality assurance: automated tests', options: { allow_data_loss: true } },
  np: { description: 'Non-production: acceptance, production-like data', options: { allow_data_loss: false } },
  pd: { description: 'Production', options: { force_deletion_protection: true, allow_data_loss: false } },
};

/** Where a module type's example goes: the path its first line names (`# configuration/tables/x_v1.yaml`). */
export function examplePath(module: AnyModuleType): string {
  const named = /^#\s*(configuration\/[^\s]+\.ya?ml)\b/.exec(module.example)?.[1];
  return named ?? `configuration/${module.folder}/example.yaml`;
}

/** Path from `from` (a folder) to `to`, POSIX separators, `./` in front when it stays inside. */
function relativePosix(from: string, to: string): string {
  const rel = path.relative(from, to).split(path.sep).join('/');
  return rel.startsWith('..') ? rel : `./${rel}`;
}

/** True when `inner` is `outer` or inside it. */
function isInside(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * True when the repository finds this gdp by Node's rules: the package lies in a node_modules folder of
 * the repository or of a folder above it (a monorepo's root). Paths to it are then relative and portable.
 */
export function installedFor(projectDir: string, packageRoot: string): boolean {
  const at = packageRoot.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  return at >= 0 && isInside(packageRoot.slice(0, at), projectDir);
}

/**
 * Every file `gdp init` writes, by path relative to the repository (POSIX separators). JSON Schemas are
 * taken from the installed package when the repository finds gdp in a node_modules folder (they follow
 * upgrades); otherwise (and for a plugin's module types) they are written into `schemas/`.
 */
export function initFiles(choices: InitChoices, place: InitPlace): Record<string, string> {
  const files: Record<string, string> = {};
  const modules = place.registry.all();
  const installed = installedFor(place.projectDir, place.packageRoot);
  const generated = jsonSchemas(place.registry);
  /** Path of a schema file from the repository root, writing it into schemas/ when it is not shipped. */
  const schemaRef = (name: string): string => {
    const shipped = path.join(place.packageRoot, 'schemas', `${name}.schema.json`);
    if (installed && fs.existsSync(shipped)) return relativePosix(place.projectDir, shipped);
    files[`schemas/${name}.schema.json`] = `${JSON.stringify(generated[name], null, 2)}\n`;
    return `./schemas/${name}.schema.json`;
  };

  if (!choices.empty) for (const m of modules) files[examplePath(m)] = m.example;
  files['configuration/README.md'] = configurationReadme(modules);

  const environmentSchema = schemaRef('environment');
  for (const env of ENVIRONMENT_NAMES) files[`environments/${env}.json`] = environmentFile(env, choices, `../${environmentSchema.replace(/^\.\//, '')}`);

  const app = path.join(place.packageRoot, 'dist', 'synth', 'cdktf-app.js');
  const appPath = installed ? path.relative(place.projectDir, app).split(path.sep).join('/') : app;
  files['cdktf.json'] = `${JSON.stringify(
    {
      language: 'typescript',
      app: `node ${/\s/.test(appPath) ? JSON.stringify(appPath) : appPath}`,
      output: 'cdktf.out',
      projectId: `gdp-${choices.app}`,
      sendCrashReports: 'false',
      terraformProviders: [],
      terraformModules: [],
      context: {},
    },
    null,
    2,
  )}\n`;
  files['.gitignore'] = GITIGNORE;

  const yamlSchemas: Record<string, string> = {};
  for (const m of modules) yamlSchemas[schemaRef(m.kind)] = `configuration/${m.folder}/*.yaml`;
  files['.vscode/settings.json'] = `${JSON.stringify(
    { 'yaml.schemas': yamlSchemas, 'json.schemas': [{ fileMatch: ['environments/*.json'], url: environmentSchema }] },
    null,
    2,
  )}\n`;
  files['.vscode/extensions.json'] = `${JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2)}\n`;

  if (choices.ci === 'github') {
    files['.github/workflows/gdp-validate.yml'] = GITHUB_VALIDATE;
    files['.github/workflows/gdp-plan.yml'] = fs.readFileSync(path.join(place.packageRoot, 'templates', 'init', 'gdp-plan.yml'), 'utf8');
    files['.pre-commit-config.yaml'] = PRE_COMMIT;
  }
  return files;
}

function environmentFile(env: EnvironmentName, choices: InitChoices, schema: string): string {
  const role = ENVIRONMENT_ROLES[env];
  const project = `${choices.projectPrefix}-${env}`;
  return `${JSON.stringify(
    {
      $schema: schema,
      name: env,
      description: role.description,
      project_id: project,
      // Cloud Run service URLs need it; a placeholder until the user sets the real one (configuration/README.md).
      project_number: PLACEHOLDER_PROJECT_NUMBER,
      region: choices.region,
      bigquery_location: bigQueryLocation(choices.region),
      app_name: choices.app,
      state: { bucket: `${project}-tfstate`, prefix: `gdp/${env}` },
      labels: { app: choices.app, env },
      // The procedure example reads a table gdp does not manage; its name differs per environment.
      variables: { external_table_reference: '`${project}.landing_external.orders`' },
      options: role.options,
    },
    null,
    2,
  )}\n`;
}

/** What init writes as `project_number`: obviously not a real number, and valid, so the repository validates. */
export const PLACEHOLDER_PROJECT_NUMBER = '000000000000';

/** The BigQuery multi-region of a region's continent (EU, US), or the region itself. */
export function bigQueryLocation(region: string): string {
  if (region.startsWith('europe-')) return 'EU';
  if (region.startsWith('us-')) return 'US';
  return region;
}

function configurationReadme(modules: readonly AnyModuleType[]): string {
  const rows = modules.map((m) => `| \`configuration/${m.folder}/\` | ${m.title} | \`\${${m.namespace}["name"]…}\` |`);
  return [
    '# configuration/',
    '',
    'One YAML file per thing you declare; the folder decides its module type. `npx gdp modules` lists them',
    '(with the module types of plugins in gdp.config.yaml), `npx gdp validate` checks every file for every',
    'environment.',
    '',
    '| folder | module type | referenced as |',
    '|---|---|---|',
    ...rows,
    '',
    '## Before the first deploy',
    '',
    'In every `environments/<env>.json`, set:',
    '',
    '- `project_id`: the real GCP project (gdp init guessed `<prefix>-<env>`);',
    `- \`project_number\`: the project's number (\`gcloud projects describe <project> --format='value(projectNumber)'\`).`,
    `  gdp init wrote the placeholder \`"${PLACEHOLDER_PROJECT_NUMBER}"\`: Cloud Run service URLs`,
    '  (`https://<name>-<project number>.<region>.run.app`) are built from it, so they are wrong until you set it;',
    '- `state.bucket`: create it first, with object versioning on.',
    '',
  ].join('\n');
}

const GITIGNORE = `node_modules/
# gdp synth and cdktf synth write the stacks here; they are rebuilt from configuration/ every time
cdktf.out/
.gen/
*.tfstate
*.tfstate.backup
plan.md
# gdp's incremental cache (safe to delete at any time)
${CACHE_FOLDER}/
`;

const GITHUB_VALIDATE = `# Checks every configuration file for every environment, and that every stack synthesizes.
name: gdp validate

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  validate:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx gdp validate
      - run: npx gdp synth --env all --no-sql-check # the SQL was checked by validate
`;

const PRE_COMMIT = `# pre-commit (https://pre-commit.com): runs gdp validate before each commit that changes the
# configuration. Once per clone: pre-commit install
repos:
  - repo: local
    hooks:
      - id: gdp-validate
        name: gdp validate
        entry: npx --no-install gdp validate
        language: system
        files: ^(configuration|environments|gdp\\.config\\.yaml)
        pass_filenames: false
`;
