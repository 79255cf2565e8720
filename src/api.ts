/**
 * The library API the CLI (and other tools) call: read folders, compile, report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticBag, type Diagnostic } from './core/diagnostics';
import { ENVIRONMENT_NAMES, type EnvironmentName } from './core/environment';
import type { LineSource } from './core/format';
import { readTree, type RawFile } from './core/loader';
import type { AnyModuleType } from './core/module-type';
import { loadProjectPlugins, requirePlugin, type PluginEntry } from './core/plugins';
import { DRIFT_CODES } from './drift/codes';
import { PLAN_CODES } from './plan/codes';
import { SPLIT_CODES } from './synth/split/codes';
import { VERIFY_CODES } from './verify/codes';
import { SQL_ANALYZER_CODES } from './sql/analyzer/codes';
import { compileProject, type Project } from './core/project';
import { ModuleRegistry } from './core/registry';
import { builtinModules } from './modules';
import type { SqlService } from './sql/analyzer';
import { importNativeWorkflow, nameFromFile, prevailingForm, type StepForm } from './modules/workflow/import-native';
import { workflowModule } from './modules/workflow';
import type { Lineage } from './graph';

/** Where a run reads from and which environments it covers. */
export interface RunOptions {
  /** The `configuration/` folder. */
  readonly configDir: string;
  /** The `environments/` folder. */
  readonly environmentsDir: string;
  /** Environments to validate; default all four. */
  readonly environments?: readonly EnvironmentName[];
  /** Module types; default the built-in ones plus the plugins of {@link projectDir}. */
  readonly modules?: readonly AnyModuleType[];
  /** The registry to use as it is (overrides {@link modules} and the project's plugins). */
  readonly registry?: ModuleRegistry;
  /** The project folder whose `gdp.config.yaml` lists plugins; default the folder that holds `configDir`. */
  readonly projectDir?: string;
  /** Check SQL (procedure bodies) with ZetaSQL; default true (docs/sql-checks.md). */
  readonly sqlCheck?: boolean;
  /** A running SQL service to check with (kept running); default: one is started for the run. */
  readonly sqlService?: SqlService;
  /** The ZetaSQL server binary to start; default: the one in @fivetrandevelopers/zetasql. */
  readonly sqlServerBinary?: string;
  /** Told the step the run is at (the CLI shows it on a terminal). */
  readonly onStep?: (stage: string) => void;
  /**
   * Reuse and keep results of earlier runs in the project's incremental cache (`.gdp-cache/`, or
   * `GDP_CACHE_DIR`); default false (the CLI turns it on unless `--no-cache`). Results never differ.
   */
  readonly cache?: boolean;
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

/** gdp's own codes besides the core's: the SQL analyzer's, the plan's, drift's and verify's. */
export const GDP_SUBSYSTEM_CODES = [
  { owner: 'sql', codes: SQL_ANALYZER_CODES },
  { owner: 'plan', codes: PLAN_CODES },
  { owner: 'drift', codes: DRIFT_CODES },
  { owner: 'verify', codes: VERIFY_CODES },
  { owner: 'synth', codes: SPLIT_CODES },
] as const;

/** Creates the registry of a run: gdp's codes and the built-in module types (or `modules`). */
export function createRegistry(modules: readonly AnyModuleType[] = builtinModules): ModuleRegistry {
  return new ModuleRegistry(modules, { codes: GDP_SUBSYSTEM_CODES });
}

/**
 * The registry of a project: the built-in module types plus the plugins the project folder lists
 * (`gdp.config.yaml`); a plugin that cannot be used is a diagnostic in `bag` and is left out.
 */
export function projectRegistry(projectDir: string, bag: DiagnosticBag): ModuleRegistry {
  const registry = createRegistry();
  loadProjectPlugins(path.resolve(projectDir), registry, bag);
  return registry;
}

/** Registers plugins already loaded elsewhere (synthesis workers get their parent's entries). */
export function registryWithPlugins(entries: readonly PluginEntry[]): ModuleRegistry {
  const registry = createRegistry();
  for (const entry of entries) {
    const plugin = requirePlugin(entry);
    for (const m of plugin.modules) registry.register(m, { source: 'plugin', name: entry.name, entry: entry.entry });
  }
  return registry;
}

/** Reads the configuration and environment folders and validates everything for the environments asked. */
export async function validateProject(options: RunOptions): Promise<ValidateResult> {
  const bag = new DiagnosticBag();
  const environments = options.environments ?? ENVIRONMENT_NAMES;
  options.onStep?.('reading files');
  const [configFiles, environmentFiles] = await Promise.all([
    readTree(path.resolve(options.configDir), bag, 'configuration'),
    readTree(path.resolve(options.environmentsDir), bag, 'environments'),
  ]);
  const lines = lineSource([...(configFiles ?? []), ...(environmentFiles ?? [])]);
  if (!configFiles || !environmentFiles) return { diagnostics: bag.sorted(), lines };
  const pluginBag = new DiagnosticBag();
  const projectDir = options.projectDir ?? path.dirname(path.resolve(options.configDir));
  const registry = options.registry ?? (options.modules ? createRegistry(options.modules) : projectRegistry(projectDir, pluginBag));
  bag.addAll(pluginBag);
  // Without all of the project's module types, every file of a missing one would be a follow-on error.
  if (pluginBag.hasErrors) return { diagnostics: bag.sorted(), lines };
  options.onStep?.(`checking ${configFiles.length} file${configFiles.length === 1 ? '' : 's'} for ${environments.join(', ')}`);
  const result = compileProject({ registry, configFiles, environmentFiles, environments });
  bag.addAll(result.diagnostics);
  if (options.sqlCheck !== false) {
    // SQL of a file with errors resolves unreliably: those files are checked once they are fixed.
    const skipFiles = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    options.onStep?.('checking SQL with ZetaSQL');
    // Loaded here, not at the top: a run without the SQL check (and every other command) does without them.
    const [{ checkProjectSql }, { openCache }, { SqlCheckCache }] = await Promise.all([import('./sql/analyzer'), import('./core/cache'), import('./sql/check-cache')]);
    // Findings are keyed by what gdp sends the bundled analyzer; another analyzer may find otherwise.
    const ownAnalyzer = options.sqlService === undefined && options.sqlServerBinary === undefined;
    const disk = options.cache && ownAnalyzer ? openCache({ projectDir, registry }) : undefined;
    const cache = disk && new SqlCheckCache(disk);
    const sql = await checkProjectSql(result.project, { service: options.sqlService, serverBinary: options.sqlServerBinary, skipFiles, cache }).finally(() => disk?.finish());
    bag.addAll(sql.diagnostics);
  }
  return { project: result.project, diagnostics: bag.sorted(), lines };
}

/**
 * Gives source lines of the files read, for diagnostics excerpts; other files a diagnostic names (the
 * project's gdp.config.yaml) are read from disk when asked.
 */
export function lineSource(files: readonly RawFile[]): LineSource {
  const byPath = new Map(files.map((f) => [f.display, f]));
  const cache = new Map<string, string[]>();
  return (file, line) => {
    let lines = cache.get(file);
    if (!lines) {
      const bytes = byPath.get(file)?.bytes ?? readIfFile(file);
      if (!bytes) return undefined;
      lines = Buffer.from(bytes).toString('utf8').split(/\r?\n/);
      cache.set(file, lines);
    }
    return lines[line - 1];
  };
}

/** One row of `gdp modules`. */
export interface ModuleListing {
  readonly kind: string;
  readonly title: string;
  readonly folder: string;
  readonly namespace: string;
  /** Its diagnostic codes, sorted. */
  readonly codes: readonly string[];
  /** `built-in`, or `plugin <name>`. */
  readonly origin: string;
}

/** The module types of a project folder (built in plus its plugins), and any problem loading the plugins. */
export function listModules(projectDir: string): { modules: ModuleListing[]; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag();
  const registry = projectRegistry(projectDir, bag);
  const modules = registry.registered().map(({ module, origin }) => ({
    kind: module.kind,
    title: module.title,
    folder: module.folder,
    namespace: module.namespace,
    codes: registry.codes.ownedBy(module.kind).map((c) => c.code),
    origin: origin.source === 'builtin' ? 'built-in' : `plugin ${origin.name}`,
  }));
  return { modules, diagnostics: bag.sorted() };
}

function readIfFile(file: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
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
  const bag = new DiagnosticBag(createRegistry().codes);
  const name = options.name ?? nameFromFile(path.basename(options.file));
  const target = path.join(options.configDir, workflowModule.folder, `${name}.yaml`);
  let source: string;
  try {
    source = await fs.promises.readFile(options.file, 'utf8');
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
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.writeFile(target, imported.text, { flag: 'wx' });
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
  const names = await fs.promises.readdir(folder).catch(() => [] as string[]);
  const yaml = names.filter((n) => /\.ya?ml$/i.test(n));
  return Promise.all(yaml.map((n) => fs.promises.readFile(path.join(folder, n), 'utf8').catch(() => '')));
}

/** The outcome of {@link lineageProject}. */
export interface LineageResult extends ValidateResult {
  /** Lineage per environment; empty when the configuration has errors. */
  readonly lineages: ReadonlyMap<EnvironmentName, Lineage>;
  /** Why procedure SQL was not analysed (lineage then only shows references), when it was not. */
  readonly sqlUnavailable?: string;
}

/** Validates (without the SQL type check) and builds each environment's lineage graph. */
export async function lineageProject(options: RunOptions): Promise<LineageResult> {
  const result = await validateProject({ ...options, sqlCheck: false });
  if (!result.project || result.diagnostics.some((d) => d.severity === 'error')) return { ...result, lineages: new Map() };
  const { lineageOfProject } = await import('./graph');
  const { lineages, sqlUnavailable } = await lineageOfProject(result.project, { sqlService: options.sqlService, sqlServerBinary: options.sqlServerBinary });
  return { ...result, lineages, sqlUnavailable };
}
