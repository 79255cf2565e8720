/**
 * Table-level rules (reference/gcp-domain.md §2.1, §2.4): file name, table id, partitioning,
 * clustering and primary key. Column-level rules live in `check-columns.ts`.
 */
import type { TableCode } from './codes';
import type { Entity, Reporter } from '../../core/module-type';
import { tableLogicalName } from '../../core/naming';
import type { ValuePath } from '../../core/source';
import { didYouMean, listNames } from '../../core/suggest';
import { canonicalType, CLUSTERABLE_TYPES, TIME_PARTITION_TYPES, type CanonicalType } from './column-types';
import type { ColumnConfig, TableConfig } from './schema';

/** Characters gdp allows in a table id (BigQuery also allows dashes, spaces and other Unicode, which break unquoted use). */
export const TABLE_ID = /^[A-Za-z0-9_]+$/;
/** At most this many clustering columns. */
export const MAX_CLUSTERING_COLUMNS = 4;
/** At most this many partitions per table. */
export const MAX_PARTITIONS = 10_000;

/** A top-level column found by name, with its canonical type (undefined when the type is unknown). */
interface TopColumn {
  readonly column: ColumnConfig;
  readonly type: CanonicalType | undefined;
}

/** Checks the table-level rules of one table file. */
export function checkTable(entity: Entity<TableConfig>, report: Reporter<TableCode>, now: number = Date.now()): void {
  const { config } = entity;
  checkFileName(entity, report);
  if (!TABLE_ID.test(config.table_id)) {
    report('GDP511', ['table_id'], `table_id "${config.table_id}" holds characters other than letters, digits and "_"`);
  }
  const lookup = topLevelLookup(config.schema, report);
  checkTimePartitioning(config, lookup, report);
  checkRangePartitioning(config, lookup, report);
  if (config.time_partitioning && config.range_partitioning) {
    report('GDP525', ['range_partitioning'], 'the table sets both time_partitioning and range_partitioning; a table has at most one partitioning', { key: true });
  }
  if (config.require_partition_filter && !config.time_partitioning && !config.range_partitioning) {
    report('GDP525', ['require_partition_filter'], 'require_partition_filter is true but the table is not partitioned; add time_partitioning or range_partitioning, or remove it');
  }
  checkClustering(config, lookup, report);
  checkPrimaryKey(config, lookup, report);
  if (config.expiration_time !== undefined && config.expiration_time <= now) {
    report('GDP529', ['expiration_time'], `expiration_time ${config.expiration_time} (${new Date(config.expiration_time).toISOString()}) is in the past; BigQuery deletes the table as soon as it is created`);
  }
}

function checkFileName(entity: Entity<TableConfig>, report: Reporter<TableCode>): void {
  const { table_id, version } = entity.config;
  const expected = tableLogicalName(table_id, version);
  if (entity.name === expected) return;
  const ext = /\.(ya?ml)$/i.exec(entity.file.path)?.[1] ?? 'yaml';
  const fileName = `${entity.name}.${ext}`;
  const m = /^(.*)_v(\d+)$/.exec(entity.name);
  const hint = `Rename the file to ${expected}.${ext}, or change table_id and version to match "${fileName}".`;
  if (m && m[1] === table_id) {
    report('GDP510', ['version'], `version is ${version} but the file "${fileName}" says v${m[2]}; the file of this table must be named "${expected}.${ext}"`, { hint });
  } else {
    report('GDP510', ['table_id'], `table_id "${table_id}" with version ${version} makes table "${expected}", but the file is named "${fileName}"; the file must be named "${expected}.${ext}"`, { hint });
  }
}

/** Finds top-level columns for partitioning, clustering and keys, reporting names that are not one. */
type Lookup = (name: string, path: ValuePath, code: TableCode, purpose: string) => TopColumn | undefined;

function topLevelLookup(schema: readonly ColumnConfig[], report: Reporter<TableCode>): Lookup {
  const byName = new Map(schema.map((c) => [c.name, c] as const));
  return (name, path, code, purpose) => {
    const column = byName.get(name);
    if (column) return { column, type: canonicalType(column.type) };
    const parent = byName.get(name.split('.')[0]);
    if (name.includes('.') && parent) {
      report(code, path, `"${name}" is a field nested in column "${parent.name}"; ${purpose} needs a top-level column`);
    } else {
      report(code, path, `no top-level column is named "${name}".${didYouMean(name, byName.keys())}`, {
        hint: `Top-level columns: ${listNames(byName.keys(), 20)}.`,
      });
    }
    return undefined;
  };
}

function checkTimePartitioning(config: TableConfig, lookup: Lookup, report: Reporter<TableCode>): void {
  const tp = config.time_partitioning;
  if (!tp?.field) return;
  const path = ['time_partitioning', 'field'];
  const found = lookup(tp.field, path, 'GDP522', 'time partitioning');
  if (!found?.type) return;
  const { column, type } = found;
  if (column.mode === 'REPEATED') {
    report('GDP522', path, `column "${column.name}" is REPEATED; a partitioning column holds one value per row`);
  } else if (!TIME_PARTITION_TYPES.includes(type)) {
    report('GDP522', path, `column "${column.name}" is ${type}; time partitioning needs a ${TIME_PARTITION_TYPES.join(', ')} column`, {
      hint: type === 'INTEGER' ? 'Use range_partitioning for an INTEGER column.' : undefined,
    });
  } else if (tp.type === 'HOUR' && type === 'DATE') {
    report('GDP523', ['time_partitioning', 'type'], `partition type HOUR does not fit DATE column "${column.name}"; a DATE column takes DAY, MONTH or YEAR`);
  }
}

function checkRangePartitioning(config: TableConfig, lookup: Lookup, report: Reporter<TableCode>): void {
  const rp = config.range_partitioning;
  if (!rp) return;
  const path = ['range_partitioning', 'field'];
  const found = lookup(rp.field, path, 'GDP522', 'range partitioning');
  if (found?.type) {
    const { column, type } = found;
    if (column.mode === 'REPEATED') {
      report('GDP522', path, `column "${column.name}" is REPEATED; a partitioning column holds one value per row`);
    } else if (type !== 'INTEGER') {
      report('GDP522', path, `column "${column.name}" is ${type}; range partitioning needs an INTEGER (INT64) column`, {
        hint: TIME_PARTITION_TYPES.includes(type) ? 'Use time_partitioning for a date or time column.' : undefined,
      });
    }
  }
  if (rp.interval <= 0) {
    report('GDP524', ['range_partitioning', 'interval'], `interval is ${rp.interval}; it must be a positive number`);
  } else if (rp.end <= rp.start) {
    report('GDP524', ['range_partitioning', 'end'], `end ${rp.end} is not greater than start ${rp.start}; end is exclusive and must be above start`);
  } else {
    const partitions = Math.ceil((rp.end - rp.start) / rp.interval);
    if (partitions > MAX_PARTITIONS) {
      report('GDP524', ['range_partitioning', 'interval'], `start ${rp.start}, end ${rp.end} and interval ${rp.interval} make ${partitions.toLocaleString('en-US')} partitions; the limit is ${MAX_PARTITIONS.toLocaleString('en-US')}`);
    }
  }
}

function checkClustering(config: TableConfig, lookup: Lookup, report: Reporter<TableCode>): void {
  const fields = config.clustering?.fields ?? [];
  if (fields.length > MAX_CLUSTERING_COLUMNS) {
    report('GDP526', ['clustering', 'fields', MAX_CLUSTERING_COLUMNS], `clustering lists ${fields.length} columns; BigQuery clusters on at most ${MAX_CLUSTERING_COLUMNS}`);
  }
  checkColumnList(fields, ['clustering', 'fields'], 'GDP526', 'clustering', lookup, report, (column, type, path) => {
    if (!CLUSTERABLE_TYPES.includes(type)) {
      report('GDP526', path, `column "${column.name}" is ${type}, which BigQuery cannot cluster on; allowed: ${CLUSTERABLE_TYPES.join(', ')}`);
    }
  });
}

function checkPrimaryKey(config: TableConfig, lookup: Lookup, report: Reporter<TableCode>): void {
  checkColumnList(config.primary_key ?? [], ['primary_key'], 'GDP527', 'a primary key', lookup, report);
}

/** Rules shared by clustering and primary keys: existing, distinct, top-level, non-repeated columns. */
function checkColumnList(
  names: readonly string[],
  at: ValuePath,
  code: TableCode,
  purpose: string,
  lookup: Lookup,
  report: Reporter<TableCode>,
  more?: (column: ColumnConfig, type: CanonicalType, path: ValuePath) => void,
): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const path = [...at, i];
    if (seen.has(name)) {
      report(code, path, `column "${name}" is listed twice in ${at.join('.')}`);
      return;
    }
    seen.add(name);
    const found = lookup(name, path, code, purpose);
    if (!found?.type) return;
    if (found.column.mode === 'REPEATED') {
      report(code, path, `column "${name}" is REPEATED; ${purpose} needs a non-repeated column`);
      return;
    }
    more?.(found.column, found.type, path);
  });
}
