/**
 * The job's resources in one environment: a `google_cloud_run_v2_job` running as its runtime account, that
 * account's grants, and `roles/run.invoker` (or `roles/run.developer` for runs with overrides) for every
 * account that runs it (invokers.ts).
 */
import type { CloudRunV2JobConfig } from '@cdktf/provider-google/lib/cloud-run-v2-job';
import type { CloudRunV2JobIamMemberConfig } from '@cdktf/provider-google/lib/cloud-run-v2-job-iam-member';
import type { SynthContext } from '../../../core/synth-context';
import { durationToSeconds } from '../container-schema';
import { invokerGrants } from '../invokers';
import { runName } from '../naming';
import { containerBlock, synthRuntimeIdentity, vpcAccess } from '../synth-runtime';
import { JOBS_NAMESPACE } from '../targets';
import type { CloudRunJobConfig } from './schema';

/** Provider class of the job. */
export const JOB = '@cdktf/provider-google/lib/cloud-run-v2-job';
/** Provider class of the job's invoker grants. */
export const JOB_MEMBER = '@cdktf/provider-google/lib/cloud-run-v2-job-iam-member';

/** Creates the job and its grants. */
export function synthJob(ctx: SynthContext<CloudRunJobConfig>): void {
  const config = ctx.resolved;
  const { env, entity } = ctx;
  const name = runName(env, 'gcrjob', entity.name);
  const identity = synthRuntimeIdentity(ctx, 'gcrjob');
  const job = ctx.resource<CloudRunV2JobConfig>(JOB, ctx.id(), {
    name,
    location: env.region,
    project: env.project_id,
    labels: ctx.labels(config.labels),
    deletionProtection: config.deletion_protection || env.options.force_deletion_protection,
    template: {
      taskCount: config.task_count,
      parallelism: config.parallelism,
      template: {
        serviceAccount: identity.email,
        maxRetries: config.max_retries,
        timeout: `${durationToSeconds(config.task_timeout)}s`,
        vpcAccess: vpcAccess(config),
        containers: [containerBlock(ctx)],
      },
    },
    dependsOn: identity.dependsOn,
    primary: true,
  });
  for (const grant of invokerGrants(ctx, { namespace: JOBS_NAMESPACE, name: entity.name })) {
    ctx.resource<CloudRunV2JobIamMemberConfig>(JOB_MEMBER, ctx.id('invoker', grant.account), {
      project: env.project_id,
      location: env.region,
      name,
      role: grant.role,
      member: `serviceAccount:${grant.email}`,
      dependsOn: [job, ...grant.dependsOn],
    });
  }
}
