/**
 * The SQL each entity runs in an environment, parsed for the tables it reads and writes: procedure and
 * load bodies (the modules' `sqlBodies` hook) and the queries of workflow BigQuery connector steps.
 */
import type { EnvironmentName } from '../core/environment';
import { nodeKey } from '../core/graph';
import type { Project } from '../core/project';
import { callSites, embeddedQueries } from '../modules/workflow/embedded-sql';
import { extrasOf } from '../sql/analyzer/body-extras';
import type { SqlService } from '../sql/analyzer/service';
import { sqlTableUse, type SqlTableUse } from './sql-tables';

/** What an entity's parsed SQL uses; `creates`: the tables its bodies make themselves. */
export type EntityUse = SqlTableUse & { readonly creates: readonly string[] };

/** SQL use per entity key (`procedures/load_orders`), for one environment. */
export type EntitySqlUse = ReadonlyMap<string, EntityUse>;

/** The SQL texts an entity runs in an environment, and the tables its bodies create themselves. */
export interface EntitySql {
  readonly texts: readonly string[];
  readonly creates: readonly string[];
}

/** Parses every SQL text of every entity of an environment; texts ZetaSQL cannot parse are skipped. */
export async function collectSqlUse(project: Project, env: EnvironmentName, service: SqlService): Promise<EntitySqlUse> {
  const out = new Map<string, EntityUse>();
  for (const [key, sql] of entitySqlTexts(project, env)) {
    const use = await parseEntitySql(sql, service);
    if (use) out.set(key, use);
  }
  return out;
}

/** The SQL texts of every entity of an environment that runs SQL there, by entity key (not parsed). */
export function entitySqlTexts(project: Project, env: EnvironmentName): Map<string, EntitySql> {
  const model = project.environments.get(env);
  const out = new Map<string, EntitySql>();
  if (!model) return out;
  for (const entity of project.entities) {
    const module = project.moduleOf(entity);
    const key = nodeKey(module.namespace, entity.name);
    const resolved = model.resolved.get(key);
    if (resolved === undefined) continue;
    const texts: string[] = [];
    const creates: string[] = [];
    for (const body of module.environment?.sqlBodies?.(entity, { env: model.env, resolved, lookup: project.lookup, all: project.all }) ?? []) {
      texts.push(body.sql);
      for (const t of extrasOf(body).tables ?? []) creates.push(`${t.project}.${t.dataset}.${t.name}`.toLowerCase());
    }
    if (module.namespace === 'workflows') texts.push(...workflowQueries(resolved));
    if (texts.length > 0) out.set(key, { texts, creates });
  }
  return out;
}

/** Parses an entity's SQL texts; undefined when ZetaSQL parses none of them. */
export async function parseEntitySql(sql: EntitySql, service: SqlService): Promise<EntityUse | undefined> {
  const uses: SqlTableUse[] = [];
  for (const text of sql.texts) {
    const use = await sqlTableUse(service, text);
    if (use) uses.push(use);
  }
  return uses.length > 0 ? { ...merge(uses), creates: sql.creates } : undefined;
}

/** The SQL of a workflow's BigQuery connector steps (resolved: `$${...}` run-time values stay as text). */
function workflowQueries(resolved: unknown): string[] {
  // A query built at run time (`$${...}`) cannot be parsed: its tables are not known.
  return callSites(resolved).flatMap((site) => embeddedQueries(site).map((q) => q.sql)).filter((sql) => !sql.includes('${'));
}

function merge(uses: readonly SqlTableUse[]): SqlTableUse {
  const all = (pick: (u: SqlTableUse) => readonly string[]): string[] => [...new Set(uses.flatMap(pick))].sort();
  return { reads: all((u) => u.reads), writes: all((u) => u.writes), calls: all((u) => u.calls) };
}
