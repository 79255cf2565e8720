/**
 * The statements that change the target, per load pattern. Each runs inside the load's transaction, after
 * the source has been staged, checked, quarantined and de-duplicated into `_gdp_source` (alias `S`), and
 * after the source's partition bounds are in variables. Every statement that reads or changes the target
 * carries a constant partition predicate when the target is partitioned.
 */
import type { Dialect } from './dialect';
import type { SqlColumn } from './types';
import { deleteScope, matchCondition, matchPrune, sourcePartitions } from './predicates';
import type { LoadPattern } from './spec';
import type { StatementList } from './statements';
import { VARS } from './variables';

/** Adds a pattern's statements. */
type PatternBuilder = (list: StatementList) => void;

/** append: insert every source row. */
function append(list: StatementList): void {
  list.add('change', 'insert', 'insert', {}, { addRowCountTo: VARS.inserted });
}

/**
 * upsert and full_sync: one MERGE. Its total row count is split with counts taken just before it: new
 * keys (inserted) and, for full_sync, target rows without a source row (deleted); the rest were updated.
 */
function merge(list: StatementList, deleteMissing: boolean): void {
  const { model: m, dialect: d } = list;
  const context = {
    on: matchCondition(m, d),
    updateColumns: m.updateColumns,
    deleteMissing,
    deleteScope: deleteMissing ? deleteScope(m, d) : [],
  };
  list.add('change', 'count_inserts', 'count-new-keys', context);
  if (deleteMissing) list.add('change', 'count_deletes', 'count-missing-keys', context);
  list.add('change', 'merge', 'merge', context, { addRowCountTo: VARS.merged });
  list.set('change', 'count_updates', VARS.updated, 'INTEGER', `${d.variable(VARS.merged)} - ${d.variable(VARS.inserted)} - ${d.variable(VARS.deleted)}`);
}

/** partition_replace: delete the target partitions the source has rows for, insert the source. */
function partitionReplace(list: StatementList): void {
  const { model: m, dialect: d } = list;
  list.add('change', 'delete_partitions', 'delete-partitions', { partitions: sourcePartitions(m, d) }, { addRowCountTo: VARS.deleted });
  list.add('change', 'insert', 'insert', {}, { addRowCountTo: VARS.inserted });
}

/** An expression whose `IS DISTINCT FROM` works for the column's type (JSON, GEOGRAPHY, ARRAY, STRUCT go through JSON text). */
function comparable(expression: string, column: SqlColumn, d: Dialect): string {
  const opaque = column.mode === 'REPEATED' || /^\s*(JSON|GEOGRAPHY|RECORD|STRUCT)\s*$/i.test(column.type);
  return opaque ? d.jsonText(expression) : expression;
}

/**
 * scd2: versions from the batch, in effective-time order, skipping rows equal to the version before them
 * (the current target version for the first one) and rows not newer than the current version (already
 * loaded). The current version of a changed key is closed at its first new version; each new version
 * ends where the next begins (LEAD); hard deletes optionally close current versions of missing keys.
 */
function scd2(list: StatementList): void {
  const { model: m, dialect: d } = list;
  const s = m.scd2!;
  const prune = matchPrune(m, d) ?? '';
  const tracked = m.tracked.map((c, i) => ({ column: c, current: `_gdp_cur_${i}` }));
  const b = (name: string): string => `B.${d.identifier(name)}`;
  const changedVsCurrent = tracked.map((t) => `${comparable(b(t.column.name), t.column, d)} IS DISTINCT FROM ${comparable(`B.${t.current}`, t.column, d)}`);
  const changedVsPrevious = tracked.map((t) => {
    const value = comparable(b(t.column.name), t.column, d);
    return `${value} IS DISTINCT FROM LAG(${value}) OVER _gdp_w`;
  });
  const fromValue = m.effectiveFrom ? `S.${d.identifier(m.effectiveFrom)}` : d.variable(VARS.startedAt);
  list.add('change', 'scd2_current', 'scd2-current', {
    prune,
    isCurrent: s.isCurrent,
    validFrom: s.validFrom.name,
    currentColumns: tracked.map((t) => `T.${d.identifier(t.column.name)} AS ${t.current}`),
  });
  list.add('change', 'scd2_versions', 'scd2-versions', {
    fromExpression: d.cast(fromValue, s.validFrom.type),
    currentColumns: tracked.map((t) => `C.${t.current}`),
    changedVsCurrent: ['B._gdp_found IS NULL', ...changedVsCurrent].join('\n        OR '),
    changedVsPrevious: changedVsPrevious.length ? changedVsPrevious.join('\n        OR ') : 'FALSE',
  });
  const versionColumns = { validFrom: s.validFrom.name, validTo: s.validTo.name, validToType: s.validTo.type, isCurrent: s.isCurrent, prune };
  list.add('change', 'scd2_close_changed', 'scd2-close-changed', versionColumns, { addRowCountTo: VARS.updated });
  if (s.hardDeletes === 'close') {
    list.add('change', 'scd2_close_deleted', 'scd2-close-deleted', { ...versionColumns, scope: deleteScope(m, d) }, { addRowCountTo: VARS.deleted });
  }
  list.add('change', 'scd2_insert', 'scd2-insert', versionColumns, { addRowCountTo: VARS.inserted });
}

/** The statements of each pattern (a lookup, so adding a pattern is one entry). */
export const PATTERNS: Readonly<Record<LoadPattern, PatternBuilder>> = {
  append,
  upsert: (list) => merge(list, false),
  full_sync: (list) => merge(list, true),
  partition_replace: partitionReplace,
  scd2,
};
