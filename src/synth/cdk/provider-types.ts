/**
 * The Terraform types gdp creates, in one list shared by the adapter (which has a factory for each), the
 * provider-schema derivation and the output check. Plain data: importing it loads no cdktf code.
 */

/** Resource types gdp creates. */
export const RESOURCE_TYPES = [
  'google_bigquery_dataset',
  'google_bigquery_dataset_iam_member',
  'google_bigquery_routine',
  'google_bigquery_table',
  'google_cloud_scheduler_job',
  'google_eventarc_trigger',
  'google_project_iam_member',
  'google_service_account',
  'google_storage_bucket_iam_member',
  'google_workflows_workflow',
] as const;

/** Data source types gdp reads. */
export const DATA_SOURCE_TYPES = ['google_storage_project_service_account'] as const;

/** npm package of the prebuilt Google provider bindings. */
export const PROVIDER_PACKAGE = '@cdktf/provider-google';
