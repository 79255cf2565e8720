/**
 * The tables a SQL script reads and writes and the procedures it calls, from ZetaSQL's parse tree (not
 * from text patterns): `FROM`/`JOIN` table paths are reads; the targets of INSERT, MERGE, UPDATE,
 * DELETE, TRUNCATE, CREATE TABLE and LOAD DATA are writes; CALL names a procedure. Names of temporary
 * tables and CTEs the script defines itself are left out.
 */
import { child, field, namesOf, unwrap } from '../sql/analyzer/ast';
import type { SqlService, TreeNode } from '../sql/analyzer/service';

/** Names (lower case, dot-joined as written) a script uses. */
export interface SqlTableUse {
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  readonly calls: readonly string[];
}

/** Statements whose `targetPath` is the table they write. */
const TARGET_WRITERS = new Set(['astInsertStatementNode', 'astMergeStatementNode', 'astUpdateStatementNode', 'astDeleteStatementNode', 'astTruncateStatementNode']);

function isObject(v: unknown): v is TreeNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a script and collects the tables it uses; undefined when ZetaSQL cannot parse it. */
export async function sqlTableUse(service: SqlService, sql: string): Promise<SqlTableUse | undefined> {
  const parsed = await service.parseScript(sql);
  if (!parsed.ok) return undefined;
  return tableUseOf(parsed.value);
}

/** Collects the tables of a parse tree (see {@link sqlTableUse}). */
export function tableUseOf(tree: TreeNode): SqlTableUse {
  const reads = new Set<string>();
  const writes = new Set<string>();
  const calls = new Set<string>();
  const local = new Set<string>();
  const name = (v: unknown): string => namesOf(v).join('.').toLowerCase();
  const visit = (v: unknown, kind?: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (!isObject(v)) return;
    const node = unwrap(v);
    const k = node && node.kind !== 'node' ? node.kind : kind;
    if (node && k) {
      const n = node.node;
      if (TARGET_WRITERS.has(k)) writes.add(name(field(n, 'targetPath')));
      else if (k === 'astTablePathExpressionNode') {
        const path = field(n, 'pathExpr');
        if (path !== undefined) reads.add(name(path));
      } else if (k === 'astCallStatementNode') calls.add(name(field(n, 'procedureName')));
      else if (k === 'astCreateTableStatementNode' || k === 'astAuxLoadDataStatementNode') {
        const target = name(field(n, 'name'));
        if (isTemp(n)) local.add(target);
        else writes.add(target);
      } else if (k === 'astWithClauseEntryNode' || k === 'astAliasedQueryNode') {
        local.add(name(field(n, 'alias')));
      }
    }
    for (const [key, x] of Object.entries(v)) if (key !== 'parseLocationRange') visit(x);
  };
  visit(tree);
  // CTE entries appear as plain objects with an alias and a query (no oneof wrapper).
  collectCteNames(tree, local);
  const keep = (s: Set<string>): string[] => [...s].filter((x) => x !== '' && !local.has(x)).sort();
  return { reads: keep(reads), writes: keep(writes), calls: [...calls].filter((x) => x !== '').sort() };
}

function isTemp(n: TreeNode): boolean {
  if (field(n, 'isTempTable') === true) return true;
  // ASTCreateStatement.Scope: TEMPORARY is 3 (JSON may also spell the enum name).
  const scope = field(n, 'scope');
  return scope === 3 || (typeof scope === 'string' && scope.includes('TEMP'));
}

function collectCteNames(tree: unknown, out: Set<string>): void {
  if (Array.isArray(tree)) {
    for (const x of tree) collectCteNames(x, out);
    return;
  }
  if (!isObject(tree)) return;
  const withList = tree.with;
  if (Array.isArray(withList)) {
    for (const entry of withList) {
      const alias = isObject(entry) ? child(entry, 'alias') : undefined;
      if (alias) out.add(namesOf(alias.node).join('.').toLowerCase());
    }
  }
  for (const [key, x] of Object.entries(tree)) if (key !== 'parseLocationRange') collectCteNames(x, out);
}
