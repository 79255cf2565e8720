/** The rules of a scan file: its table, rules, schedule and sampling, and the rules that need the table's schema. */
import type { CheckContext, Entity } from '../../core/module-type';
import { didYouMean } from '../../core/suggest';
import { SCHEDULER_CODES } from '../scheduler/codes';
import { isTimeZone, knownTimeZones, scheduleProblem } from '../scheduler/cron';
import { namedTarget } from '../shared/named-target';
import type { TableConfig } from '../table';
import type { DataQualityCode } from './codes';
import { scanColumns } from './columns';
import { checkRuleColumn, checkRuleShape, checkRuleValues, ruleName } from './rules';
import type { DataQualityConfig } from './schema';

type Scan = Entity<DataQualityConfig>;

/** The logical name of the scanned table (undefined when `table` is neither a name nor a `${tables[...]}` reference). */
export function scannedTable(scan: Scan): string | undefined {
  return namedTarget(scan.config.table, 'tables');
}

/** The column scanned incrementally, "partition" replaced by the partition column. */
export function incrementalField(config: DataQualityConfig, table: TableConfig | undefined): string | undefined {
  if (config.incremental === undefined) return undefined;
  return config.incremental === 'partition' ? table?.time_partitioning?.field : config.incremental;
}

/** Rules on the scan that need the table: incremental column, and every rule's column and values. */
function checkAgainstTable(scan: Scan, table: Entity<TableConfig>, ctx: CheckContext<DataQualityCode>): void {
  const columns = scanColumns(table.config.schema);
  const config = scan.config;
  if (config.incremental !== undefined) {
    const field = incrementalField(config, table.config);
    const column = field === undefined ? undefined : columns.get(field.toLowerCase());
    if (field === undefined) {
      ctx.report('GDP675', ['incremental'], `table ${table.name} is not partitioned on a column, so "partition" names no column to scan incrementally`);
    } else if (!column) {
      ctx.report('GDP670', ['incremental'], `table ${table.name} has no column "${field}".${didYouMean(field, [...columns.values()].filter((c) => c.topLevel).map((c) => c.name))}`);
    } else if (!column.topLevel || column.repeated || (column.type !== 'DATE' && column.type !== 'TIMESTAMP')) {
      ctx.report('GDP675', ['incremental'], `column "${column.name}" of ${table.name} is ${column.repeated ? 'REPEATED ' : ''}${column.type ?? 'of unknown type'}${column.topLevel ? '' : ' (nested)'}; Dataplex scans incrementally on a top-level DATE or TIMESTAMP column`);
    }
  }
  config.rules.forEach((rule, i) => {
    if (rule.type === 'freshness' && rule.column === undefined && table.config.time_partitioning?.field === undefined) {
      ctx.report('GDP673', ['rules', i, 'type'], `a freshness rule needs column: table ${table.name} is not partitioned on a column to default to`);
    }
    const column = checkRuleColumn(rule, ['rules', i], columns, table.name, ctx);
    if (column) checkRuleValues(rule, ['rules', i], column, ctx);
  });
}

/** Every rule of a scan file. */
export function checkScan(scan: Scan, ctx: CheckContext<DataQualityCode>): void {
  const config = scan.config;
  const tableName = scannedTable(scan);
  if (tableName === undefined) {
    ctx.report('GDP678', ['table'], `table "${config.table}" is neither a table's logical name nor a \${tables["<name>"]…} reference`);
  }
  const names = new Map<string, number>();
  config.rules.forEach((rule, i) => {
    checkRuleShape(rule, ['rules', i], ctx);
    const name = ruleName(rule, i);
    const first = names.get(name);
    if (first !== undefined) ctx.report('GDP677', ['rules', i, rule.name ? 'name' : 'type'], `rule name "${name}" is already used by rule ${first + 1}${rule.name ? '' : ' (a default name: <type>-<column>)'}`, { hint: 'Give one of the rules a name of its own.' });
    else names.set(name, i);
  });
  const scheduler = ctx.reporterOf(SCHEDULER_CODES);
  if (config.schedule !== undefined) {
    const problem = scheduleProblem(config.schedule);
    if (problem) scheduler('GDP580', ['schedule'], `schedule "${config.schedule}" ${problem}`);
  }
  if (!isTimeZone(config.timezone)) {
    scheduler('GDP581', ['timezone'], `timezone "${config.timezone}" is not a tz database time zone.${didYouMean(config.timezone, knownTimeZones())}`);
  }
  if (config.sampling_percent !== undefined && !(config.sampling_percent > 0 && config.sampling_percent <= 100)) {
    ctx.report('GDP205', ['sampling_percent'], `sampling_percent ${config.sampling_percent} is not above 0 and at most 100`);
  }
  const exportTo = config.export;
  const clash = exportTo && ctx.all<TableConfig>('tables').find((t) => t.config.dataset === exportTo.dataset && t.name.toLowerCase() === exportTo.table.toLowerCase());
  if (clash) {
    ctx.report('GDP679', ['export', 'table'], `${exportTo!.dataset}.${exportTo!.table} is declared in ${clash.file.path}; Dataplex would write its results into a table whose schema gdp manages`);
  }
  const table = tableName === undefined ? undefined : ctx.lookup<TableConfig>('tables', tableName);
  if (table) checkAgainstTable(scan, table, ctx);
}
