/**
 * SQL analysis of a compiled project: collects every SQL body modules hand over (`sqlBodies`), builds
 * one catalog per environment, checks each body once per group of environments whose SQL differs only
 * in generated names, and turns findings into diagnostics inside the YAML value the SQL was written in.
 */
import { DiagnosticBag, type Diagnostic, type DiagnosticInput } from '../../core/diagnostics';
import type { EnvironmentName } from '../../core/environment';
import { nodeKey } from '../../core/graph';
import type { Entity, SqlBody, SqlMemo } from '../../core/module-type';
import type { Project } from '../../core/project';
import { SQL_ANALYZER_CODES } from './codes';
import type { CodeTable } from '../../core/code-table';
import { extrasOf, type SqlBodyTable, type SqlLocation } from './body-extras';
import { buildEnvCatalog, type CatalogArgument, type CatalogRoutine, type EnvCatalog } from './catalog';
import { BodyChecker, type Finding } from './checker';
import { RpcError, SqlServerUnavailable, ZetaSqlServer, usableServerBinary } from './server';
import { SqlService, type SqlOutcome } from './service';
import type { SqlType } from './types';
import type { SlotMember, SqlCheckCache } from '../check-cache';

/** Options of {@link checkProjectSql}. */
export interface SqlCheckOptions {
  /** A running service to use (kept running); by default one is started for the call and stopped after. */
  readonly service?: SqlService;
  /** Server binary to start instead of the npm package's. */
  readonly serverBinary?: string;
  /** Files whose SQL is not checked because they already have errors (their resolved SQL is unreliable). */
  readonly skipFiles?: ReadonlySet<string>;
  /** Findings and types of earlier runs (the incremental cache); the server starts only if something is missing. */
  readonly cache?: SqlCheckCache;
}

/** What {@link checkProjectSql} found, and how long it took. */
export interface SqlCheckResult {
  readonly diagnostics: Diagnostic[];
  /** Bodies checked (one per group of environments with the same SQL). */
  readonly checked: number;
  /** Milliseconds spent checking bodies (not starting the server). */
  readonly checkMs: number;
}

/** Bodies checked at the same time. */
const CONCURRENCY = 4;

/** One body in one environment. */
interface Item {
  readonly entity: Entity;
  readonly env: EnvironmentName;
  readonly body: SqlBody;
}

/** Checks every SQL body of a project; never throws for problems of the SQL or of the server. */
export async function checkProjectSql(project: Project, options: SqlCheckOptions = {}): Promise<SqlCheckResult> {
  const items = collectBodies(project, options.cache);
  // Skip bodies in files with errors, and bodies that use entities (tables…) whose files have errors:
  // their columns may be missing from the catalog, and every finding would be a cascade.
  const skip = options.skipFiles;
  const blocked = (entity: Entity): boolean => {
    if (!skip || skip.size === 0) return false;
    if (skip.has(entity.file.path)) return true;
    const key = nodeKey(project.moduleOf(entity).namespace, entity.name);
    return project.graph.dependenciesOf(key).some((dep) => {
      const slash = dep.indexOf('/');
      const target = project.lookup(dep.slice(0, slash), dep.slice(slash + 1));
      return target !== undefined && skip.has(target.file.path);
    });
  };
  const toCheck = items.filter((i) => !blocked(i.entity));
  if (toCheck.length === 0) return { diagnostics: [], checked: 0, checkMs: 0 };

  // Started when first needed: with a warm cache, a run may not need the server at all.
  let starting: Promise<SqlService> | undefined;
  const serviceNow = (): Promise<SqlService> => (starting ??= options.service ? Promise.resolve(options.service) : SqlService.start({ binary: options.serverBinary }));
  const { cache } = options;
  const resolveType = async (text: string): Promise<SqlOutcome<SqlType>> =>
    cache ? cache.resolveType(text, async (t) => (await serviceNow()).resolveType(t)) : (await serviceNow()).resolveType(text);
  // Without the cache the server starts now; with it, only what can be known without starting it (a
  // platform without a binary, a missing one) is checked now, which a run without the cache reports too.
  const unavailable = cache
    ? binaryProblem(options)
    : await serviceNow().then(
        () => undefined,
        (e: unknown) => e,
      );
  if (unavailable !== undefined) return serverUnavailable(toCheck, unavailable);
  const started = process.hrtime.bigint();
  const diagnostics: Diagnostic[] = [];
  let checked = 0;
  try {
    const catalogs = new Map<EnvironmentName, EnvCatalog>();
    for (const [name, model] of project.environments) {
      const inEnv = items.filter((i) => i.env === name);
      const routines = await catalogRoutines(resolveType, inEnv);
      const created: SqlBodyTable[] = inEnv.flatMap((i) => extrasOf(i.body).tables ?? []);
      catalogs.set(name, buildEnvCatalog(project, model.env, routines, created));
    }
    const { groups, unsaved } = cache ? planThroughCache(toCheck, catalogs, cache) : { groups: groupByNormalizedSql(toCheck, catalogs).map((items) => ({ items })), unsaved: [] };
    const checkGroup = async (planned: Group): Promise<void> => {
      const group = planned.items;
      const first = group[0];
      const catalog = catalogs.get(first.env)!;
      let findings = planned.findings ?? cache?.findings(catalog, first.body);
      if (findings) {
        planned.findings = findings;
        for (const f of findings) diagnostics.push(toDiagnostic(first, f, group.map((i) => i.env)));
        return;
      }
      try {
        const args = await resolveArguments(resolveType, first.body);
        findings = await new BodyChecker(await serviceNow(), catalog, { sql: first.body.sql, arguments: args }).run();
        cache?.storeFindings(catalog, first.body, findings);
        planned.findings = findings;
      } catch (e) {
        // ZetaSQL refused a request about this body (an internal limit or error): the others go on.
        if (!(e instanceof RpcError) || ZetaSqlServer.isServerFailure(e)) throw e;
        findings = [{ code: 'GDP629', message: `the SQL was not checked: ZetaSQL failed on it (${e.details})` }];
      }
      checked++;
      const envs = group.map((i) => i.env);
      for (const f of findings) diagnostics.push(toDiagnostic(first, f, envs));
    };
    // A few bodies at a time: the server analyzes in parallel while Node encodes the next requests.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < groups.length) await checkGroup(groups[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, worker));
    // A slot whose every group has findings to keep is stored whole, for the next run's first look-up.
    for (const slot of unsaved) {
      const findings = slot.groups.map((g) => g.findings);
      if (findings.every((f) => f !== undefined)) cache?.storeSlotResult(slot.name, slot.members, { partition: slot.partition, findings });
    }
  } catch (e) {
    // As a run without the cache reports it: the server not starting is the one finding.
    if (e instanceof SqlServerUnavailable) return serverUnavailable(toCheck, e);
    if (!ZetaSqlServer.isServerFailure(e)) throw e;
    const reason = (await serviceNow()).stopped ?? (e as Error).message;
    diagnostics.push(notChecked(toCheck, `the ZetaSQL server failed during the check (${reason}); findings may be incomplete`));
  } finally {
    if (!options.service && starting) await starting.then((s) => s.close()).catch(() => undefined);
  }
  // Identical findings of several groups (e.g. a message without names) are merged, as gdp does.
  const bag = new DiagnosticBag(project.registry.codes);
  bag.addAll(diagnostics);
  return { diagnostics: bag.sorted(), checked, checkMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Every SQL body of every entity, per environment, in environment then entity order. */
function collectBodies(project: Project, cache: SqlCheckCache | undefined): Item[] {
  const items: Item[] = [];
  const memo: SqlMemo | undefined = cache && ((namespace, key, compute, accept) => cache.memo(namespace, key, compute, accept));
  // A plugin's code outside its entry file is not in the cache's keys: only built-in modules memoize.
  const builtin = new Set(project.registry.registered().filter((r) => r.origin.source === 'builtin').map((r) => r.module.kind));
  for (const [env, model] of project.environments) {
    for (const entity of project.entities) {
      const module = project.moduleOf(entity);
      const sqlBodies = module.environment?.sqlBodies;
      if (!sqlBodies) continue;
      const resolved = model.resolved.get(nodeKey(module.namespace, entity.name));
      if (resolved === undefined) continue;
      const ctx = { env: model.env, resolved, lookup: project.lookup, all: project.all, memo: builtin.has(module.kind) ? memo : undefined };
      for (const body of sqlBodies(entity, ctx)) items.push({ entity, env, body });
    }
  }
  return items;
}

/**
 * Groups a body's environments when their SQL is the same once generated names are replaced by
 * placeholders, and so are the catalog objects the SQL names (a table only one environment has splits
 * the group): the check runs once per group (in the first environment of it).
 */
function groupByNormalizedSql(items: readonly Item[], catalogs: ReadonlyMap<EnvironmentName, EnvCatalog>): Item[][] {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const catalog = catalogs.get(item.env)!;
    const key = [slotOf(item), catalog.normalize(item.body.sql), catalog.sliceKey(item.body.sql)].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/** Bodies checked once for several environments; `findings` once known (from the cache or the check). */
interface Group {
  readonly items: Item[];
  findings?: readonly Finding[];
}

/** A slot whose result was not stored whole: stored after the check when every group has findings to keep. */
interface UnsavedSlot {
  readonly name: string;
  readonly members: readonly SlotMember[];
  readonly partition: readonly (readonly number[])[];
  readonly groups: readonly Group[];
}

/** The bodies grouped (the same value of an entity) before environments are compared. */
function slotOf(item: Item): string {
  return [item.entity.file.path, item.body.path.join('.'), item.body.kind].join('\u0000');
}

/**
 * {@link groupByNormalizedSql}'s groups, in its order, through the cache, slot by slot: a slot whose SQL
 * and catalogs are unchanged comes with its findings; else its grouping is looked up by finer keys (or
 * computed) and its groups' findings are looked up when checked.
 */
function planThroughCache(items: readonly Item[], catalogs: ReadonlyMap<EnvironmentName, EnvCatalog>, cache: SqlCheckCache): { groups: Group[]; unsaved: UnsavedSlot[] } {
  const slots = new Map<string, number[]>();
  items.forEach((item, i) => {
    const slot = slotOf(item);
    const indexes = slots.get(slot);
    if (indexes) indexes.push(i);
    else slots.set(slot, [i]);
  });
  const groups: { first: number; group: Group }[] = [];
  const unsaved: UnsavedSlot[] = [];
  for (const [name, indexes] of slots) {
    const members = indexes.map((i) => ({ env: items[i].env, catalog: catalogs.get(items[i].env)!, body: items[i].body }));
    const toGroup = (part: readonly number[], findings?: readonly Finding[]): Group => {
      const group: Group = { items: part.map((j) => items[indexes[j]]), findings };
      groups.push({ first: indexes[part[0]], group });
      return group;
    };
    const stored = cache.slotResult(name, members);
    if (stored) {
      stored.partition.forEach((part, j) => toGroup(part, stored.findings[j]));
      continue;
    }
    let partition = cache.grouping(name, members);
    if (!partition) {
      const position = new Map(indexes.map((i, j) => [items[i], j]));
      partition = groupByNormalizedSql(indexes.map((i) => items[i]), catalogs).map((group) => group.map((item) => position.get(item)!));
      cache.storeGrouping(name, members, partition);
    }
    unsaved.push({ name, members, partition, groups: partition.map((part) => toGroup(part)) });
  }
  // The groups of one slot are apart from the others': ordered by first body, as the whole grouping orders them.
  groups.sort((a, b) => a.first - b.first);
  return { groups: groups.map((g) => g.group), unsaved };
}

/** Why the server binary cannot be started (checked without starting it), or undefined. */
function binaryProblem(options: SqlCheckOptions): unknown {
  if (options.service) return undefined;
  try {
    usableServerBinary(options.serverBinary);
    return undefined;
  } catch (e) {
    return e;
  }
}

/** The ZetaSQL type of a type name (through the cache when there is one). */
type TypeResolver = (text: string) => Promise<SqlOutcome<SqlType>>;

/** The result of a check the server could not start for: one warning, whatever the cache holds. */
function serverUnavailable(items: readonly Item[], e: unknown): SqlCheckResult {
  if (!(e instanceof SqlServerUnavailable)) throw e;
  return { diagnostics: [notChecked(items, e.message, e.hint)], checked: 0, checkMs: 0 };
}

/** Arguments of a body with ZetaSQL types; an argument whose type does not resolve is left out. */
async function resolveArguments(resolveType: TypeResolver, body: SqlBody): Promise<CatalogArgument[]> {
  const out: CatalogArgument[] = [];
  for (const a of body.arguments ?? []) {
    const type = await resolveType(a.type);
    if (type.ok) out.push({ name: a.name, type: type.value, mode: a.mode });
  }
  return out;
}

/** The procedures bodies define in an environment; one whose argument types do not resolve is left out. */
async function catalogRoutines(resolveType: TypeResolver, items: readonly Item[]): Promise<CatalogRoutine[]> {
  const out: CatalogRoutine[] = [];
  for (const { body } of items) {
    if (!body.routine) continue;
    const args = await resolveArguments(resolveType, body);
    if (args.length === (body.arguments ?? []).length) out.push({ ...body.routine, arguments: args });
  }
  return out;
}

/** Where a finding goes: the body's own choice, else its value (at the mapped offset when it maps them). */
function locate(body: SqlBody, f: Finding): SqlLocation {
  const { offset } = f;
  const { locate: own } = extrasOf(body);
  if (own) return own(offset, f.code);
  return { path: body.path, offset: offset !== undefined && body.mapOffset ? body.mapOffset(offset) : undefined };
}

function toDiagnostic(item: Item, f: Finding, environments: readonly string[]): Diagnostic {
  const { file } = item.entity;
  const at = locate(item.body, f);
  const pos = at.offset !== undefined ? file.locateInValue(at.path, at.offset) : file.locate(at.path);
  const input: DiagnosticInput = {
    code: f.code,
    severity: f.severity,
    file: file.path,
    line: pos.line,
    column: pos.column,
    message: at.context ? `${at.context}: ${f.message}` : f.message,
    hint: f.hint ?? at.hint,
    path: at.path.join('.'),
    environments,
  };
  const info = (SQL_ANALYZER_CODES as CodeTable)[f.code];
  return { ...input, severity: input.severity ?? info?.severity ?? 'error', line: pos.line, column: pos.column, hint: input.hint ?? info?.hint };
}

/** One warning for the whole run: SQL was not checked, and why (placed on the first body). */
function notChecked(items: readonly Item[], reason: string, hint?: string): Diagnostic {
  const first = items[0];
  const pos = first.entity.file.locate(first.body.path);
  const files = new Set(items.map((i) => i.entity.file.path));
  const info = SQL_ANALYZER_CODES.GDP629;
  return {
    code: 'GDP629',
    severity: info.severity,
    file: first.entity.file.path,
    line: pos.line,
    column: pos.column,
    path: first.body.path.join('.'),
    message: `the SQL of ${files.size} file${files.size === 1 ? '' : 's'} was not checked: ${reason}`,
    hint: hint ?? info.hint,
  };
}
