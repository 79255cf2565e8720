/**
 * The table's resources in one environment: a `google_bigquery_table` with its API schema JSON
 * (canonical types, int64 options as strings), partitioning, clustering, a NOT ENFORCED primary key and
 * deletion protection (forced on where the environment says so).
 */
import type { SynthContext } from '../../core/synth-context';
import type { TableConfig } from './schema';
import { bigQuerySchemaJson } from './schema-json';

/** Whether the table refuses to be destroyed (or replaced) in this environment. */
export function tableProtected(config: TableConfig, ctx: Pick<SynthContext, 'env'>): boolean {
  return config.deletion_protection || ctx.env.options.force_deletion_protection;
}

/** Creates the table's resource; `ids` are its dataset id and table id in the environment (index.ts computes them). */
export function synthTable(ctx: SynthContext<TableConfig>, ids: { readonly datasetId: string; readonly tableId: string }): void {
  const config = ctx.resolved;
  const text = (s: string | undefined): string | undefined => (s === undefined ? undefined : ctx.escape(s));
  const time = config.time_partitioning;
  const range = config.range_partitioning;
  ctx.resources.bigqueryTable(ctx.id(), {
    datasetId: ids.datasetId,
    tableId: ids.tableId,
    description: text(config.description),
    friendlyName: text(config.friendly_name),
    // Descriptions and default expressions are user text: escape the whole JSON once.
    schema: ctx.escape(JSON.stringify(bigQuerySchemaJson(config))),
    timePartitioning: time ? { type: time.type, field: time.field, expirationMs: time.expiration_ms } : undefined,
    rangePartitioning: range ? { field: range.field, range: { start: range.start, end: range.end, interval: range.interval } } : undefined,
    // The top-level field: the nested time_partitioning one is deprecated and conflicts with it.
    requirePartitionFilter: config.require_partition_filter,
    clustering: config.clustering ? [...config.clustering.fields] : undefined,
    tableConstraints: config.primary_key ? { primaryKey: { columns: [...config.primary_key] } } : undefined,
    expirationTime: config.expiration_time,
    deletionProtection: tableProtected(config, ctx),
    labels: ctx.labels(config.labels),
  });
}
