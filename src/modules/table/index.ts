/**
 * Module type `table`: `configuration/tables/<table_id>_v<version>.yaml` → a BigQuery table named
 * `<table_id>_v<version>` in the dataset the file names.
 */
import { NAME_RULES } from '../../core/naming';
import type { Environment } from '../../core/environment';
import { TABLE_CODES } from './codes';
import { defineModule, type Entity, type ProjectView } from '../../core/module-type';
import { tableLogicalName } from '../../core/naming';
import { datasetIdFor } from '../dataset';
import { checkColumns } from './check-columns';
import { checkTable, TABLE_ID } from './check-table';
import { TableSchema, type TableConfig } from './schema';
import { synthTable } from './synth';

export { canonicalColumns, bigQuerySchemaJson, type ApiField, type CanonicalColumn, type ColumnLike } from './schema-json';
export { canonicalType, CANONICAL_TYPES, type CanonicalType } from './column-types';
export { TableSchema, type TableConfig, type ColumnConfig } from './schema';

type DatasetConfig = Parameters<typeof datasetIdFor>[1];

const POLICY_TAG = /^projects\/[^/\s]+\/locations\/[^/\s]+\/taxonomies\/[^/\s]+\/policyTags\/[^/\s]+$/;

/** Where a table lives in an environment: project, dataset id and table id. */
export interface TableAddress {
  readonly project: string;
  readonly datasetId: string;
  readonly tableId: string;
}

/**
 * The table's BigQuery address in an environment. When the dataset is not declared (already reported
 * as GDP308), the dataset's logical name stands in for its id.
 */
export function tableAddress(entity: Entity<TableConfig>, env: Environment, project: ProjectView): TableAddress {
  const dataset = project.lookup<DatasetConfig>('datasets', entity.config.dataset);
  return {
    project: env.project_id,
    datasetId: dataset ? datasetIdFor(dataset.name, dataset.config, env) : entity.config.dataset,
    tableId: tableLogicalName(entity.config.table_id, entity.config.version),
  };
}

/** The table module type. */
export const tableModule = defineModule({
  kind: 'table',
  title: 'BigQuery table',
  folder: 'tables',
  namespace: 'tables',
  noun: 'table',
  schema: TableSchema,
  codes: TABLE_CODES,
  synth(entity, ctx) {
    synthTable(ctx, tableAddress(entity, ctx.env, ctx.project));
  },
  owningDataset: (entity) => entity.config.dataset,
  compile: {
    logicalName: (_config, baseName) => baseName,
    namePath: ['table_id'],
    check(entity, ctx) {
      checkTable(entity, ctx.report);
      checkColumns(entity.config.schema, ctx.report);
    },
    fieldReferences: (config) => [{ namespace: 'datasets', name: config.dataset, path: ['dataset'] }],
  },
  environment: {
    check(_entity, ctx) {
      // Policy tags usually embed ${project}: check their shape once resolved.
      const resolved = ctx.resolved;
      const visit = (columns: TableConfig['schema'], at: readonly (string | number)[]): void => {
        columns.forEach((c, i) => {
          c.policy_tags?.forEach((tag, j) => {
            if (!POLICY_TAG.test(tag)) {
              ctx.report('GDP528', [...at, i, 'policy_tags', j], `policy tag "${tag}" of column "${c.name}" is not a policy tag resource name`);
            }
          });
          if (c.fields) visit(c.fields, [...at, i, 'fields']);
        });
      };
      visit(resolved.schema, ['schema']);
    },
    attributes(entity, { env, ...project }) {
      const a = tableAddress(entity, env, project);
      const full = `${a.project}.${a.datasetId}.${a.tableId}`;
      return {
        project: a.project,
        dataset_id: a.datasetId,
        table_id: a.tableId,
        reference: `\`${full}\``,
        full_name: full,
        id: `projects/${a.project}/datasets/${a.datasetId}/tables/${a.tableId}`,
      };
    },
    generatedNames(entity, { env, ...project }) {
      // An illegal table_id is reported once, as GDP511, rather than again per environment.
      if (!TABLE_ID.test(entity.config.table_id)) return [];
      const a = tableAddress(entity, env, project);
      return [{ rule: NAME_RULES.table, value: a.tableId, path: ['table_id'], uniqueKey: `${a.datasetId}.${a.tableId}` }];
    },
  },
  example: `# configuration/tables/orders_v2.yaml  (file name = <table_id>_v<version>.yaml)
table_id: orders
dataset: sales                  # configuration/datasets/sales.yaml
version: 2
description: "One row per order line"
time_partitioning:
  type: DAY                     # HOUR, DAY, MONTH, YEAR
  field: order_date             # top-level DATE, TIMESTAMP or DATETIME column
  expiration_ms: 31536000000    # keep partitions one year
require_partition_filter: true
clustering:
  fields: [customer_id, status] # at most 4 top-level columns
primary_key: [order_id, line_no] # NOT ENFORCED
deletion_protection: true       # default
labels:
  domain: sales
schema:
  - name: order_id
    type: STRING
    mode: REQUIRED
    max_length: 36
    default_value_expression: GENERATE_UUID()
  - name: line_no
    type: INT64                 # aliases: INT64, FLOAT64, BOOL, STRUCT, DECIMAL, BIGDECIMAL
    mode: REQUIRED
  - name: order_date
    type: DATE
    mode: REQUIRED
  - name: customer_id
    type: STRING
  - name: status
    type: STRING
    collation: "und:ci"
  - name: amount
    type: NUMERIC
    precision: 18
    scale: 2
    description: "Line amount in EUR"
  - name: tags                  # an array of strings
    type: STRING
    mode: REPEATED
  - name: shipping_address      # a nested record
    type: RECORD
    fields:
      - name: street
        type: STRING
      - name: city
        type: STRING
      - name: geo
        type: GEOGRAPHY
  - name: discounts             # an array of records
    type: STRUCT
    mode: REPEATED
    fields:
      - name: code
        type: STRING
      - name: value
        type: NUMERIC
  - name: valid_during
    type: RANGE
    range_element_type: DATE
`,
});
