/** Helpers for synthesis tests: temp folders, in-memory projects built into real CDKTF output. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentName } from '../../src/core/environment';
import type { Project } from '../../src/core/project';
import { buildStacks } from '../../src/synth/build-stacks';
import { OUTPUT_LIST_FILE } from '../../src/synth/output-folder';
import { compileFiles, errors, readTreeText as readFolderText, ROOT, tempDir, type CompileFilesOptions } from '../../src/testing';

export { tempDir } from '../../src/testing';

/** Compiles in-memory files and fails the test on any error. */
export function compileClean(files: Record<string, string>, options: CompileFilesOptions = {}): Project {
  const result = compileFiles(files, options);
  expect(errors(result)).toEqual([]);
  return result.project;
}

/** A synthesized stack (parsed cdk.tf.json). */
export interface StackJson {
  readonly provider: { readonly google: readonly Record<string, unknown>[] };
  readonly terraform: { readonly backend: Record<string, Record<string, unknown>>; readonly required_providers: Record<string, unknown> };
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Reads a stack of an output folder. */
export function readStack(outdir: string, env: string): StackJson {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', env, 'cdk.tf.json'), 'utf8')) as StackJson;
}

/** Builds one environment's stack in this process and returns it parsed. */
export function synthOne(project: Project, env: EnvironmentName = 'dv'): StackJson {
  const out = tempDir();
  buildStacks(project, [env], out);
  return readStack(out, env);
}

/** Every file of a folder but gdp's list of files it wrote, relative path → content (for byte comparisons). */
export function readTreeText(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readFolderText(dir)).filter(([rel]) => path.posix.basename(rel) !== OUTPUT_LIST_FILE));
}

/** Writes files under a folder (relative path → text). */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

/** The bundled environments folder. */
export const ENVIRONMENTS_DIR = path.join(ROOT, 'environments');

/** A small valid dataset file. */
export const SALES = 'description: "Orders and customers"\nconfidentiality: c2\nlocation: eu\ndefault_table_expiration_ms: 7776000000\n';
