/**
 * BigQuery locations, as data. Source: Google Cloud documentation, "BigQuery locations"
 * (https://cloud.google.com/bigquery/docs/locations), multi-regions and regions. A location not listed
 * here is refused at deploy time with "Not found: location"; add new regions here when Google adds them.
 */

/** Multi-regions (written in capitals by the API; gdp also accepts lowercase). */
export const BIGQUERY_MULTI_REGIONS = ['EU', 'US'] as const;

/** Single regions where BigQuery datasets can be created. */
export const BIGQUERY_REGIONS = [
  // Americas
  'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west2', 'us-west3', 'us-west4',
  'northamerica-northeast1', 'northamerica-northeast2', 'northamerica-south1', 'southamerica-east1', 'southamerica-west1',
  // Europe
  'europe-central2', 'europe-north1', 'europe-north2', 'europe-southwest1', 'europe-west1', 'europe-west2', 'europe-west3',
  'europe-west4', 'europe-west6', 'europe-west8', 'europe-west9', 'europe-west10', 'europe-west12',
  // Asia Pacific
  'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1', 'asia-south2',
  'asia-southeast1', 'asia-southeast2', 'australia-southeast1', 'australia-southeast2',
  // Middle East and Africa
  'me-central1', 'me-central2', 'me-west1', 'africa-south1',
] as const;

/** Where the list comes from (named in diagnostics). */
export const BIGQUERY_LOCATIONS_SOURCE = 'https://cloud.google.com/bigquery/docs/locations';

/** True for a BigQuery location (multi-regions in either case, regions in lowercase). */
export function isBigQueryLocation(location: string): boolean {
  return (BIGQUERY_MULTI_REGIONS as readonly string[]).includes(location.toUpperCase()) || (BIGQUERY_REGIONS as readonly string[]).includes(location);
}

/** Every location, for "did you mean" suggestions. */
export function bigQueryLocations(): string[] {
  return [...BIGQUERY_MULTI_REGIONS, ...BIGQUERY_REGIONS];
}
