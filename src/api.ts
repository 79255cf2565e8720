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
  /** Told the step the run is at (the CLI shows it on a terminal). */
  readonly onStep?: (stage: string) => void;
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
  options.onStep?.('reading files');
  const [configFiles, environmentFiles] = await Promise.all([
    readTree(path.resolve(options.configDir), bag, 'configuration'),
    readTree(path.resolve(options.environmentsDir), bag, 'environments'),
  ]);
  const lines = lineSource([...(configFiles ?? []), ...(environmentFiles ?? [])]);
  if (!configFiles || !environmentFiles) return { diagnostics: bag.sorted(), lines };
  options.onStep?.(`checking ${configFiles.length} file${configFiles.length === 1 ? '' : 's'} for ${environments.join(', ')}`);
  const result = compileProject({ registry: createRegistry(options.modules), configFiles, environmentFiles, environments });
  bag.addAll(result.diagnostics);
  if (options.sqlCheck !== false) {
    // SQL of a file with errors resolves unreliably: those files are checked once they are fixed.
    const skipFiles = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    options.onStep?.('checking SQL with ZetaSQL');
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
