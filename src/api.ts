/**
 * The library API the CLI (and other tools) call: read folders, compile, report.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticBag, type Diagnostic } from './core/diagnostics';
import { ENVIRONMENT_NAMES, type EnvironmentName } from './core/environment';
import type { LineSource } from './core/format';
import { readTree, type RawFile } from './core/loader';
import type { ModuleType } from './core/module-type';
import { compileProject, type Project } from './core/project';
import { ModuleRegistry } from './core/registry';
import { builtinModules } from './modules';
import { checkProjectSql, type SqlService } from './sql/analyzer';
import { importNativeWorkflow, nameFromFile, prevailingForm, type StepForm } from './modules/workflow/import-native';
import { workflowModule } from './modules/workflow';

/** Where a run reads from and which environments it covers. */
export interface RunOptions {
  /** The `configuration/` folder. */
  readonly configDir: string;
  /** The `environments/` folder. */
  readonly environmentsDir: string;
  /** Environments to validate; default all four. */
  readonly environments?: readonly EnvironmentName[];
  /** Module types; default the built-in ones. */
  readonly modules?: readonly ModuleType[];
  /** Check SQL (procedure bodies) with ZetaSQL; default true (docs/sql-checks.md). */
  readonly sqlCheck?: boolean;
  /** A running SQL service to check with (kept running); default: one is started for the run. */
  readonly sqlService?: SqlService;
  /** The ZetaSQL server binary to start; default: the one in @fivetrandevelopers/zetasql. */
  readonly sqlServerBinary?: string;
}

/** The outcome of {@link validateProject}. */
export interface ValidateResult {
  /** The compiled project; partial when there are errors. */
  readonly project?: Project;
  /** Every diagnostic, sorted. */
  readonly diagnostics: Diagnostic[];
  /** Source lines for excerpts. */
  readonly lines: LineSource;
}

/** Creates the registry of a run. */
export function createRegistry(modules: readonly ModuleType[] = builtinModules): ModuleRegistry {
  return new ModuleRegistry(modules);
}

/** Reads the configuration and environment folders and validates everything for the environments asked. */
export async function validateProject(options: RunOptions): Promise<ValidateResult> {
  const bag = new DiagnosticBag();
  const environments = options.environments ?? ENVIRONMENT_NAMES;
  const [configFiles, environmentFiles] = await Promise.all([
    readTree(path.resolve(options.configDir), bag, 'configuration'),
    readTree(path.resolve(options.environmentsDir), bag, 'environments'),
  ]);
  const lines = lineSource([...(configFiles ?? []), ...(environmentFiles ?? [])]);
  if (!configFiles || !environmentFiles) return { diagnostics: bag.sorted(), lines };
  const result = compileProject({ registry: createRegistry(options.modules), configFiles, environmentFiles, environments });
  bag.addAll(result.diagnostics);
  if (options.sqlCheck !== false) {
    // SQL of a file with errors resolves unreliably: those files are checked once they are fixed.
    const skipFiles = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    const sql = await checkProjectSql(result.project, { service: options.sqlService, serverBinary: options.sqlServerBinary, skipFiles });
    bag.addAll(sql.diagnostics);
  }
  return { project: result.project, diagnostics: bag.sorted(), lines };
}

/** Gives source lines of the files read, for diagnostics excerpts. */
export function lineSource(files: readonly RawFile[]): LineSource {
  const byPath = new Map(files.map((f) => [f.display, f]));
  const cache = new Map<string, string[]>();
  return (file, line) => {
    let lines = cache.get(file);
    if (!lines) {
      const raw = byPath.get(file);
      if (!raw) return undefined;
      lines = Buffer.from(raw.bytes).toString('utf8').split(/\r?\n/);
      cache.set(file, lines);
    }
    return lines[line - 1];
  };
}

/** What {@link importWorkflow} reads and writes. */
export interface ImportWorkflowOptions {
  /** The Cloud Workflows file. */
  readonly file: string;
  /** Logical name; default: the file name. */
  readonly name?: string;
  /** How steps are written; default: the form most files of `<configDir>/workflows/` use (native when none). */
  readonly form?: StepForm;
  /** Write the result into `<configDir>/workflows/<name>.yaml` (never over an existing file). */
  readonly write?: boolean;
  readonly configDir: string;
}

/** The outcome of {@link importWorkflow}. */
export interface ImportWorkflowResult {
  /** The gdp workflow file, when the conversion worked. */
  readonly text?: string;
  /** Where it was written. */
  readonly written?: string;
  readonly diagnostics: Diagnostic[];
  readonly lines: LineSource;
}

/**
 * Converts a native Cloud Workflows file to gdp's workflow file (README: "Importing a Cloud Workflows
 * file"); writes it only when asked, when there is no error, and when no file of that name exists.
 */
export async function importWorkflow(options: ImportWorkflowOptions): Promise<ImportWorkflowResult> {
  const bag = new DiagnosticBag();
  const name = options.name ?? nameFromFile(path.basename(options.file));
  const target = path.join(options.configDir, workflowModule.folder, `${name}.yaml`);
  let source: string;
  try {
    source = await fs.readFile(options.file, 'utf8');
  } catch (e) {
    bag.add({ code: 'GDP112', file: options.file, message: `cannot read ${options.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
    return { diagnostics: bag.sorted(), lines: () => undefined };
  }
  const form = options.form ?? prevailingForm(await workflowTexts(path.dirname(target)));
  const imported = importNativeWorkflow(options.file, source, name, target, form);
  bag.addAll(imported.diagnostics);
  const texts = new Map([[options.file, source], [target, imported.text ?? '']]);
  const lines: LineSource = (file, line) => texts.get(file)?.split(/\r?\n/)[line - 1];
  if (!options.write || imported.text === undefined || bag.hasErrors) return { text: imported.text, diagnostics: bag.sorted(), lines };
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, imported.text, { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') bag.add({ code: 'GDP612', file: target, message: `${target} exists; gdp does not overwrite it` });
    else bag.add({ code: 'GDP112', file: target, message: `cannot write ${target}: ${code ?? String(e)}` });
    return { text: imported.text, diagnostics: bag.sorted(), lines };
  }
  return { text: imported.text, written: target, diagnostics: bag.sorted(), lines };
}

/** The texts of the workflow files of a folder (none when it does not exist). */
async function workflowTexts(folder: string): Promise<string[]> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const yaml = names.filter((n) => /\.ya?ml$/i.test(n));
  return Promise.all(yaml.map((n) => fs.readFile(path.join(folder, n), 'utf8').catch(() => '')));
}
