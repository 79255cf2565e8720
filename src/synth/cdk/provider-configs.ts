/**
 * Config types of provider classes that built-in modules create with `ctx.resource(path, …)`. Type-only
 * re-exports (no provider code is loaded), so modules type their arguments without importing the
 * provider outside the adapter. Plugins import these types from the provider package themselves.
 */
export type { BigqueryDatasetIamMemberConfig } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
export type { BigqueryTableIamMemberConfig } from '@cdktf/provider-google/lib/bigquery-table-iam-member';
export type { DataGoogleProjectConfig } from '@cdktf/provider-google/lib/data-google-project';
export type { DataplexDatascanConfig, DataplexDatascanDataQualitySpecRules } from '@cdktf/provider-google/lib/dataplex-datascan';
export type { LoggingMetricConfig } from '@cdktf/provider-google/lib/logging-metric';
export type { MonitoringAlertPolicyConfig, MonitoringAlertPolicyConditions } from '@cdktf/provider-google/lib/monitoring-alert-policy';
export type { MonitoringNotificationChannelConfig } from '@cdktf/provider-google/lib/monitoring-notification-channel';
export type { PubsubTopicIamMemberConfig } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
