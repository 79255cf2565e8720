/**
 * The library API the CLI (and other tools) call: read folders, compile, report.
 */
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
import { lineageOfProject, type Lineage } from './graph';

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
  const { lineages, sqlUnavailable } = await lineageOfProject(result.project, { sqlService: options.sqlService, sqlServerBinary: options.sqlServerBinary });
  return { ...result, lineages, sqlUnavailable };
}
