/**
 * Module type `load`: `configuration/loads/<name>.yaml` declares how rows move from a source (a table,
 * a query or files in Cloud Storage) into a declared table; gdp generates the stored procedure
 * `load_<name>` in the target's dataset, its log and quarantine tables, and (with `workflow:`) the
 * workflow, scheduler job and trigger that run it.
 */
import { NAME_RULES } from '../../core/naming';
import type { Environment } from '../../core/environment';
import { LOAD_CODES } from './codes';
import { defineModule, type Entity, type FieldReference, type ProjectView, type Reporter } from '../../core/module-type';
import { datasetLocation } from '../dataset';
import { tableAddress, type TableConfig } from '../table';
import { checkColumns } from '../table/check-columns';
import { TABLE_CODES, type TableCode } from '../table/codes';
import { checkAgainstTables } from './check-columns';
import { checkShape, LOAD_NAME } from './check-shape';
import { deriveLoadEntities, loadResourceName } from './derive';
import { checkFiles } from './files';
import { loadTables, sourceKind } from './model';
import { LoadSchema, type LoadConfig } from './schema';
import { loadSqlBodies } from './sql-bodies';
import { LOG_TABLE, synthLoad } from './synth';

export { LoadSchema, type LoadConfig } from './schema';

type DatasetConfig = Parameters<typeof datasetLocation>[0];

/** Where a load's procedure lives in an environment: the target's project and dataset. */
export interface LoadAddress {
  readonly project: string;
  readonly datasetId: string;
  readonly routineId: string;
  /** The dataset's location (where the procedure's jobs run). */
  readonly location: string;
}

/**
 * The procedure's address in an environment. When the target is not declared (reported as GDP308), its
 * logical name stands in for the dataset id so that references still resolve.
 */
export function loadAddress(entity: Entity<LoadConfig>, env: Environment, project: ProjectView): LoadAddress {
  const target = project.lookup<TableConfig>('tables', entity.config.target);
  const routineId = loadResourceName(entity.name);
  if (!target) return { project: env.project_id, datasetId: entity.config.target, routineId, location: env.bigquery_location };
  const dataset = project.lookup<DatasetConfig>('datasets', target.config.dataset);
  const address = tableAddress(target, env, project);
  return {
    project: address.project,
    datasetId: address.datasetId,
    routineId,
    location: dataset ? datasetLocation(dataset.config, env) : env.bigquery_location,
  };
}

/** Reports the table module's column rules on `source.columns` at their place in the load file. */
function sourceColumnsReporter(report: Reporter<TableCode>): Reporter<TableCode> {
  return (code, path, message, options) => report(code, path[0] === 'schema' ? ['source', 'columns', ...path.slice(1)] : path, message, options);
}

/** The load module type. */
export const loadModule = defineModule({
  kind: 'load',
  title: 'Load (generated procedure)',
  folder: 'loads',
  namespace: 'loads',
  noun: 'load',
  schema: LoadSchema,
  codes: LOAD_CODES,
  synth(entity, ctx) {
    synthLoad(entity, ctx, loadAddress(entity, ctx.env, ctx.project));
  },
  // A load's procedure and tables live in its target's dataset.
  owningDataset: (entity, project) => project.lookup<TableConfig>('tables', entity.config.target)?.config.dataset,
  compile: {
    logicalName: (_config, baseName) => baseName,
    fieldReferences(config): FieldReference[] {
      const refs: FieldReference[] = [{ namespace: 'tables', name: config.target, path: ['target'] }];
      if (config.source.table !== undefined) refs.push({ namespace: 'tables', name: config.source.table, path: ['source', 'table'] });
      return refs;
    },
    check(entity, ctx) {
      const target = ctx.lookup<TableConfig>('tables', entity.config.target);
      checkShape(entity, ctx.report, target?.config.primary_key);
      if (entity.config.source.columns) checkColumns(entity.config.source.columns, sourceColumnsReporter(ctx.reporterOf(TABLE_CODES)));
      // The shape of the source decides which columns exist: check columns only once it is right.
      if (sourceKind(entity.config.source) === undefined) return;
      const tables = loadTables(entity.config, ctx);
      if (tables) checkAgainstTables(entity.config, tables, ctx.report);
    },
    derive: deriveLoadEntities,
  },
  environment: {
    check(entity, ctx) {
      checkFiles(entity.config, ctx.resolved, ctx.report);
    },
    attributes(entity, { env, ...project }) {
      const a = loadAddress(entity, env, project);
      const full = `${a.project}.${a.datasetId}.${a.routineId}`;
      return {
        project: a.project,
        dataset_id: a.datasetId,
        routine_id: a.routineId,
        location: a.location,
        reference: `\`${full}\``,
        id: `projects/${a.project}/datasets/${a.datasetId}/routines/${a.routineId}`,
        log_table: `\`${a.project}.${a.datasetId}.${LOG_TABLE}\``,
      };
    },
    generatedNames(entity, { env, ...project }) {
      // An illegal name is reported once, as GDP590, rather than again per environment.
      if (!LOAD_NAME.test(entity.name) || !project.lookup('tables', entity.config.target)) return [];
      const a = loadAddress(entity, env, project);
      return [{ rule: NAME_RULES.routine, value: a.routineId, path: [], uniqueKey: `${a.datasetId}.${a.routineId}` }];
    },
    sqlBodies: (entity, { env, resolved, memo, ...project }) => loadSqlBodies(entity, resolved, env, project, loadAddress(entity, env, project), memo),
  },
  example: `# configuration/loads/orders_upsert.yaml  (file name = load name; procedure load_<name>)
target: orders_v2                    # a declared table
pattern: upsert                      # append, upsert, full_sync, partition_replace, scd2
source:                              # or table: <a declared table> (+ filter: "…"), or query: "SELECT …"
  files: { uris: ["gs://\${buckets.landing}/orders/*.csv"], format: CSV, skip_leading_rows: 1 }
  columns:                           # the files' columns in file order (default: the target's)
    - { name: order_id, type: STRING, mode: REQUIRED }
    - { name: line_no, type: INT64, mode: REQUIRED }
    - { name: order_date, type: DATE, mode: REQUIRED }
    - { name: customer_id, type: STRING }
    - { name: amount, type: STRING }
keys: [order_id, line_no]
order_by: ["order_date desc"]        # which row wins when a key comes several times
update_columns: [customer_id, amount] # or exclude_columns: [...]
casts: { amount: NUMERIC }
window: { column: order_date, days: 7 }   # touch only the last 7 days of the target
quality:
  - { rule: not_null, columns: [customer_id], severity: quarantine }   # to orders_v2_rejected
  - { rule: condition, name: positive_amount, condition: "amount >= 0", severity: fail }
workflow:                            # workflow load_<name> that CALLs the procedure
  schedule: { cron: "0 3 * * *", timezone: Europe/Amsterdam }
  # trigger: { bucket: \${buckets.landing}, path_pattern: "orders/*.csv" }
`,
});
