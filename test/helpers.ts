/**
 * Test helpers: compile a configuration held in memory, with the bundled environments by default.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { createRegistry } from '../src/api';
import type { Diagnostic } from '../src/core/diagnostics';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../src/core/environment';
import type { RawFile } from '../src/core/loader';
import { compileProject, type CompileResult } from '../src/core/project';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..');
/** The users' seed examples (beside the repository). */
export const SEED_CONFIG = path.resolve(ROOT, '../shared/seed-examples/configuration');

/** Makes a RawFile from text; `relative` is the path under configuration/. */
export function rawFile(relative: string, text: string | Uint8Array, prefix = 'configuration'): RawFile {
  return { relative, display: `${prefix}/${relative}`, bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text };
}

/** Reads every file of a folder as RawFiles (recursively). */
export function readFolder(dir: string, prefix: string): RawFile[] {
  const out: RawFile[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (!e.name.endsWith('.md')) out.push(rawFile(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full), prefix));
    }
  };
  walk(dir);
  return out.sort((a, b) => a.relative.localeCompare(b.relative));
}

/** The bundled environment files. */
export function bundledEnvironments(): RawFile[] {
  return readFolder(path.join(ROOT, 'environments'), 'environments');
}

/** The bundled example configuration files. */
export function bundledConfiguration(): RawFile[] {
  return readFolder(path.join(ROOT, 'configuration'), 'configuration');
}

/** Options of {@link compileFiles}. */
export interface CompileFilesOptions {
  readonly environments?: readonly EnvironmentName[];
  readonly environmentFiles?: RawFile[];
  /** Start from the bundled example configuration and add/replace these files. */
  readonly base?: RawFile[];
}

/** Compiles in-memory configuration files: `{ 'tables/x_v1.yaml': 'yaml text' }`. */
export function compileFiles(files: Record<string, string | Uint8Array>, options: CompileFilesOptions = {}): CompileResult {
  const byPath = new Map<string, RawFile>();
  for (const f of options.base ?? []) byPath.set(f.relative, f);
  for (const [rel, text] of Object.entries(files)) byPath.set(rel, rawFile(rel, text));
  return compileProject({
    registry: createRegistry(),
    configFiles: [...byPath.values()].sort((a, b) => a.relative.localeCompare(b.relative)),
    environmentFiles: options.environmentFiles ?? bundledEnvironments(),
    environments: options.environments ?? ENVIRONMENT_NAMES,
  });
}

/** Errors only. */
export function errors(result: CompileResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.severity === 'error');
}

/** A compact view of diagnostics for assertions: `code file:line:col`. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`);
}
