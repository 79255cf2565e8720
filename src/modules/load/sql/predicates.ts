/**
 * Conditions shared by several statements of a load: the constant partition-pruning predicates on the
 * target, the window, and the bad-row predicate of each quality rule. Built with the dialect's quoting
 * only, so they are the same text on every engine.
 *
 * Aliases: `T` is the target, `S` the de-duplicated source (`_gdp_source`), `R` a staged row
 * (`_gdp_staged`).
 */
import type { Dialect } from './dialect';
import type { LoadModel } from './model';
import type { QualityRule } from './spec';
import { VARS } from './variables';

/** `T.<partition column>`. */
const partitionOf = (m: LoadModel, d: Dialect, alias: string): string => `${alias}.${d.identifier(m.partition!.column)}`;

/**
 * A partition predicate that keeps every partition: it satisfies `require_partition_filter` where a
 * statement must read the whole target (the same device dbt uses).
 */
function allPartitions(m: LoadModel, d: Dialect): string {
  const p = partitionOf(m, d, 'T');
  return `(${p} IS NULL OR ${p} IS NOT NULL)`;
}

/**
 * The pruning predicate for statements that match source keys in the target: the target partition
 * column between the smallest and largest value of the source (variables computed first, so the
 * predicate is constant). Assumes a key's partition value does not change. Undefined when the target is
 * not partitioned; keeps every partition when the source does not provide the partition column.
 */
export function matchPrune(m: LoadModel, d: Dialect): string | undefined {
  if (!m.partition) return undefined;
  if (!m.partition.fromSource) return allPartitions(m, d);
  const p = partitionOf(m, d, 'T');
  const range = `${p} BETWEEN ${d.variable(VARS.partLo)} AND ${d.variable(VARS.partHi)}`;
  return m.partition.nullable ? `(${range} OR ${p} IS NULL)` : `(${range})`;
}

/** `T.<window column> >= <window start>`, or undefined without a window. */
export function targetWindow(m: LoadModel, d: Dialect, alias = 'T'): string | undefined {
  return m.window && `${alias}.${d.identifier(m.window.column)} >= ${d.variable(VARS.windowStart)}`;
}

/**
 * Which target rows a statement that closes or deletes rows missing from the source may touch: the
 * window when there is one, and a partition predicate (the window prunes when it is on the partition
 * column; otherwise every partition must be read).
 */
export function deleteScope(m: LoadModel, d: Dialect): string[] {
  const scope: string[] = [];
  const window = targetWindow(m, d);
  if (window) scope.push(window);
  if (m.partition && m.window?.column !== m.partition.column) scope.push(allPartitions(m, d));
  return scope;
}

/** The key equality of target and source rows plus the match pruning predicate: a MERGE's ON. */
export function matchCondition(m: LoadModel, d: Dialect): string {
  const keys = m.keys.map((k) => `T.${d.identifier(k)} = S.${d.identifier(k)}`);
  const prune = matchPrune(m, d);
  return [...keys, ...(prune ? [prune] : [])].join(' AND ');
}

/**
 * Target rows of the partitions present in the source (partition_replace): a constant range that prunes,
 * and the exact set of partitions; plus the NULL partition when the source has NULL partition values.
 */
export function sourcePartitions(m: LoadModel, d: Dialect): string {
  const { columnType, granularity, nullable } = m.partition!;
  const t = partitionOf(m, d, 'T');
  const s = partitionOf(m, d, 'S');
  const present =
    `(${t} >= ${d.variable(VARS.partLo)} AND ${t} < ${d.variable(VARS.partEnd)}` +
    ` AND ${d.partitionStart(t, columnType, granularity)} IN (SELECT ${d.partitionStart(s, columnType, granularity)} FROM _gdp_source AS S))`;
  if (!nullable) return present;
  return `${present}\n   OR (${t} IS NULL AND EXISTS (SELECT 1 FROM _gdp_source AS S WHERE ${s} IS NULL))`;
}

/** Renders a value of an accepted-values list as a literal suited to the column. */
function valueLiteral(value: string | number, stringColumn: boolean, d: Dialect): string {
  // Finite numbers only: checked with the spec.
  if (typeof value === 'number' && !stringColumn) return String(value);
  return d.stringLiteral(String(value));
}

/**
 * The condition that makes a staged row (`R`) bad under a quality rule. NULLs are bad only for
 * `not_null`; `unique` ignores rows with a NULL in its columns; a `condition` that is NULL passes.
 */
export function badRow(rule: QualityRule, d: Dialect, stringColumns: ReadonlySet<string>): string {
  const columns = rule.columns ?? [];
  const col = (name: string, alias = 'R'): string => `${alias}.${d.identifier(name)}`;
  if (rule.kind === 'not_null') return `(${columns.map((c) => `${col(c)} IS NULL`).join(' OR ')})`;
  if (rule.kind === 'accepted_values') {
    const c = columns[0];
    const values = (rule.values ?? []).map((v) => valueLiteral(v, stringColumns.has(c), d));
    return `(${col(c)} IS NOT NULL AND ${col(c)} NOT IN (${values.join(', ')}))`;
  }
  if (rule.kind === 'unique') {
    const list = columns.map((c) => d.identifier(c)).join(', ');
    const notNull = columns.map((c) => `${d.identifier(c)} IS NOT NULL`).join(' AND ');
    return (
      `R._gdp_row IN (SELECT _gdp_row FROM (SELECT _gdp_row, COUNT(*) OVER (PARTITION BY ${list}) AS _gdp_n` +
      ` FROM _gdp_staged WHERE ${notNull}) AS _gdp_dups WHERE _gdp_n > 1)`
    );
  }
  const sql = rule.condition!.trim();
  // A comment at the end of the user's condition must not swallow the closing parentheses.
  return `NOT COALESCE((${sql}${/--|#|\/\*/.test(sql) ? '\n' : ''}), TRUE)`;
}
