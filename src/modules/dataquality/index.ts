/**
 * Module type `dataquality`: `configuration/dataquality/<name>.yaml` → a Dataplex data quality scan
 * `<app>-dq-<name>-<region code>-<env>` over a gdp table, with the grants its service agent needs.
 */
import { defineModule, type Entity, type ProjectView } from '../../core/module-type';
import type { Environment } from '../../core/environment';
import { regionalResourceName, type NameRule } from '../../core/naming';
import { datasetIdFor, datasetLocation } from '../dataset';
import { plainReference } from '../shared/named-target';
import { tableAddress, type TableConfig } from '../table';
import { checkScan, incrementalField, scannedTable } from './checks';
import { DATAQUALITY_CODES } from './codes';
import { scanColumns } from './columns';
import { freshnessCondition } from './rules';
import { DataQualitySchema, type DataQualityConfig, type RuleConfig } from './schema';
import { scanSqlBodies } from './sql-bodies';
import { DATASCAN, DATASET_IAM_MEMBER, PROJECT_DATA, synthScan, TABLE_IAM_MEMBER, type ScanAddress } from './synth';

export { DataQualitySchema, type DataQualityConfig } from './schema';
export { scannedTable } from './checks';

type DatasetConfig = Parameters<typeof datasetIdFor>[1];
type Scan = Entity<DataQualityConfig>;

/** Data scan ids: lowercase letters, digits and "-", starting with a letter, 1–63 characters (DataScan resource name). */
export const DATASCAN_NAME: NameRule = {
  title: 'Dataplex data scan id',
  pattern: /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/,
  patternText: 'lowercase letters, digits and "-", starting with a letter',
  min: 1,
  max: 63,
};

/** The scan's id in an environment: `<app>-dq-<name>-<region code>-<env>`. */
export function scanId(env: Environment, name: string): string {
  return regionalResourceName(env, 'dq', name).toLowerCase();
}

/** The dataset of the scanned table, when declared. */
function tableDataset(scan: Scan, project: ProjectView): Entity<DatasetConfig> | undefined {
  const table = scannedTable(scan);
  const dataset = table === undefined ? undefined : project.lookup<TableConfig>('tables', table)?.config.dataset;
  return dataset === undefined ? undefined : project.lookup<DatasetConfig>('datasets', dataset);
}

/**
 * Where the scan runs: the dataset's region, or the environment's region when the dataset is in a
 * multi-region (EU, US), which a data scan cannot be created in.
 */
function scanLocation(scan: Scan, env: Environment, project: ProjectView): string {
  const dataset = tableDataset(scan, project);
  const location = dataset ? datasetLocation(dataset.config, env) : env.region;
  return /^(EU|US)$/.test(location) ? env.region : location;
}

/** The data quality scan module type. */
export const dataQualityModule = defineModule({
  kind: 'dataquality',
  title: 'Dataplex data quality scan',
  folder: 'dataquality',
  namespace: 'dataquality',
  noun: 'data quality scan',
  schema: DataQualitySchema,
  codes: DATAQUALITY_CODES,
  providerClasses: [DATASCAN, TABLE_IAM_MEMBER, DATASET_IAM_MEMBER, PROJECT_DATA],
  compile: {
    logicalName: (_config, baseName) => baseName,
    fieldReferences: (config) => [
      ...plainReference(config.table, 'tables', ['table']),
      ...(config.export ? [{ namespace: 'datasets', name: config.export.dataset, path: ['export', 'dataset'] }] : []),
    ],
    check: checkScan,
  },
  environment: {
    attributes(scan, { env, ...project }) {
      const id = scanId(env, scan.name);
      const location = scanLocation(scan, env, project);
      return { name: id, location, id: `projects/${env.project_id}/locations/${location}/dataScans/${id}` };
    },
    generatedNames: (scan, { env }) => [{ rule: DATASCAN_NAME, value: scanId(env, scan.name), path: [] }],
    sqlBodies(scan, ctx) {
      const table = scannedTable(scan);
      const entity = table === undefined ? undefined : ctx.lookup<TableConfig>('tables', table);
      if (!entity) return [];
      const a = tableAddress(entity, ctx.env, ctx);
      const columns = scanColumns(entity.config.schema);
      const freshness = (rule: RuleConfig): string => {
        const column = rule.column ?? entity.config.time_partitioning?.field ?? '';
        return freshnessCondition(column, columns.get(column.toLowerCase())?.type, rule.max_age_hours ?? 0);
      };
      return scanSqlBodies(scan.config, ctx.resolved, `\`${a.project}.${a.datasetId}.${a.tableId}\``, freshness);
    },
  },
  synth(scan, ctx) {
    const logical = scannedTable(scan)!;
    const table = ctx.project.lookup<TableConfig>('tables', logical)!;
    const exportTo = scan.config.export;
    const exportDataset = exportTo && ctx.project.lookup<DatasetConfig>('datasets', exportTo.dataset);
    const address: ScanAddress = {
      scanId: scanId(ctx.env, scan.name),
      location: scanLocation(scan, ctx.env, ctx.project),
      table: { ...tableAddress(table, ctx.env, ctx.project), logical },
      dataset: table.config.dataset,
      incrementalField: incrementalField(scan.config, table.config),
      partitionField: table.config.time_partitioning?.field,
      columns: scanColumns(table.config.schema),
      export: exportTo && exportDataset ? { dataset: exportTo.dataset, datasetId: datasetIdFor(exportDataset.name, exportDataset.config, ctx.env), table: exportTo.table } : undefined,
    };
    synthScan(ctx, address, scannedTable);
  },
  example: `# configuration/dataquality/orders_quality.yaml
description: "Orders are complete and plausible"
table: orders_v2                  # or \${tables["orders_v2"].reference}
schedule: "0 5 * * *"             # unix cron; leave out to run on demand only
timezone: "Europe/Amsterdam"
incremental: partition            # only rows added since the last run (or a DATE/TIMESTAMP column)
sampling_percent: 50
row_filter: "status != 'CANCELLED'"
export:
  dataset: sales                  # results go to sales.dq_results
rules:
  - type: non_null
    column: order_id
  - type: uniqueness
    column: order_id
  - type: set
    column: status
    values: [PLACED, PAID, SHIPPED, CANCELLED]
    threshold: 0.99
    thresholds: { dv: 0.9 }       # per environment
  - type: regex
    column: customer_id
    pattern: "^C[0-9]{8}$"
    ignore_null: true
  - type: range
    column: order_date
    min: "2020-01-01"
  - type: row_condition
    expression: "amount >= 0"
    dimension: VALIDITY
  - type: table_condition
    expression: "COUNT(*) > 0"
    dimension: VOLUME
  - type: sql_assertion
    sql: "SELECT order_id FROM $\${data()} WHERE status = 'SHIPPED' AND shipping_address.city IS NULL"
  - type: freshness               # newest order_date (default: the partition column) at most 26 hours old
    max_age_hours: 26
`,
});
