/**
 * Rules that compare a load with its tables: every column it names exists where it is used, source types
 * fit the target (after casts), required target columns are filled, and each pattern finds the columns
 * and partitioning it needs.
 */
import type { LoadCode } from './codes';
import type { Reporter } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { didYouMean, listNames } from '../../core/suggest';
import { CANONICAL_TYPES, type CanonicalColumn, type CanonicalType } from '../table';
import { identifierProblem, orderByItem } from './check-shape';
import { castable, castType, describeType, findColumn, incompatibility, sqlTypeName, TIME_TYPES } from './column-types';
import { managedColumns, scd2Settings, type LoadTables } from './model';
import type { LoadConfig } from './schema';

type Side = 'source' | 'target';

/** A column name the file writes, and the tables it must be a column of. */
interface ColumnUse {
  readonly name: string;
  readonly path: ValuePath;
  readonly key?: boolean;
  readonly role: string;
  readonly sides: Side[];
  /** Names a data column (keys and the column lists of a pattern), never an audit or SCD2 column. */
  readonly data?: boolean;
}

/** Column names the file writes, each with the tables it must be a column of. */
function columnUses(config: LoadConfig): ColumnUse[] {
  const uses: ColumnUse[] = [];
  const list = (names: readonly string[] | undefined, at: ValuePath, role: string, sides: Side[], data = false): void =>
    names?.forEach((name, i) => uses.push({ name, path: [...at, i], role, sides, data }));
  list(config.keys, ['keys'], 'key', ['source', 'target'], true);
  config.order_by?.forEach((item, i) => {
    const parsed = orderByItem(item);
    if (parsed) uses.push({ name: parsed.column, path: typeof item === 'string' ? ['order_by', i] : ['order_by', i, 'column'], role: 'order_by column', sides: ['source'] });
  });
  list(config.update_columns, ['update_columns'], 'update column', ['source', 'target'], true);
  list(config.exclude_columns, ['exclude_columns'], 'excluded column', ['source', 'target'], true);
  for (const name of Object.keys(config.casts ?? {})) uses.push({ name, path: ['casts', name], key: true, role: 'cast column', sides: ['source'] });
  config.quality?.forEach((rule, i) => list(rule.columns, ['quality', i, 'columns'], 'quality rule column', ['source']));
  if (config.pattern === 'scd2') list(config.scd2?.track_columns, ['scd2', 'track_columns'], 'tracked column', ['source', 'target'], true);
  if (config.pattern === 'scd2' && config.scd2?.effective_from) {
    uses.push({ name: config.scd2.effective_from, path: ['scd2', 'effective_from'], role: 'effective_from column', sides: ['source'] });
  }
  return uses;
}

function tableName(tables: LoadTables, side: Side): string {
  return side === 'target' ? `target table ${tables.target.name}` : tables.sourceLabel;
}

function columnsOf(tables: LoadTables, side: Side): readonly CanonicalColumn[] | undefined {
  return side === 'target' ? tables.targetColumns : tables.sourceColumns;
}

function checkColumnsExist(config: LoadConfig, tables: LoadTables, report: Reporter<LoadCode>): void {
  const managed = managedColumns(config);
  for (const use of columnUses(config)) {
    // An audit or SCD2 column named as a data column is reported once, by checkDataColumnRoles.
    if (identifierProblem(use.name) || (use.data && managed.has(use.name.toLowerCase()))) continue;
    for (const side of use.sides) {
      const columns = columnsOf(tables, side);
      if (!columns || findColumn(columns, use.name)) continue;
      const names = columns.map((c) => c.name);
      report('GDP592', use.path, `${use.role} "${use.name}" is not a column of ${tableName(tables, side)}.${didYouMean(use.name, names)}`, {
        key: use.key,
        hint: `Columns of ${tableName(tables, side)}: ${listNames(names)}.`,
      });
      break;
    }
  }
}

/** One target column the load fills in itself must exist with its type (the first of `types`, or one of the others). */
function checkManagedColumn(
  tables: LoadTables,
  name: string,
  types: readonly [CanonicalType, ...CanonicalType[]],
  at: ValuePath,
  code: 'GDP595' | 'GDP596',
  what: string,
  report: Reporter<LoadCode>,
): void {
  if (identifierProblem(name)) return;
  const file = tables.target.file.path;
  const column = findColumn(tables.targetColumns, name);
  const allowed = types.map(sqlTypeName).join(' or ');
  if (!column) {
    report(code, at, `${what} column "${name}" is not a column of target table ${tables.target.name}`, {
      hint: `Add to the schema of ${file}:\n  - name: ${name}\n    type: ${types[0]}`,
    });
  } else if (!types.includes(column.type) || column.mode === 'REPEATED') {
    report(code, at, `${what} column "${name}" of target table ${tables.target.name} is ${describeType(column)}; it must be ${allowed}`, {
      hint: `Change column "${column.name}" in ${file} to type ${types[0]}, or name another column here.`,
    });
  }
}

function checkManagedColumns(config: LoadConfig, tables: LoadTables, report: Reporter<LoadCode>): void {
  const audit = config.audit;
  if (audit?.load_time) checkManagedColumn(tables, audit.load_time, ['TIMESTAMP', 'DATETIME', 'DATE'], ['audit', 'load_time'], 'GDP596', 'audit load_time', report);
  if (audit?.load_id) checkManagedColumn(tables, audit.load_id, ['STRING'], ['audit', 'load_id'], 'GDP596', 'audit load_id', report);
  if (config.pattern !== 'scd2') return;
  const scd2 = scd2Settings(config);
  const at = (field: string): ValuePath => (config.scd2 ? ['scd2', field] : ['pattern']);
  checkManagedColumn(tables, scd2.valid_from, ['TIMESTAMP'], at('valid_from'), 'GDP595', 'SCD2 valid_from', report);
  checkManagedColumn(tables, scd2.valid_to, ['TIMESTAMP'], at('valid_to'), 'GDP595', 'SCD2 valid_to', report);
  checkManagedColumn(tables, scd2.is_current, ['BOOLEAN'], at('is_current'), 'GDP595', 'SCD2 is_current', report);
}

/** Audit and SCD2 columns are filled by the load: each must be its own column. */
function checkManagedDistinct(config: LoadConfig, report: Reporter<LoadCode>): void {
  const roles: { name: string; path: ValuePath; role: string }[] = [];
  if (config.pattern === 'scd2') {
    const scd2 = scd2Settings(config);
    for (const field of ['valid_from', 'valid_to', 'is_current'] as const) roles.push({ name: scd2[field], path: config.scd2 ? ['scd2', field] : ['pattern'], role: `scd2 ${field}` });
  }
  if (config.audit?.load_time) roles.push({ name: config.audit.load_time, path: ['audit', 'load_time'], role: 'audit load_time' });
  if (config.audit?.load_id) roles.push({ name: config.audit.load_id, path: ['audit', 'load_id'], role: 'audit load_id' });
  roles.forEach((r, i) => {
    const first = roles.slice(0, i).find((o) => o.name.toLowerCase() === r.name.toLowerCase());
    if (first) report('GDP596', r.path, `column "${r.name}" is already the ${first.role} column; the load fills each of these columns with its own value`, { hint: 'Name a different column.' });
  });
}

/** Keys and the column lists of a pattern name data columns: not audit or SCD2 columns, and (for lists) not keys. */
function checkDataColumnRoles(config: LoadConfig, report: Reporter<LoadCode>): void {
  const managed = managedColumns(config);
  const keys = new Set((config.keys ?? []).map((k) => k.toLowerCase()));
  const lists: { field: ValuePath; names: readonly string[] | undefined; mayBeKey: boolean }[] = [
    { field: ['keys'], names: config.keys, mayBeKey: true },
    { field: ['update_columns'], names: config.update_columns, mayBeKey: true },
    { field: ['exclude_columns'], names: config.exclude_columns, mayBeKey: true },
    { field: ['scd2', 'track_columns'], names: config.pattern === 'scd2' ? config.scd2?.track_columns : undefined, mayBeKey: false },
  ];
  for (const { field, names, mayBeKey } of lists) {
    names?.forEach((name, i) => {
      if (managed.has(name.toLowerCase())) {
        report('GDP594', [...field, i], `"${name}" is an audit or SCD2 column, which the load fills in itself; ${field.join('.')} names columns the source provides`);
      } else if (!mayBeKey && keys.has(name.toLowerCase())) {
        report('GDP594', [...field, i], `"${name}" is a key; a key identifies the versions, it does not change between them`, { hint: `Remove "${name}" from track_columns.` });
      }
    });
  }
}

/** Column names the generated SQL keeps for itself. */
function checkReservedColumns(tables: LoadTables, report: Reporter<LoadCode>): void {
  for (const side of ['target', 'source'] as const) {
    const reserved = columnsOf(tables, side)?.find((c) => c.name.toLowerCase().startsWith('_gdp_'));
    if (reserved) {
      report('GDP598', side === 'target' ? ['target'] : tables.sourcePath, `column "${reserved.name}" of ${tableName(tables, side)} starts with _gdp_, which the generated SQL reserves for its own columns`, {
        hint: 'Rename the column.',
      });
    }
  }
}

/** The source must fill at least one target column. */
function checkOverlap(config: LoadConfig, tables: LoadTables, report: Reporter<LoadCode>): boolean {
  const source = tables.sourceColumns;
  if (!source) return true;
  const managed = managedColumns(config);
  if (tables.targetColumns.some((t) => !managed.has(t.name.toLowerCase()) && findColumn(source, t.name))) return true;
  report('GDP592', tables.sourcePath, `${tables.sourceLabel} has none of the columns of target table ${tables.target.name}; columns are matched by name`, {
    hint: `Columns of ${tables.target.name}: ${listNames(tables.targetColumns.map((c) => c.name))}.`,
  });
  return false;
}

/** SCD2 versions start at the effective_from column (default: the first order_by column), cast to valid_from's type. */
function checkEffectiveFrom(config: LoadConfig, tables: LoadTables, report: Reporter<LoadCode>): void {
  if (config.pattern !== 'scd2' || !tables.sourceColumns) return;
  const first = config.order_by?.[0];
  const parsed = first === undefined ? undefined : orderByItem(first);
  const chosen = config.scd2?.effective_from
    ? { name: config.scd2.effective_from, path: ['scd2', 'effective_from'] as ValuePath, what: 'scd2 effective_from' }
    : parsed && { name: parsed.column, path: (typeof first === 'string' ? ['order_by', 0] : ['order_by', 0, 'column']) as ValuePath, what: 'the first order_by column (the default effective_from)' };
  if (!chosen) return;
  const column = findColumn(tables.sourceColumns, chosen.name);
  if (!column || (TIME_TYPES.includes(column.type) && column.mode !== 'REPEATED')) return;
  report('GDP595', chosen.path, `${chosen.what} "${chosen.name}" is ${describeType(column)}; a version's valid_from comes from it, so it must be a DATE, DATETIME or TIMESTAMP column`, {
    hint: 'Set scd2.effective_from to a TIMESTAMP column of the source (e.g. updated_at).',
  });
}

/** Where a type problem of a source column is best shown: its cast, or where the source columns are written. */
function sourceColumnPath(config: LoadConfig, tables: LoadTables, column: CanonicalColumn): { path: ValuePath; key?: boolean } {
  const cast = Object.keys(config.casts ?? {}).find((k) => k.toLowerCase() === column.name.toLowerCase());
  if (cast !== undefined) return { path: ['casts', cast] };
  if (config.source.columns) {
    const i = config.source.columns.findIndex((c) => c.name.toLowerCase() === column.name.toLowerCase());
    if (i >= 0) return { path: ['source', 'columns', i, 'type'] };
  }
  return { path: tables.sourcePath };
}

function checkTypes(config: LoadConfig, tables: LoadTables, report: Reporter<LoadCode>): void {
  const source = tables.sourceColumns;
  if (!source) return;
  const managed = managedColumns(config);
  const casts = new Map(Object.entries(config.casts ?? {}).map(([k, v]) => [k.toLowerCase(), { name: k, type: castType(v) }]));
  for (const s of source) {
    const cast = casts.get(s.name.toLowerCase());
    if (cast?.type !== undefined && !castable(s.type, cast.type)) {
      report('GDP600', ['casts', cast.name], `"${s.name}" is ${describeType(s)} in ${tables.sourceLabel}; GoogleSQL cannot cast it to ${sqlTypeName(cast.type)}`, {
        hint: 'Cast through STRING in a query source, or fix the source column’s type.',
      });
      continue;
    }
    // An unknown cast type (GDP600) or column type (GDP515) is reported already.
    if (cast !== undefined && cast.type === undefined) continue;
    if (!(CANONICAL_TYPES as readonly string[]).includes(s.type)) continue;
    const t = findColumn(tables.targetColumns, s.name);
    if (!t || managed.has(t.name.toLowerCase())) continue;
    // The target's own file reports an unknown type (GDP515); comparing with it would only repeat that.
    if (!(CANONICAL_TYPES as readonly string[]).includes(t.type)) continue;
    const problem = incompatibility(s, t, cast?.type);
    if (!problem) continue;
    const at = sourceColumnPath(config, tables, s);
    const given = cast?.type !== undefined ? `cast to ${sqlTypeName(cast.type)}` : describeType(s);
    report('GDP593', at.path, `column "${s.name}": ${tables.sourceLabel} gives ${given}, target table ${tables.target.name} holds ${describeType(t)}: ${problem}`, {
      hint: t.type !== 'RECORD' && t.mode !== 'REPEATED' && castable(s.type, t.type) ? `Add casts: { ${s.name}: ${sqlTypeName(t.type)} }.` : undefined,
    });
  }
  for (const t of tables.targetColumns) {
    if (t.mode !== 'REQUIRED' || t.default_value_expression !== undefined || managed.has(t.name.toLowerCase()) || findColumn(source, t.name)) continue;
    report('GDP602', tables.sourcePath, `target column "${t.name}" is REQUIRED, but ${tables.sourceLabel} has no column "${t.name}": every row the load inserts would fail`);
  }
}

/** The window column is filtered on in the source and the target: both need it, as a date or time. */
function checkWindow(config: LoadConfig, tables: LoadTables, report: Reporter<LoadCode>): void {
  const window = config.window;
  if (!window || identifierProblem(window.column)) return;
  for (const side of ['target', 'source'] as const) {
    const columns = columnsOf(tables, side);
    if (!columns) continue;
    const column = findColumn(columns, window.column);
    if (!column) {
      const names = columns.filter((c) => TIME_TYPES.includes(c.type)).map((c) => c.name);
      report('GDP603', ['window', 'column'], `window column "${window.column}" is not a column of ${tableName(tables, side)}.${didYouMean(window.column, names)}`, {
        hint: `DATE, DATETIME and TIMESTAMP columns of ${tableName(tables, side)}: ${listNames(names)}.`,
      });
      return;
    }
    if (!TIME_TYPES.includes(column.type) || column.mode === 'REPEATED') {
      report('GDP603', ['window', 'column'], `window column "${window.column}" is ${describeType(column)} in ${tableName(tables, side)}; a window needs a DATE, DATETIME or TIMESTAMP column`);
      return;
    }
  }
}

function checkPartitionReplace(config: LoadConfig, tables: LoadTables, report: Reporter<LoadCode>): void {
  if (config.pattern !== 'partition_replace') return;
  const { time_partitioning: time, range_partitioning: range } = tables.target.config;
  const column = time?.field;
  const file = tables.target.file.path;
  if (column === undefined) {
    const how = range ? `partitioned by integer ranges of "${range.field}"` : time ? 'partitioned by ingestion time, not on a column' : 'not partitioned';
    report('GDP597', ['pattern'], `pattern partition_replace replaces the target's time partitions, but target table ${tables.target.name} is ${how}`, {
      hint: `Partition ${file} with time_partitioning: { type: DAY, field: <DATE, DATETIME or TIMESTAMP column> }, or use pattern append or upsert.`,
    });
    return;
  }
  if (managedColumns(config).has(column.toLowerCase())) {
    report('GDP597', ['pattern'], `pattern partition_replace replaces the partitions the source rows fall in, but the partitioning column "${column}" is filled by the load (audit or scd2)`);
  } else if (tables.sourceColumns && !findColumn(tables.sourceColumns, column)) {
    report('GDP592', ['pattern'], `pattern partition_replace needs the partitioning column "${column}" of target table ${tables.target.name}, but ${tables.sourceLabel} has no such column`);
  }
}

const NUMERIC_TYPES: readonly CanonicalType[] = ['INTEGER', 'NUMERIC', 'BIGNUMERIC', 'FLOAT'];

/** accepted_values are SQL literals compared to the column: quoted for text, bare for numbers. */
function checkAcceptedValues(config: LoadConfig, tables: LoadTables, report: Reporter<LoadCode>): void {
  config.quality?.forEach((rule, i) => {
    const name = rule.columns?.[0];
    if (rule.rule !== 'accepted_values' || name === undefined || !rule.values || !tables.sourceColumns) return;
    const column = findColumn(tables.sourceColumns, name);
    if (!column) return;
    const cast = Object.entries(config.casts ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
    const type = (cast && castType(cast[1])) ?? column.type;
    const wanted = type === 'STRING' ? 'string' : NUMERIC_TYPES.includes(type) ? 'number' : undefined;
    rule.values.forEach((value, j) => {
      if (wanted === undefined || typeof value === wanted) return;
      report('GDP601', ['quality', i, 'values', j], `value ${JSON.stringify(value)} is a ${typeof value}, but column "${name}" is ${sqlTypeName(type)}`, {
        hint: wanted === 'string' ? `Quote it: "${String(value)}".` : `Write it without quotes: ${String(value)}.`,
      });
    });
  });
}

/** Checks a load against its target and source tables. */
export function checkAgainstTables(config: LoadConfig, tables: LoadTables, report: Reporter<LoadCode>): void {
  if (tables.sourceTable && tables.sourceTable.name === tables.target.name) {
    report('GDP604', ['source', 'table'], `source table ${tables.sourceTable.name} is also the target; a load reads from another table`);
    return;
  }
  checkReservedColumns(tables, report);
  if (!checkOverlap(config, tables, report)) return;
  checkColumnsExist(config, tables, report);
  checkManagedColumns(config, tables, report);
  checkManagedDistinct(config, report);
  checkDataColumnRoles(config, report);
  checkTypes(config, tables, report);
  checkWindow(config, tables, report);
  checkPartitionReplace(config, tables, report);
  checkEffectiveFrom(config, tables, report);
  checkAcceptedValues(config, tables, report);
}
