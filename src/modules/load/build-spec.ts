/**
 * The load as the SQL generator (src/modules/load/sql) wants it: a {@link LoadSpec} built from the resolved file,
 * the tables' columns and the names gdp gives them in an environment.
 */
import type { Environment } from '../../core/environment';
import type { Entity, ProjectView } from '../../core/module-type';
import type { LoadSpec, QualityRule, SqlColumn, TableRef } from './sql/spec';
import { tableAddress, type CanonicalColumn, type TableConfig } from '../table';
import { orderByItem, ruleName } from './check-shape';
import { castType, findColumn } from './column-types';
import { loadTables, scd2Settings, sourceKind, type LoadTables } from './model';
import type { LoadConfig } from './schema';

/** Table id of the run log in each dataset that holds a load's target. */
export const LOG_TABLE = 'gdp_load_log';

/** Table id of the quarantine table of a target: `<target table id>_rejected`. */
export function rejectedTableId(targetTableId: string): string {
  return `${targetTableId}_rejected`;
}

/** Columns as the SQL library takes them; `spell` gives each top-level name its spelling in the spec. */
export function sqlColumns(columns: readonly CanonicalColumn[], spell: (name: string) => string = (n) => n): SqlColumn[] {
  return columns.map((c) => ({ name: spell(c.name), type: c.type, mode: c.mode, ...(c.fields ? { fields: sqlColumns(c.fields) } : {}) }));
}

/**
 * Column names as the generator compares them (exactly): the target's spelling, else the source's.
 * BigQuery compares column names case-insensitively, and so do gdp's checks.
 */
function speller(tables: LoadTables): (name: string) => string {
  const known = [...tables.targetColumns, ...(tables.sourceColumns ?? [])];
  return (name) => findColumn(known, name)?.name ?? name;
}

/** A declared table's reference in an environment. */
export function tableRef(table: Entity<TableConfig>, env: Environment, project: ProjectView): TableRef {
  const a = tableAddress(table, env, project);
  return { project: a.project, dataset: a.datasetId, table: a.tableId };
}

/** True when a quality rule moves failing rows to the target's `_rejected` table. */
export function quarantines(config: LoadConfig): boolean {
  return (config.quality ?? []).some((r) => r.severity === 'quarantine');
}

function source(config: LoadConfig, tables: LoadTables, env: Environment, project: ProjectView): LoadSpec['source'] {
  const { source: s } = config;
  const kind = sourceKind(s);
  const columns = (): SqlColumn[] => sqlColumns(tables.sourceColumns ?? [], speller(tables));
  if (kind === 'table' && tables.sourceTable) {
    return { kind, table: tableRef(tables.sourceTable, env, project), columns: columns(), ...(s.filter ? { filter: s.filter } : {}) };
  }
  if (kind === 'files' && s.files) {
    const f = s.files;
    const csv = f.format === 'CSV' && (f.skip_leading_rows !== undefined || f.field_delimiter !== undefined) ? { skipLeadingRows: f.skip_leading_rows, fieldDelimiter: f.field_delimiter } : undefined;
    return { kind, uris: [...f.uris], format: f.format, ...(csv ? { csv } : {}), columns: columns() };
  }
  if (kind === 'query' && s.query !== undefined) {
    return { kind, sql: s.query, ...(tables.sourceColumns ? { columns: columns() } : {}) };
  }
  throw new Error(`gdp: load source of kind ${kind ?? 'none'} reached synthesis; check() should have reported it`);
}

function quality(config: LoadConfig, spell: (name: string) => string): QualityRule[] {
  return (config.quality ?? []).map((r) => ({
    name: ruleName(r),
    kind: r.rule,
    severity: r.severity,
    ...(r.columns ? { columns: r.columns.map(spell) } : {}),
    ...(r.values ? { values: [...r.values] } : {}),
    ...(r.condition !== undefined ? { condition: r.condition } : {}),
  }));
}

function target(tables: LoadTables, env: Environment, project: ProjectView): LoadSpec['target'] {
  const { config } = tables.target;
  const time = config.time_partitioning;
  const column = time?.field === undefined ? undefined : findColumn(tables.targetColumns, time.field);
  const columnType = column?.type;
  const partition =
    time?.field !== undefined && (columnType === 'DATE' || columnType === 'TIMESTAMP' || columnType === 'DATETIME')
      ? { column: time.field, granularity: time.type, columnType }
      : undefined;
  return { table: tableRef(tables.target, env, project), columns: sqlColumns(tables.targetColumns), ...(partition ? { partition } : {}), requirePartitionFilter: config.require_partition_filter === true };
}

/**
 * The generator's input for a load in an environment. `config` is the resolved configuration; the
 * target (and a table source) must be declared, which check() guarantees before synthesis.
 */
export function buildLoadSpec(name: string, config: LoadConfig, env: Environment, project: ProjectView): LoadSpec {
  const tables = loadTables(config, project);
  if (!tables) throw new Error(`gdp: load ${name} reached synthesis without a declared target`);
  const spell = speller(tables);
  const names = (list: readonly string[] | undefined): string[] | undefined => list?.map(spell);
  const t = target(tables, env, project);
  const orderBy = config.order_by
    ?.map(orderByItem)
    .filter((o): o is { column: string; descending: boolean } => o !== undefined)
    .map((o) => ({ column: spell(o.column), descending: o.descending }));
  const casts = config.casts ? Object.fromEntries(Object.entries(config.casts).map(([c, type]) => [spell(c), castType(type) ?? type])) : undefined;
  const scd2 = config.pattern === 'scd2' ? scd2Settings(config) : undefined;
  const audit = config.audit;
  return {
    name,
    pattern: config.pattern,
    target: t,
    source: source(config, tables, env, project),
    keys: names(config.keys) ?? [],
    ...(orderBy ? { orderBy } : {}),
    ...(config.update_columns ? { updateColumns: names(config.update_columns) } : {}),
    ...(config.exclude_columns ? { excludeColumns: names(config.exclude_columns) } : {}),
    ...(casts ? { casts } : {}),
    ...(config.window ? { window: { column: spell(config.window.column), days: config.window.days } } : {}),
    ...(audit ? { audit: { loadTime: audit.load_time && spell(audit.load_time), loadId: audit.load_id && spell(audit.load_id) } } : {}),
    quality: quality(config, spell),
    ...(scd2
      ? {
          scd2: {
            validFrom: spell(scd2.valid_from),
            validTo: spell(scd2.valid_to),
            isCurrent: spell(scd2.is_current),
            hardDeletes: scd2.hard_deletes,
            ...(scd2.track_columns ? { trackColumns: names(scd2.track_columns) } : {}),
            ...(scd2.effective_from ? { effectiveFrom: spell(scd2.effective_from) } : {}),
          },
        }
      : {}),
    logTable: { project: t.table.project, dataset: t.table.dataset, table: LOG_TABLE },
    ...(quarantines(config) ? { rejectedTable: { ...t.table, table: rejectedTableId(t.table.table) } } : {}),
  };
}
