/**
 * The lineage the impact section of a plan reads, with only the SQL parsed that can change what it reads.
 *
 * Parsing every SQL body of a project with ZetaSQL was most of a plan's CPU and its memory peak, while
 * the impact reads only the part of the lineage around the changes. An edge made by SQL belongs to the
 * entity whose SQL it comes from, and that SQL names the other end (a table by its table id, a procedure
 * by its routine id). So the lineage is built with no SQL parsed, the nodes the impact reads are taken
 * from it (`consulted`), and every entity whose edges touch them is parsed: those nodes' own SQL, the
 * SQL whose text names them, the SQL that creates them (generated tables), and the entities next to them
 * (whose edges without parsed SQL are only stand-ins). Then again, until nothing new is to be parsed:
 * every edge at a consulted node is then the one the fully parsed lineage has, so what the impact reads
 * is the same.
 */
import type { EnvironmentName } from '../core/environment';
import type { Project } from '../core/project';
import { buildLineage, entitySqlTexts, parseEntitySql, type EntitySql, type EntityUse, type Lineage } from '../graph';
import type { SqlService } from '../sql/analyzer';

/**
 * The lineage of `env` in which every node `consulted` returns has the edges of the fully parsed lineage.
 * `consulted` must return every node id the caller reads, the nodes it follows edges from included.
 * Without a SQL service, the lineage without SQL (as {@link buildLineage} makes it).
 */
export async function impactLineage(
  project: Project,
  env: EnvironmentName,
  service: SqlService | undefined,
  consulted: (lineage: Lineage) => ReadonlySet<string>,
): Promise<Lineage> {
  if (!service) return buildLineage(project, env, undefined);
  const sql = entitySqlTexts(project, env);
  const names = new SqlNameIndex(sql);
  const parsed = new Set<string>();
  const use = new Map<string, EntityUse>();
  for (;;) {
    const lineage = buildLineage(project, env, use);
    const seen = consulted(lineage);
    const wanted = new Set<string>();
    const want = (key: string): void => {
      if (sql.has(key) && !parsed.has(key)) wanted.add(key);
    };
    for (const node of lineage.nodes) {
      if (!seen.has(node.id)) continue;
      want(node.id);
      const name = node.cloudName?.toLowerCase();
      if (!name) continue;
      for (const key of names.naming(name.slice(name.lastIndexOf('.') + 1))) want(key);
      for (const key of names.creating(name)) want(key);
    }
    for (const e of lineage.edges) {
      if (seen.has(e.from) || seen.has(e.to)) {
        want(e.from);
        want(e.to);
      }
    }
    if (wanted.size === 0) return lineage;
    for (const key of wanted) {
      parsed.add(key);
      const found = await parseEntitySql(sql.get(key)!, service);
      if (found) use.set(key, found);
    }
  }
}

/** Which entities' SQL names an identifier (case-insensitively, as ZetaSQL's names are compared) or creates a table. */
class SqlNameIndex {
  private readonly byToken = new Map<string, string[]>();
  private readonly byCreated = new Map<string, string[]>();
  /** Entities whose SQL holds a backslash: a quoted name may spell any identifier with escapes (`orders\x5fv2`). */
  private readonly escaping: string[] = [];
  private lowered?: Map<string, string>;

  constructor(private readonly sql: ReadonlyMap<string, EntitySql>) {
    for (const [key, { texts, creates }] of sql) {
      if (texts.some((t) => t.includes('\\'))) this.escaping.push(key);
      const tokens = new Set<string>();
      for (const text of texts) for (const token of text.toLowerCase().split(NOT_IN_TOKEN)) if (token) tokens.add(token);
      for (const token of tokens) push(this.byToken, token, key);
      for (const table of new Set(creates)) push(this.byCreated, table, key);
    }
  }

  /** Entities whose SQL text contains `name` (lower case) as a whole identifier, or anywhere when it is not a plain one. */
  naming(name: string): readonly string[] {
    if (TOKEN.test(name)) return [...(this.byToken.get(name) ?? []), ...this.escaping];
    this.lowered ??= new Map([...this.sql].map(([key, s]) => [key, s.texts.join('\n').toLowerCase()]));
    return [...this.lowered].filter(([key, text]) => text.includes(name) || this.escaping.includes(key)).map(([key]) => key);
  }

  /** Entities whose bodies create the table `name` (lower case, as a generated table node's cloud name). */
  creating(name: string): readonly string[] {
    return this.byCreated.get(name) ?? [];
  }
}

/** A plain identifier; others (BigQuery table ids may hold dashes, spaces, any letter) are searched as text. */
const TOKEN = /^[a-z0-9_]+$/;
const NOT_IN_TOKEN = /[^a-z0-9_]+/;

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
