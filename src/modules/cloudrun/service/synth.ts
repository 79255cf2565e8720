/**
 * The service's resources in one environment: a `google_cloud_run_v2_service` running as its runtime
 * account, that account's grants, `roles/run.invoker` for every account that calls it (invokers.ts) and,
 * for a public service that allows it, for allUsers.
 */
import type { CloudRunV2ServiceConfig } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import type { CloudRunV2ServiceIamMemberConfig } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import type { SynthContext } from '../../../core/synth-context';
import type { ResourceRef } from '../../../synth/cdk';
import { cpuCount, memoryMiB } from '../checks';
import { durationToSeconds } from '../container-schema';
import { invokerGrants } from '../invokers';
import { runName } from '../naming';
import { containerBlock, synthRuntimeIdentity, vpcAccess } from '../synth-runtime';
import { SERVICES_NAMESPACE } from '../targets';
import type { CloudRunServiceConfig } from './schema';

/** Provider class of the service. */
export const SERVICE = '@cdktf/provider-google/lib/cloud-run-v2-service';
/** Provider class of the service's invoker grants. */
export const SERVICE_MEMBER = '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';

const INGRESS = { all: 'INGRESS_TRAFFIC_ALL', internal: 'INGRESS_TRAFFIC_INTERNAL_ONLY', internal_and_load_balancing: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER' } as const;

/** Creates the service and its grants. */
export function synthService(ctx: SynthContext<CloudRunServiceConfig>): void {
  const config = ctx.resolved;
  const { env, entity } = ctx;
  const name = runName(env, 'gcr', entity.name);
  const identity = synthRuntimeIdentity(ctx, 'gcr');
  // Less than one CPU, or less than 512 MiB, runs only in the first generation with request-based billing (limits.ts).
  const firstGeneration = cpuCount(config.cpu) < 1 || memoryMiB(config.memory) < 512;
  const service = ctx.resource<CloudRunV2ServiceConfig>(SERVICE, ctx.id(), {
    name,
    location: env.region,
    project: env.project_id,
    description: config.description === undefined ? undefined : ctx.escape(config.description),
    labels: ctx.labels(config.labels),
    ingress: INGRESS[config.ingress],
    deletionProtection: config.deletion_protection || env.options.force_deletion_protection,
    template: {
      serviceAccount: identity.email,
      timeout: `${durationToSeconds(config.timeout)}s`,
      maxInstanceRequestConcurrency: config.concurrency,
      executionEnvironment: firstGeneration ? 'EXECUTION_ENVIRONMENT_GEN1' : undefined,
      scaling: { minInstanceCount: config.min_instances, maxInstanceCount: config.max_instances },
      vpcAccess: vpcAccess(config),
      containers: [{ ...containerBlock(ctx, firstGeneration ? true : undefined), ports: { containerPort: config.port } }],
    },
    dependsOn: identity.dependsOn,
    primary: true,
  });
  const member = (id: string, role: string, who: string, dependsOn: readonly ResourceRef[] = []): void => {
    ctx.resource<CloudRunV2ServiceIamMemberConfig>(SERVICE_MEMBER, ctx.id('invoker', id), { project: env.project_id, location: env.region, name, role, member: who, dependsOn: [service, ...dependsOn] });
  };
  for (const grant of invokerGrants(ctx, { namespace: SERVICES_NAMESPACE, name: entity.name })) {
    member(grant.account, grant.role, `serviceAccount:${grant.email}`, grant.dependsOn);
  }
  if (config.public && config.allow_unauthenticated) member('all_users', 'roles/run.invoker', 'allUsers');
}
