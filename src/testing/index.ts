/**
 * Test helpers for gdp's own tests and for module types in the tree: compile a configuration held in
 * memory (with the bundled environments by default) and synthesize one environment of it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { createRegistry } from '../api';
import type { Diagnostic } from '../core/diagnostics';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/environment';
import type { RawFile } from '../core/loader';
import { compileProject, type CompileResult, type Project } from '../core/project';
import { buildStacks } from '../synth/build-stacks';
import * as fs from 'node:fs';
import * as os from 'node:os';

export { useSqlService } from './sql-service';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
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

/** A synthesized stack, parsed (the parts tests read). */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Compiles in-memory files (which must be free of errors) and returns one environment's synthesized stack. */
export function synthFiles(files: Record<string, string>, env: EnvironmentName = 'dv', options: CompileFilesOptions = {}): StackJson {
  const result = compileFiles(files, { ...options, environments: [env] });
  const problems = errors(result);
  if (problems.length > 0) throw new Error(`the files have errors: ${brief(problems).join(', ')}`);
  return synthProject(result.project, env);
}

/** Builds one environment's stack of a compiled project in this process and returns it parsed. */
export function synthProject(project: Project, env: EnvironmentName = 'dv'): StackJson {
  const out = tempDir('gdp-synth-');
  buildStacks(project, [env], out);
  return JSON.parse(fs.readFileSync(path.join(out, 'stacks', env, 'cdk.tf.json'), 'utf8')) as StackJson;
}

const temporary: string[] = [];
const removeTemporary = (): void => {
  for (const d of temporary.splice(0)) fs.rmSync(d, { recursive: true, force: true });
};
// Under Jest each test file has its own copy of this module and its own `process` object, whose 'exit'
// handlers never run: remove the file's folders after its tests; outside Jest, when the process exits.
if (typeof afterAll === 'function') afterAll(removeTemporary);
else process.once('exit', removeTemporary);

/** A fresh temporary folder, removed after the test file (one helper for every test). */
export function tempDir(prefix = 'gdp-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Every file of a folder, relative path (POSIX) → content, for byte comparisons. */
export function readTreeText(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}
