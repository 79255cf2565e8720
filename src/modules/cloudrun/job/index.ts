/**
 * Module type `gcrjob`: `configuration/cloudrun/jobs/<name>.yaml` → a Cloud Run job named
 * `<app>-gcrjob-<name>-<region code>-<env>`, running as its own service account. Workflows run it with the
 * `googleapis.run.v2.projects.locations.jobs.run` connector (name: `${cloudrun_jobs["<name>"].id}`) and
 * scheduler jobs at `${cloudrun_jobs["<name>"].run_url}`; gdp grants each caller the right to run it.
 */
import { NAME_RULES } from '../../../core/naming';
import { defineModule } from '../../../core/module-type';
import { checkContainer, checkContainerInEnvironment } from '../checks';
import { CLOUD_RUN_CODES, CLOUD_RUN_JOB_CODES } from '../codes';
import { durationToSeconds } from '../container-schema';
import { CLOUD_RUN_NAME, TASK_TIMEOUT_SECONDS } from '../limits';
import { jobRunUrl, runName, runResourceId, runtimeAccountEmail, runtimeAccountId } from '../naming';
import { RUNTIME_PROVIDER_CLASSES } from '../synth-runtime';
import { JOBS_NAMESPACE } from '../targets';
import { CloudRunJobSchema } from './schema';
import { JOB, JOB_MEMBER, synthJob } from './synth';

/** The Cloud Run job module type. */
export const cloudRunJobModule = defineModule({
  kind: 'gcrjob',
  title: 'Cloud Run job',
  folder: 'cloudrun/jobs',
  namespace: JOBS_NAMESPACE,
  noun: 'Cloud Run job',
  schema: CloudRunJobSchema,
  codes: CLOUD_RUN_JOB_CODES,
  providerClasses: [JOB, JOB_MEMBER, ...RUNTIME_PROVIDER_CLASSES],
  compile: {
    logicalName: (_config, baseName) => baseName,
    fieldReferences: (config) => Object.keys(config.permissions.datasets).map((name) => ({ namespace: 'datasets', name, path: ['permissions', 'datasets', name] })),
    check(entity, ctx) {
      const config = entity.config;
      const shared = ctx.reporterOf(CLOUD_RUN_CODES);
      checkContainer(config, shared, 'job');
      if (config.parallelism > config.task_count) {
        ctx.report('GDP730', ['parallelism'], `parallelism ${config.parallelism} is more than task_count ${config.task_count}`);
      }
      const seconds = durationToSeconds(config.task_timeout);
      if (seconds < TASK_TIMEOUT_SECONDS.min || seconds > TASK_TIMEOUT_SECONDS.max) {
        shared('GDP719', ['task_timeout'], `task_timeout ${config.task_timeout} is outside Cloud Run's task timeout range of 1s to 168h`);
      }
    },
  },
  environment: {
    attributes(entity, { env }) {
      return {
        name: runName(env, 'gcrjob', entity.name),
        id: runResourceId(env, 'gcrjob', entity.name),
        run_url: jobRunUrl(env, entity.name),
        region: env.region,
        service_account: runtimeAccountEmail(env, 'gcrjob', entity.name, entity.config.service_account),
      };
    },
    generatedNames(entity, { env }) {
      const names = [{ rule: CLOUD_RUN_NAME, value: runName(env, 'gcrjob', entity.name), path: [] }];
      if (entity.config.service_account === undefined) names.push({ rule: NAME_RULES.serviceAccount, value: runtimeAccountId(env, 'gcrjob', entity.name), path: [] });
      return names;
    },
    check(_entity, ctx) {
      checkContainerInEnvironment(ctx.resolved, ctx.env.name, ctx.reporterOf(CLOUD_RUN_CODES));
    },
  },
  synth(_entity, ctx) {
    synthJob(ctx);
  },
  example: `# configuration/cloudrun/jobs/score.yaml  (file name = job name; runtime account <app>-sa-gcrj-<name>-<env>, at most 30 characters)
description: "Score customers from their orders"
image:
  repository: europe-west4-docker.pkg.dev/\${project}/apps/customer-score
  digest: sha256:4f1c0b3a9e2d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b
command: ["python", "-m", "score"]
env:
  DATASET: \${datasets["sales"].dataset_id}
  ORDERS_TABLE: \${tables["orders_v2"].table_id}
cpu: 2
memory: 2Gi
task_count: 4                         # tasks per execution (CLOUD_RUN_TASK_INDEX tells each which part)
parallelism: 2                        # at most task_count; 0 = all at once
max_retries: 1
task_timeout: 30m
permissions:
  project_roles: [roles/bigquery.jobUser]
  datasets: { sales: roles/bigquery.dataEditor }   # reads orders, writes the scores
`,
});
