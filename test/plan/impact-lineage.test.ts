/**
 * The impact's lineage parses only the SQL that can reach a change, and around the nodes the impact reads
 * it is the fully parsed lineage: checked for every table of the bundled example (a real ZetaSQL server).
 */
import { buildLineage, collectSqlUse, entitySqlTexts, reachable, type Lineage } from '../../src/graph';
import { impactLineage } from '../../src/plan/impact-lineage';
import type { SqlService } from '../../src/sql/analyzer';
import { bundledConfiguration, compileFiles, errors, useSqlService } from '../../src/testing';

const sqlService = useSqlService();
const bundled = compileFiles({}, { base: bundledConfiguration(), environments: ['dv'] }).project;
// A procedure that names a table in its SQL text only (no reference, so no dependency): found by its text.
const transactions = bundled.environments.get('dv')!.attributesOf('tables', 'transactions_v1')!.full_name;
const literal = `routine_id: count_transactions
dataset_id: sales
description: "Counts transactions"
definition_body: |-
  BEGIN
    SELECT COUNT(*) FROM \`${transactions}\`;
  END;
`;
// The same, spelling the table id with an escape in the quoted name (ZetaSQL reads transactions_v1).
const escaped = literal.replace('count_transactions', 'count_escaped').replace('transactions_v1`', 'transactions\\x5fv1`');
const compiled = compileFiles({ 'sql-scripts/sprocs/count_transactions.yaml': literal, 'sql-scripts/sprocs/count_escaped.yaml': escaped }, { base: bundledConfiguration(), environments: ['dv'] });
const project = compiled.project;

/** The service, counting the scripts it parses. */
function counting(service: SqlService): { service: SqlService; parsed: () => number } {
  let parsed = 0;
  const proxy = new Proxy(service, {
    get(target, key) {
      if (key === 'parseScript') {
        return (sql: string) => {
          parsed++;
          return target.parseScript(sql);
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { service: proxy, parsed: () => parsed };
}

/** What the impact of a changed table reads: everything downstream of it, and its neighbours. */
function consulted(table: string): (l: Lineage) => Set<string> {
  return (l) => {
    const out = new Set(reachable(l, table, 'downstream').keys());
    for (const e of l.edges) if (e.from === table || e.to === table) out.add(e.from).add(e.to);
    return out;
  };
}

/** The edges of a lineage that touch the given nodes, with their nodes, as text. */
function around(l: Lineage, ids: ReadonlySet<string>): string[] {
  const edges = l.edges.filter((e) => ids.has(e.from) || ids.has(e.to)).map((e) => `${e.from} -${e.relation}-> ${e.to}`);
  const nodes = l.nodes.filter((n) => ids.has(n.id)).map((n) => JSON.stringify(n));
  return [...edges, ...nodes];
}

it('equals the fully parsed lineage around what the impact reads, for every table, parsing less', async () => {
  expect(errors(compiled)).toEqual([]);
  const full = buildLineage(project, 'dv', await collectSqlUse(project, 'dv', sqlService()));
  expect(full.edges).toContainEqual({ from: 'tables/transactions_v1', to: 'procedures/count_transactions', relation: 'reads' });
  expect(full.edges).toContainEqual({ from: 'tables/transactions_v1', to: 'procedures/count_escaped', relation: 'reads' });
  const texts = [...entitySqlTexts(project, 'dv').values()].reduce((n, s) => n + s.texts.length, 0);
  const tables = full.nodes.filter((n) => n.kind === 'table').map((n) => n.id);
  expect(tables.length).toBeGreaterThan(5);
  const parsedCounts: number[] = [];
  for (const table of tables) {
    const { service, parsed } = counting(sqlService());
    const partial = await impactLineage(project, 'dv', service, consulted(table));
    const wanted = consulted(table)(full);
    expect({ table, nodes: [...consulted(table)(partial)].sort() }).toEqual({ table, nodes: [...wanted].sort() });
    expect({ table, around: around(partial, wanted) }).toEqual({ table, around: around(full, wanted) });
    parsedCounts.push(parsed());
  }
  // A table few bodies name needs only those parsed.
  expect(Math.min(...parsedCounts)).toBeLessThan(texts / 2);
});

it('is the lineage without SQL when there is no SQL service', async () => {
  const partial = await impactLineage(project, 'dv', undefined, () => new Set());
  expect(partial).toEqual(buildLineage(project, 'dv', undefined));
  expect(partial.sqlAnalysed).toBe(false);
});
