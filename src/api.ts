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
import { PLAN_CODES } from './plan/codes';
import { SQL_ANALYZER_CODES } from './sql/analyzer/codes';
import { compileProject, type Project } from './core/project';
import { ModuleRegistry } from './core/registry';
import { builtinModules } from './modules';
import { checkProjectSql, type SqlService } from './sql/analyzer';

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
  /** The project folder whose `gdp.config.yaml` lists plugins; default the working directory. */
  readonly projectDir?: string;
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

/** gdp's own codes besides the core's: the SQL analyzer's and the plan's. */
export const GDP_SUBSYSTEM_CODES = [
  { owner: 'sql', codes: SQL_ANALYZER_CODES },
  { owner: 'plan', codes: PLAN_CODES },
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
  const [configFiles, environmentFiles] = await Promise.all([
    readTree(path.resolve(options.configDir), bag, 'configuration'),
    readTree(path.resolve(options.environmentsDir), bag, 'environments'),
  ]);
  const lines = lineSource([...(configFiles ?? []), ...(environmentFiles ?? [])]);
  if (!configFiles || !environmentFiles) return { diagnostics: bag.sorted(), lines };
  const pluginBag = new DiagnosticBag();
  const registry = options.registry ?? (options.modules ? createRegistry(options.modules) : projectRegistry(options.projectDir ?? process.cwd(), pluginBag));
  bag.addAll(pluginBag);
  // Without all of the project's module types, every file of a missing one would be a follow-on error.
  if (pluginBag.hasErrors) return { diagnostics: bag.sorted(), lines };
  const result = compileProject({ registry, configFiles, environmentFiles, environments });
  bag.addAll(result.diagnostics);
  if (options.sqlCheck !== false) {
    // SQL of a file with errors resolves unreliably: those files are checked once they are fixed.
    const skipFiles = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    const sql = await checkProjectSql(result.project, { service: options.sqlService, serverBinary: options.sqlServerBinary, skipFiles });
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
