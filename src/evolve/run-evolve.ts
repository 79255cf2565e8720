/**
 * `gdp evolve table <name>`: turns a replacing change of a table file into a new table version, a
 * backfill load from the current version, and (when asked) moves readers to the new version. Works
 * from the difference between the working tree and a base (default the git commit HEAD): the edited
 * file becomes `<table>_v<N+1>.yaml`, the current file gets its base content back. Everything is
 * validated in memory (schemas, references, SQL with ZetaSQL) before a file is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRegistry, lineSource } from '../api';
import { DiagnosticBag, type Diagnostic } from '../core/diagnostics';
import { ENVIRONMENT_NAMES } from '../core/environment';
import type { LineSource } from '../core/format';
import type { Entity } from '../core/module-type';
import { readTree, type RawFile } from '../core/loader';
import { compileProject, type Project } from '../core/project';
import type { TableConfig } from '../modules/table/schema';
import { runPlan } from '../plan';
import { loadSide } from '../plan/sides';
import { checkProjectSql } from '../sql/analyzer';
import { constructId } from '../synth/stack-builder';
import { backfillLoad } from './backfill';
import { moveReaders } from './readers';

/** What to evolve. */
export interface EvolveOptions {
  /** Logical name (`transactions_v1`) or table id (`transactions`: its highest version). */
  readonly table: string;
  readonly configDir: string;
  readonly environmentsDir: string;
  /** Git ref or folder holding the table before the change; default HEAD. */
  readonly base?: string;
  readonly moveReaders?: boolean;
  readonly cwd?: string;
}

/** A file written (or rewritten). */
export interface WrittenFile {
  readonly path: string;
  readonly what: string;
}

/** The outcome. Exit codes: 0 written, 1 the result would not validate, 2 nothing to evolve or usage error. */
export interface EvolveRun {
  readonly written: readonly WrittenFile[];
  /** Why nothing was written, when nothing was. */
  readonly problem?: string;
  /** Next steps for the user. */
  readonly next: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly lines: LineSource;
  readonly exitCode: 0 | 1 | 2;
}

const noLines: LineSource = () => undefined;
const refuse = (problem: string): EvolveRun => ({ written: [], problem, next: [], diagnostics: [], lines: noLines, exitCode: 2 });

/** Runs the evolution. */
export async function runEvolve(options: EvolveOptions): Promise<EvolveRun> {
  const cwd = options.cwd ?? process.cwd();
  const configDir = path.resolve(cwd, options.configDir);
  const environmentsDir = path.resolve(cwd, options.environmentsDir);
  const bag = new DiagnosticBag();
  const [configFiles, environmentFiles] = await Promise.all([readTree(configDir, bag, 'configuration'), readTree(environmentsDir, bag, 'environments')]);
  if (!configFiles || !environmentFiles) return { written: [], next: [], diagnostics: bag.sorted(), lines: noLines, exitCode: 1 };
  // The project's module types: the built-in ones and the plugins its gdp.config.yaml lists.
  const registry = projectRegistry(path.dirname(configDir), bag);
  if (bag.hasErrors) return { written: [], next: [], diagnostics: bag.sorted(), lines: noLines, exitCode: 1 };
  const compile = (files: readonly RawFile[]): { project: Project; diagnostics: Diagnostic[] } =>
    compileProject({ registry, configFiles: files, environmentFiles, environments: ENVIRONMENT_NAMES });

  const head = compile(configFiles).project;
  const entity = head.lookup<TableConfig>('tables', options.table) ?? latestVersion(head, options.table);
  if (!entity) return refuse(`no table is named "${options.table}" (write the file name without .yaml, e.g. transactions_v1, or the table_id)`);
  const relative = path.relative(configDir, path.resolve(cwd, entity.file.path)).split(path.sep).join('/');
  const current = configFiles.find((f) => f.relative === relative);
  if (!current) return refuse(`${entity.file.path} is not a file of ${options.configDir}`);

  const baseSpec = options.base ?? 'HEAD';
  const base = await loadSide(baseSpec, { cwd, configDir: options.configDir, environmentsDir: options.environmentsDir });
  const before = base.configFiles.find((f) => f.relative === relative);
  if (!before) return refuse(`${relative} does not exist in ${base.info.label}: a new table has no data to carry over`);
  if (Buffer.compare(Buffer.from(before.bytes), Buffer.from(current.bytes)) === 0) {
    return refuse(`${entity.file.path} is the same as in ${base.info.label}: change the schema in it first, then run gdp evolve to turn the change into a new version`);
  }
  const run = await runPlan({ base: baseSpec, head: options.configDir, cwd, configDir: options.configDir, environmentsDir: options.environmentsDir, environments: [ENVIRONMENT_NAMES[0]] });
  if (!run.plan) return { written: [], problem: 'the configuration has errors (listed above): fix them first', next: [], diagnostics: run.diagnostics.filter((d) => d.severity === 'error'), lines: run.lines, exitCode: 1 };
  const address = `google_bigquery_table.${constructId(['table', entity.name])}`;
  const change = run.plan.environments[0].changes.find((c) => c.address === address);
  if (change?.action !== 'replace') {
    return refuse(`the change to ${entity.name} is ${change ? `an ${change.action === 'update' ? 'update in place' : change.action}` : 'no change of the table'}, not a replacement: no new version is needed (gdp plan shows what happens)`);
  }

  const config = entity.config;
  const next = config.version + 1;
  const newName = `${config.table_id}_v${next}`;
  const newRelative = `tables/${newName}.yaml`;
  const backfillRelative = `loads/backfill_${newName}.yaml`;
  for (const taken of [newRelative, backfillRelative]) {
    if (configFiles.some((f) => f.relative === taken)) return refuse(`${options.configDir}/${taken} already exists: remove it or finish that evolution first`);
  }
  const oldConfig = compile(configFiles.map((f) => (f === current ? before : f))).project.lookup<TableConfig>('tables', entity.name)?.config;
  if (!oldConfig) return refuse(`${relative} in ${base.info.label} is not a valid table file`);
  const backfill = backfillLoad({ oldName: entity.name, newName, oldConfig, newConfig: config });
  if (!backfill.ok) return refuse(backfill.problem);

  const text = Buffer.from(current.bytes).toString('utf8');
  const versionLine = /^(version:\s*)(\d+)(.*)$/m;
  if (!versionLine.test(text)) return refuse(`${entity.file.path} has no "version:" line to bump`);
  const edits = new Map<string, { text: string | Uint8Array; what: string }>();
  edits.set(newRelative, { text: text.replace(versionLine, `$1${next}$3`), what: `new version ${newName} with the changed definition` });
  edits.set(relative, { text: before.bytes, what: `${entity.name} back as in ${base.info.label} (kept until its readers move)` });
  edits.set(backfillRelative, { text: backfill.text, what: `backfill load (${backfill.pattern}${Object.keys(backfill.casts).length > 0 ? `, casts ${Object.entries(backfill.casts).map(([k, v]) => `${k} AS ${v}`).join(', ')}` : ''})` });
  if (options.moveReaders) {
    for (const f of configFiles) {
      if (edits.has(f.relative)) continue;
      const moved = moveReaders(f.relative, Buffer.from(f.bytes).toString('utf8'), entity.name, newName);
      if (moved !== undefined) edits.set(f.relative, { text: moved, what: `reads ${newName} instead of ${entity.name}` });
    }
  }

  // Validate the result in memory, SQL included, before writing anything.
  const display = (rel: string): string => path.join(options.configDir, rel).split(path.sep).join('/');
  const files: RawFile[] = configFiles.filter((f) => !edits.has(f.relative));
  for (const [rel, e] of edits) files.push({ relative: rel, display: display(rel), bytes: typeof e.text === 'string' ? Buffer.from(e.text, 'utf8') : e.text });
  files.sort((a, b) => a.relative.localeCompare(b.relative));
  const result = compile(files);
  const check = new DiagnosticBag();
  check.addAll(result.diagnostics);
  check.addAll((await checkProjectSql(result.project)).diagnostics);
  const errors = check.sorted().filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return { written: [], problem: 'the new version and its backfill would not validate (errors above): nothing was written', next: [], diagnostics: errors, lines: lineSource([...files, ...environmentFiles]), exitCode: 1 };
  }
  const written: WrittenFile[] = [];
  for (const [rel, e] of edits) {
    fs.writeFileSync(path.join(configDir, rel), e.text);
    written.push({ path: display(rel), what: e.what });
  }
  const readersLeft = options.moveReaders ? [] : head.entities.filter((e) => e.file.path !== entity.file.path && head.graph.dependenciesOf(`${head.moduleOf(e).namespace}/${e.name}`).includes(`tables/${entity.name}`));
  return {
    written,
    next: [
      `gdp plan --base ${baseSpec}: ${newName} and the backfill are created, ${entity.name} is kept (no data is lost)`,
      `after the deploy, run the backfill once: CALL load_backfill_${newName} (in ${newName}'s dataset)`,
      ...(readersLeft.length > 0 ? [`still reading or writing ${entity.name}: ${readersLeft.map((e) => e.file.path).join(', ')} (move them, or run again with --move-readers)`] : []),
      `later, when nothing uses ${entity.name}: remove ${display(relative)} and ${display(backfillRelative)}`,
    ],
    diagnostics: [],
    lines: noLines,
    exitCode: 0,
  };
}

/** The highest version of a table id. */
function latestVersion(project: Project, tableId: string): Entity<TableConfig> | undefined {
  const versions = project.all<TableConfig>('tables').filter((t) => t.config.table_id === tableId);
  return [...versions].sort((a, b) => b.config.version - a.config.version)[0];
}
