/**
 * The dataset's resources in one environment: a `google_bigquery_dataset` with an explicit location (the
 * provider default is US), gdp's labels plus `confidentiality`, and — provider 6.x having no
 * deletion_protection on datasets — `lifecycle.prevent_destroy` when protected. Tables are never deleted
 * with the dataset (`delete_contents_on_destroy = false`).
 */
import type { SynthContext } from '../../core/synth-context';
import type { DatasetConfig } from './schema';

/** Whether the dataset is protected from destruction in this environment. */
export function datasetProtected(config: DatasetConfig, ctx: Pick<SynthContext, 'env'>): boolean {
  return config.deletion_protection || ctx.env.options.force_deletion_protection;
}

/** Creates the dataset's resources; `ids` are its id and location in the environment (index.ts computes them). */
export function synthDataset(ctx: SynthContext<DatasetConfig>, ids: { readonly datasetId: string; readonly location: string }): void {
  const config = ctx.resolved;
  const text = (s: string | undefined): string | undefined => (s === undefined ? undefined : ctx.escape(s));
  ctx.resources.bigqueryDataset(ctx.id(), {
    datasetId: ids.datasetId,
    location: ids.location,
    description: text(config.description),
    friendlyName: text(config.friendly_name),
    defaultTableExpirationMs: config.default_table_expiration_ms,
    defaultPartitionExpirationMs: config.default_partition_expiration_ms,
    maxTimeTravelHours: config.max_time_travel_hours === undefined ? undefined : String(config.max_time_travel_hours),
    labels: ctx.labels({ ...config.labels, confidentiality: config.confidentiality }),
    deleteContentsOnDestroy: false,
    lifecycle: datasetProtected(config, ctx) ? { preventDestroy: true } : undefined,
  });
}
