/**
 * A load's resources in one environment: the stored procedure `load_<name>` (a `google_bigquery_routine`
 * whose body the SQL generator renders), the run log `gdp_load_log` of the target's dataset and, when a
 * rule quarantines, the target's `<table>_rejected` table. The log and quarantine tables are shared: the
 * first load (by name) that needs one creates it, under an id made of names only, and every load's
 * procedure depends on it. The workflows account, which runs the procedure, may write the target's
 * dataset, read the source tables' and read the objects of the source files' buckets (after gdp creates them).
 */
import type { Entity } from '../../core/module-type';
import { parseTemplate } from '../../core/references';
import type { SynthContext } from '../../core/synth-context';
import { logTableColumns, rejectedTableColumns, renderLoadProcedure, type SqlColumn } from './sql/spec';
import { plannedRef } from '../../synth/cdk/refs';
import type { ResourceRef } from '../../synth/cdk';
import { referencedBuckets } from '../bucket';
import { sqlRunnerGrants } from '../procedure/least-privilege';
import { bigQuerySchemaJson, type TableConfig } from '../table';
import { buildLoadSpec, LOG_TABLE, quarantines, rejectedTableId } from './build-spec';
import { bucketOf } from './files';
import type { LoadConfig } from './schema';

export { LOG_TABLE } from './build-spec';

/** Terraform type of the tables created here (a literal: the factories' type table loads the provider). */
const TABLE_TYPE = 'google_bigquery_table';

/** What the synthesis needs of the procedure's address (index.ts computes it). */
interface Address {
  readonly datasetId: string;
  readonly routineId: string;
}

/** The dataset (logical name) of a load's target, if declared. */
function targetDataset(load: Entity<LoadConfig>, ctx: SynthContext<LoadConfig>): string | undefined {
  return ctx.project.lookup<TableConfig>('tables', load.config.target)?.config.dataset;
}

/** A table shared by several loads: created by the first of its owners (by name), under an id of names only. */
interface SharedTable {
  readonly id: string;
  readonly owners: readonly Entity<LoadConfig>[];
  readonly datasetId: string;
  readonly tableId: string;
  readonly description: string;
  readonly columns: SqlColumn[];
  readonly partitionField: string;
}

/** Creates the table when this load is its first owner. */
function createSharedTable(ctx: SynthContext<LoadConfig>, table: SharedTable): void {
  if (table.owners[0]?.name !== ctx.entity.name) return;
  ctx.resources.bigqueryTable(table.id, {
    datasetId: table.datasetId,
    tableId: table.tableId,
    description: table.description,
    schema: ctx.escape(JSON.stringify(bigQuerySchemaJson({ schema: table.columns }))),
    timePartitioning: { type: 'DAY', field: table.partitionField },
    // gdp owns these tables: they go when the last load that needs them goes, unless the environment protects everything.
    deletionProtection: ctx.env.options.force_deletion_protection,
    labels: ctx.labels(),
  });
}

/** Logical names of the source tables' datasets: the table source's, or those a query names with ${tables[...]}. */
function sourceDatasets(config: LoadConfig, ctx: SynthContext<LoadConfig>): string[] {
  const tables = config.source.table !== undefined ? [config.source.table] : [];
  for (const seg of parseTemplate(config.source.query ?? '')) {
    if (seg.type === 'ref' && seg.expr.head === 'tables' && seg.expr.keys.length > 0) tables.push(seg.expr.keys[0]);
  }
  const datasets = tables.map((t) => ctx.project.lookup<TableConfig>('tables', t)?.config.dataset).filter((d): d is string => d !== undefined);
  return [...new Set(datasets)].sort();
}

/** Resolved names of the buckets a files source reads, sorted. */
function sourceBuckets(config: LoadConfig): string[] {
  const buckets = (config.source.files?.uris ?? []).map(bucketOf).filter((b): b is string => b !== undefined);
  return [...new Set(buckets)].sort();
}

/**
 * The resource of the bucket of this name when the uris name it with `${buckets.…}` (so the load comes
 * after it in the graph) and gdp creates it: the grant on it waits for it.
 */
function declaredBucket(bucket: string, ctx: SynthContext<LoadConfig>): ResourceRef[] {
  const purposes = (ctx.entity.config.source.files?.uris ?? []).flatMap(referencedBuckets);
  const purpose = purposes.find((p) => ctx.attributesOf('buckets', p)?.name === bucket);
  const resource = purpose === undefined ? undefined : ctx.resourceOf('buckets', purpose);
  return resource === undefined ? [] : [resource];
}

/** Creates the load's procedure and the tables it writes besides its target. */
export function synthLoad(entity: Entity<LoadConfig>, ctx: SynthContext<LoadConfig>, address: Address): void {
  const config = ctx.resolved;
  const spec = buildLoadSpec(entity.name, config, ctx.env, ctx.project);
  const dataset = targetDataset(entity, ctx)!;
  const loads = ctx.project.all<LoadConfig>('loads');
  const shared: SharedTable[] = [
    {
      id: `gdp_load_log_${dataset}`,
      owners: loads.filter((l) => targetDataset(l, ctx) === dataset),
      datasetId: address.datasetId,
      tableId: LOG_TABLE,
      description: 'Runs of the gdp loads whose targets are in this dataset: one row per run, plus one per quality warning.',
      columns: logTableColumns(),
      partitionField: 'started_at',
    },
  ];
  if (spec.rejectedTable) {
    shared.push({
      id: `gdp_rejected_${entity.config.target}`,
      owners: loads.filter((l) => l.config.target === entity.config.target && quarantines(l.config)),
      datasetId: address.datasetId,
      tableId: rejectedTableId(spec.target.table.table),
      description: `Rows the gdp loads into ${spec.target.table.table} quarantined, with the rule each broke.`,
      columns: rejectedTableColumns(spec.target.columns),
      partitionField: '_gdp_rejected_at',
    });
  }
  // LOAD DATA … FROM FILES runs as the workflows account, which must read the files (gcp-domain.md §7).
  // The routine does not need the grant, but waiting for it keeps creation in the order things run.
  const bucketGrants = sourceBuckets(config).map((bucket) =>
    ctx.need({ kind: 'bucket-role', purpose: 'workflows', bucket, role: 'roles/storage.objectViewer', dependsOn: declaredBucket(bucket, ctx) }),
  );
  const body = renderLoadProcedure(spec);
  // The routine comes first: an entity's first resource is the one that entities depending on it wait for.
  ctx.resources.bigqueryRoutine(ctx.id(), {
    datasetId: address.datasetId,
    routineId: address.routineId,
    routineType: 'PROCEDURE',
    language: 'SQL',
    definitionBody: ctx.escape(body),
    description: ctx.escape(config.description ?? `gdp load ${entity.name}: ${config.pattern} into ${spec.target.table.table}`),
    dependsOn: [...shared.map((t) => plannedRef(TABLE_TYPE, t.id)), ...bucketGrants],
  });
  for (const table of shared) createSharedTable(ctx, table);
  ctx.need({ kind: 'dataset-role', purpose: 'workflows', dataset, role: 'roles/bigquery.dataEditor' });
  for (const source of sourceDatasets(entity.config, ctx)) {
    if (source !== dataset) ctx.need({ kind: 'dataset-role', purpose: 'workflows', dataset: source, role: 'roles/bigquery.dataViewer' });
  }
  // Tables a source query names without ${tables[...]} are found in the generated SQL itself.
  sqlRunnerGrants(body, ctx as SynthContext, 'workflows');
}
