/** Limits Google enforces on datasets at deploy time, checked at validate (sources named in the data files). */
import type { DatasetCode } from './codes';
import type { CheckContext, Entity } from '../../core/module-type';
import { bigQueryLocations, BIGQUERY_LOCATIONS_SOURCE, isBigQueryLocation } from '../../core/limits/bigquery-locations';
import { didYouMean } from '../../core/suggest';
import type { DatasetConfig } from './schema';

/** The dataset's location must be a BigQuery location. */
export function checkDatasetLimits(entity: Entity<DatasetConfig>, ctx: CheckContext<DatasetCode>): void {
  const { location } = entity.config;
  if (location === undefined || isBigQueryLocation(location)) return;
  ctx.report('GDP501', ['location'], `"${location}" is not a BigQuery location (${BIGQUERY_LOCATIONS_SOURCE}).${didYouMean(location, bigQueryLocations())}`);
}
