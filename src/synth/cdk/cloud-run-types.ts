/**
 * Config types of the provider classes the Cloud Run module types create by deep import path
 * (`ctx.resource<Config>(path, …)`), re-exported here because provider imports stay inside the adapter.
 * Type-only: importing this loads no provider code.
 */
export type { CloudRunV2JobConfig } from '@cdktf/provider-google/lib/cloud-run-v2-job';
export type { CloudRunV2JobIamMemberConfig } from '@cdktf/provider-google/lib/cloud-run-v2-job-iam-member';
export type { CloudRunV2ServiceConfig, CloudRunV2ServiceTemplateVpcAccess } from '@cdktf/provider-google/lib/cloud-run-v2-service';
export type { CloudRunV2ServiceIamMemberConfig } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
export type { SecretManagerSecretIamMemberConfig } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
