/**
 * What a load's statements need to know, worked out once from a {@link LoadSpec}: the role of every
 * column, and the invariants the load module guarantees (checked again here; a failure is a bug).
 */
import { checkIdentifier } from './dialect';
import { SqlInternalError } from './errors';
import type { SqlColumn, TableRef, TimeColumnType } from './types';
import type { FilesSource, LoadSpec, QualityRule } from './spec';

/** A column of the target whose values come from a time expression of the load. */
export interface TypedColumn {
  readonly name: string;
  readonly type: string;
}

/** The resolved roles of a load's columns. */
export interface LoadModel {
  readonly spec: LoadSpec;
  readonly target: TableRef;
  /** Source columns as staged (after casts), in source order. */
  readonly sourceColumns: readonly string[];
  /** Target data columns the source provides: what is inserted, in target order. */
  readonly loaded: readonly string[];
  readonly keys: readonly string[];
  /** Columns updated on a key match (upsert, full_sync). */
  readonly updateColumns: readonly string[];
  /** Columns compared to detect a change (scd2). */
  readonly tracked: readonly SqlColumn[];
  readonly orderBy: readonly { readonly column: string; readonly descending: boolean }[];
  /** Source column giving each scd2 version's start (absent: the load's start time). */
  readonly effectiveFrom?: string;
  readonly partition?: {
    readonly column: string;
    readonly granularity: 'DAY' | 'HOUR' | 'MONTH' | 'YEAR';
    readonly columnType: TimeColumnType;
    readonly nullable: boolean;
    /** True when the source provides the partition column, so its range can prune the target. */
    readonly fromSource: boolean;
  };
  readonly window?: { readonly column: string; readonly days: number; readonly type: TimeColumnType; readonly inSource: boolean };
  readonly audit: { readonly loadTime?: TypedColumn; readonly loadId?: string };
  readonly scd2?: {
    readonly validFrom: TypedColumn;
    readonly validTo: TypedColumn;
    readonly isCurrent: string;
    readonly hardDeletes: 'ignore' | 'close';
  };
  readonly quality: readonly QualityRule[];
}

const TIME_TYPES: readonly string[] = ['DATE', 'TIMESTAMP', 'DATETIME'];
const PATTERNS: readonly string[] = ['append', 'upsert', 'full_sync', 'partition_replace', 'scd2'];
const KEYED_PATTERNS: readonly string[] = ['upsert', 'full_sync', 'scd2'];

const fail = (spec: LoadSpec, message: string): never => {
  throw new SqlInternalError(`load ${JSON.stringify(spec?.name)}: ${message}`);
};

function checkColumns(spec: LoadSpec, what: string, columns: readonly SqlColumn[]): Map<string, SqlColumn> {
  const byName = new Map<string, SqlColumn>();
  for (const c of columns) {
    checkIdentifier(c.name);
    if (c.name.toLowerCase().startsWith('_gdp_')) fail(spec, `${what} column "${c.name}" uses the reserved prefix _gdp_`);
    if ([...byName.keys()].some((n) => n.toLowerCase() === c.name.toLowerCase())) fail(spec, `${what} column "${c.name}" is declared twice`);
    byName.set(c.name, c);
  }
  return byName;
}

function requireIn(spec: LoadSpec, names: readonly string[], allowed: readonly string[], what: string): void {
  for (const n of names) if (!allowed.includes(n)) fail(spec, `${what} "${n}" is not one of ${allowed.join(', ') || '(none)'}`);
}

const timeType = (spec: LoadSpec, column: SqlColumn | undefined, what: string): TimeColumnType => {
  const type = column ? canonical(column.type) : '';
  if (!column || !TIME_TYPES.includes(type) || column.mode === 'REPEATED') fail(spec, `${what} must be a DATE, TIMESTAMP or DATETIME target column`);
  return type as TimeColumnType;
};

const canonical = (type: string): string => {
  const upper = String(type).trim().toUpperCase();
  return ({ INT64: 'INTEGER', FLOAT64: 'FLOAT', BOOL: 'BOOLEAN', STRUCT: 'RECORD' } as Record<string, string>)[upper] ?? upper;
};

/** The source's column names: declared, or (for a query without columns) the ones the load needs. */
function sourceColumnNames(spec: LoadSpec, dataColumns: readonly string[]): string[] {
  const s = spec.source;
  if (s.kind !== 'query' || s.columns) {
    const columns = s.kind === 'query' ? (s.columns ?? []) : s.columns;
    if (!columns.length) fail(spec, 'the source declares no columns');
    return [...checkColumns(spec, 'source', columns).keys()];
  }
  const needed = [
    ...dataColumns,
    ...(spec.orderBy ?? []).map((o) => o.column),
    ...(spec.scd2?.effectiveFrom ? [spec.scd2.effectiveFrom] : []),
    ...spec.quality.flatMap((r) => r.columns ?? []),
  ];
  return [...new Set(needed)];
}

function checkQuality(spec: LoadSpec, sourceColumns: readonly string[]): void {
  for (const rule of spec.quality) {
    checkIdentifier(rule.name);
    requireIn(spec, rule.columns ?? [], sourceColumns, `quality rule "${rule.name}" column`);
    const needsColumns = rule.kind !== 'condition';
    if (needsColumns && !rule.columns?.length) fail(spec, `quality rule "${rule.name}" (${rule.kind}) has no columns`);
    if (rule.kind === 'accepted_values' && (!rule.values?.length || rule.columns?.length !== 1)) {
      fail(spec, `quality rule "${rule.name}" needs one column and a non-empty list of values`);
    }
    for (const v of rule.values ?? []) {
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) fail(spec, `accepted value ${v} is not a finite number`);
    }
    if (rule.kind === 'condition' && !rule.condition?.trim()) fail(spec, `quality rule "${rule.name}" has no condition`);
    if (rule.severity === 'quarantine' && !spec.rejectedTable) fail(spec, `quality rule "${rule.name}" quarantines rows but there is no rejectedTable`);
    if (!['warn', 'fail', 'quarantine'].includes(rule.severity)) fail(spec, `quality rule "${rule.name}" has severity ${rule.severity}`);
  }
}

function checkFiles(spec: LoadSpec, source: FilesSource): void {
  if (!source.uris.length || source.uris.some((u) => typeof u !== 'string' || !u)) fail(spec, 'the files source needs non-empty uris');
  if (!['CSV', 'JSON', 'PARQUET'].includes(source.format)) fail(spec, `files format ${JSON.stringify(source.format)} is not CSV, JSON or PARQUET`);
  const skip = source.csv?.skipLeadingRows ?? 0;
  if (!Number.isInteger(skip) || skip < 0) fail(spec, `csv.skipLeadingRows must be a non-negative integer, got ${skip}`);
}

/** Resolves the roles of a load's columns; throws {@link SqlInternalError} on a broken invariant. */
export function buildModel(spec: LoadSpec): LoadModel {
  if (!spec?.name?.trim()) fail(spec, 'the load has no name');
  if (!PATTERNS.includes(spec.pattern)) fail(spec, `${JSON.stringify(spec.pattern)} is not a load pattern`);
  const targetByName = checkColumns(spec, 'target', spec.target.columns);
  const targetNames = [...targetByName.keys()];
  const col = (name: string | undefined, what: string): SqlColumn | undefined => {
    if (name === undefined) return undefined;
    return targetByName.get(name) ?? fail(spec, `${what} "${name}" is not a target column`);
  };

  const loadTime = col(spec.audit?.loadTime, 'audit.loadTime');
  const loadId = col(spec.audit?.loadId, 'audit.loadId');
  if (loadTime) timeType(spec, loadTime, 'audit.loadTime');
  const scd2Spec = spec.scd2;
  if ((spec.pattern === 'scd2') !== Boolean(scd2Spec)) fail(spec, 'scd2 settings go with (and only with) the scd2 pattern');
  const scd2 = scd2Spec && {
    validFrom: { name: scd2Spec.validFrom, type: timeType(spec, col(scd2Spec.validFrom, 'scd2.validFrom'), 'scd2.validFrom') },
    validTo: { name: scd2Spec.validTo, type: timeType(spec, col(scd2Spec.validTo, 'scd2.validTo'), 'scd2.validTo') },
    isCurrent: col(scd2Spec.isCurrent, 'scd2.isCurrent')!.name,
    hardDeletes: scd2Spec.hardDeletes,
  };
  const meta = [loadTime?.name, loadId?.name, scd2?.validFrom.name, scd2?.validTo.name, scd2?.isCurrent].filter((n): n is string => !!n);
  if (new Set(meta).size !== meta.length) fail(spec, 'audit and scd2 columns must be different columns');
  const dataColumns = targetNames.filter((n) => !meta.includes(n));

  const sourceColumns = sourceColumnNames(spec, dataColumns);
  const loaded = dataColumns.filter((n) => sourceColumns.includes(n));
  if (!loaded.length) fail(spec, 'the source provides none of the target columns');

  const keys = [...spec.keys];
  if (KEYED_PATTERNS.includes(spec.pattern) && !keys.length) fail(spec, `the ${spec.pattern} pattern needs keys`);
  requireIn(spec, keys, loaded, 'key');
  const orderBy = spec.orderBy ?? [];
  requireIn(spec, orderBy.map((o) => o.column), sourceColumns, 'orderBy column');
  requireIn(spec, Object.keys(spec.casts ?? {}), sourceColumns, 'cast column');

  const nonKey = loaded.filter((n) => !keys.includes(n));
  requireIn(spec, spec.updateColumns ?? [], nonKey, 'update column');
  requireIn(spec, spec.excludeColumns ?? [], nonKey, 'excluded column');
  const updateColumns = (spec.updateColumns ?? nonKey).filter((n) => !(spec.excludeColumns ?? []).includes(n));

  const effectiveFrom = scd2Spec ? (scd2Spec.effectiveFrom ?? orderBy[0]?.column) : undefined;
  if (effectiveFrom !== undefined) requireIn(spec, [effectiveFrom], sourceColumns, 'scd2.effectiveFrom');
  const ordering = [effectiveFrom, ...orderBy.map((o) => o.column)];
  requireIn(spec, scd2Spec?.trackColumns ?? [], nonKey, 'scd2 tracked column');
  const tracked = (scd2Spec?.trackColumns ?? nonKey.filter((n) => !ordering.includes(n))).map((n) => targetByName.get(n)!);

  const p = spec.target.partition;
  const partitionColumn = p ? col(p.column, 'partition column') : undefined;
  if (p && timeType(spec, partitionColumn, 'the partition column') !== p.columnType) fail(spec, `partition columnType ${p.columnType} differs from the column's type`);
  const partition = p && {
    column: p.column,
    granularity: p.granularity,
    columnType: p.columnType,
    nullable: partitionColumn!.mode !== 'REQUIRED',
    fromSource: loaded.includes(p.column),
  };
  if (spec.pattern === 'partition_replace' && !partition?.fromSource) fail(spec, 'partition_replace needs a partitioned target whose partition column the source provides');

  const w = spec.window;
  const window = w && { column: w.column, days: w.days, type: timeType(spec, col(w.column, 'window column'), 'the window column'), inSource: sourceColumns.includes(w.column) };

  checkQuality(spec, sourceColumns);
  if (spec.source.kind === 'files') checkFiles(spec, spec.source);

  return {
    spec,
    target: spec.target.table,
    sourceColumns,
    loaded,
    keys,
    updateColumns,
    tracked,
    orderBy,
    effectiveFrom,
    partition,
    window,
    audit: { loadTime: loadTime && { name: loadTime.name, type: canonical(loadTime.type) }, loadId: loadId?.name },
    scd2,
    quality: spec.quality,
  };
}
