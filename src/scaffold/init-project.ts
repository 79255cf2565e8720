/**
 * `gdp init`: turns a folder (usually a fresh repository with gdp installed) into a working gdp
 * configuration repository. Never overwrites: files that exist are kept and named, and a folder that
 * already holds a gdp project (configuration/ or environments/) is left exactly as it is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentSchema } from '../core/environment';
import type { ModuleRegistry } from '../core/registry';
import { GDP_PACKAGE_ROOT, bigQueryLocation, initFiles, installedFor, type InitChoices } from './init-files';

/** Thrown for options `gdp init` refuses; every problem of the request is in the message. */
export class InitError extends Error {}

/** What the user asked for, as given on the command line. */
export interface InitRequest {
  /** The repository folder; default the working directory. */
  readonly dir?: string;
  readonly app?: string;
  readonly projectPrefix?: string;
  readonly region?: string;
  readonly empty?: boolean;
  readonly ci?: string;
}

/** What `gdp init` did. */
export interface InitResult {
  readonly projectDir: string;
  readonly choices: InitChoices;
  /** Files written, relative to the repository (POSIX separators). */
  readonly written: readonly string[];
  /** Files init would have written that exist already and were left as they are. */
  readonly kept: readonly string[];
  /** Set when the folder already holds a gdp project (the folder named): nothing was written. */
  readonly existingProject?: string;
  /** Entries of gdp's .gitignore that a kept .gitignore lacks (`cdktf.out/`, …). */
  readonly gitignoreMissing?: readonly string[];
  /** True when the repository does not find this gdp in a node_modules folder (cdktf.json then names it by absolute path). */
  readonly installedOutside: boolean;
}

/** The folders whose presence means the folder holds a gdp project already. */
const PROJECT_FOLDERS = ['configuration', 'environments'] as const;
const DEFAULT_REGION = 'europe-west4';
const CI_CHOICES = ['github'] as const;

/** Checks the request against the rules of the files it produces; all problems at once. */
export function checkInitOptions(request: InitRequest, projectDir: string): InitChoices {
  const problems: string[] = [];
  const shape = EnvironmentSchema.shape;
  const app = request.app ?? appFromFolder(projectDir);
  if (app === undefined) {
    problems.push(`cannot make an app name from the folder name "${path.basename(projectDir)}": pass --app NAME (2–12 lowercase letters or digits, starting with a letter)`);
  } else if (!shape.app_name.safeParse(app).success) {
    problems.push(`--app "${app}" is not an app name: use 2–12 lowercase letters or digits, starting with a letter (e.g. acme)`);
  }
  const prefix = request.projectPrefix ?? `${app ?? 'app'}-data`;
  const badProjects = ['dv', 'pd'].map((env) => `${prefix}-${env}`).filter((id) => !shape.project_id.safeParse(id).success);
  if (badProjects.length > 0) {
    problems.push(`--project-prefix "${prefix}" makes project id "${badProjects[0]}", which is not a GCP project id (6–30 lowercase letters, digits or hyphens, starting with a letter); use at most 27 such characters`);
  }
  const region = request.region ?? DEFAULT_REGION;
  if (!shape.region.safeParse(region).success) problems.push(`--region "${region}" is not a GCP region such as europe-west4 or us-central1`);
  if (request.ci !== undefined && !(CI_CHOICES as readonly string[]).includes(request.ci)) {
    problems.push(`--ci "${request.ci}" is not supported; use one of: ${CI_CHOICES.join(', ')}`);
  }
  if (fs.existsSync(projectDir) && !fs.statSync(projectDir).isDirectory()) problems.push(`${projectDir} is not a folder`);
  if (problems.length > 0) throw new InitError(problems.join('\n'));
  return { app: app!, projectPrefix: prefix, region, empty: request.empty === true, ci: request.ci as InitChoices['ci'] };
}

/** An app name from a folder name (`my-data-repo` → `mydatarepo`), or undefined when none fits. */
export function appFromFolder(dir: string): string | undefined {
  const name = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^[0-9]+/, '').slice(0, 12);
  return /^[a-z][a-z0-9]{1,11}$/.test(name) ? name : undefined;
}

/**
 * Writes the repository's files into `request.dir` with the registry's module types (built in and the
 * project's plugins). Writes nothing when the folder already holds configuration/ or environments/.
 */
export function initProject(request: InitRequest, registry: ModuleRegistry, packageRoot = GDP_PACKAGE_ROOT): InitResult {
  const projectDir = path.resolve(request.dir ?? '.');
  const choices = checkInitOptions(request, projectDir);
  const files = initFiles(choices, { projectDir, packageRoot, registry });
  const targets = Object.keys(files).sort();
  const kept = targets.filter((rel) => fs.existsSync(path.join(projectDir, rel)));
  const installedOutside = !installedFor(projectDir, packageRoot);
  const existingProject = PROJECT_FOLDERS.find((f) => fs.existsSync(path.join(projectDir, f)));
  if (existingProject) return { projectDir, choices, written: [], kept, existingProject, installedOutside };
  const gitignoreMissing = kept.includes('.gitignore') ? missingIgnores(files['.gitignore'], fs.readFileSync(path.join(projectDir, '.gitignore'), 'utf8')) : undefined;
  const written: string[] = [];
  for (const rel of targets) {
    if (kept.includes(rel)) continue;
    const full = path.join(projectDir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    // 'wx': a file that appeared since the check is still never overwritten.
    fs.writeFileSync(full, files[rel], { flag: 'wx' });
    written.push(rel);
  }
  return { projectDir, choices, written, kept, gitignoreMissing, installedOutside };
}

/** The entries of `wanted` (a .gitignore) that `existing` does not list, comments left out. */
function missingIgnores(wanted: string, existing: string): string[] {
  const have = new Set(existing.split(/\r?\n/).map((l) => l.trim().replace(/^\//, '')));
  return wanted
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !have.has(l) && !have.has(l.replace(/\/$/, '')));
}

/** The text `gdp init` prints for a result (paths relative to `cwd`). */
export function describeInit(result: InitResult, cwd: string): { stdout: string; stderr: string } {
  const where = path.relative(cwd, result.projectDir) || '.';
  const inDir = (rel: string): string => (where === '.' ? rel : `${where}/${rel}`);
  const keptList = result.kept.map((f) => `  ${inDir(f)}\n`).join('');
  if (result.existingProject) {
    const listed = keptList || `  ${inDir(`${result.existingProject}/`)}\n`;
    return {
      stdout: '',
      stderr: `gdp init: ${inDir(`${result.existingProject}/`)} exists already, so ${where} holds a gdp project: nothing was written. Kept as they are:\n${listed}`,
    };
  }
  const { app, projectPrefix, region } = result.choices;
  const lines = [
    `gdp init: wrote ${result.written.length} files in ${where} (app ${app}, projects ${projectPrefix}-dv … ${projectPrefix}-pd, region ${region}, BigQuery location ${bigQueryLocation(region)}):`,
    ...result.written.map((f) => `  ${inDir(f)}`),
    '',
    'Next:',
    ...(where === '.' ? [] : [`  cd ${where}`]),
    '  npx gdp validate           # checks every file for dv, qa, np and pd',
    '  npx gdp synth --env all    # writes cdktf.out/stacks/<env>/cdk.tf.json',
    '  npx cdktf synth            # the same stacks through the cdktf CLI (cdktf.json)',
    'Before the first deploy: set the real project ids and project numbers in environments/*.json and create',
    'each state bucket (state.bucket, with object versioning on); see configuration/README.md.',
    '',
  ];
  let stderr = '';
  if (result.kept.length > 0) stderr += `gdp init: kept these files as they are (gdp init never overwrites); compare them with what gdp would write:\n${keptList}`;
  if (result.gitignoreMissing && result.gitignoreMissing.length > 0) stderr += `gdp init: add to ${inDir('.gitignore')}: ${result.gitignoreMissing.join(' ')}\n`;
  if (result.installedOutside) {
    stderr += `gdp init: gdp is not installed in ${where}, so cdktf.json names this gdp by its absolute path; for a repository that works on every machine, run npm install -D gdp there and gdp init in a fresh folder.\n`;
  }
  return { stdout: lines.join('\n'), stderr };
}
