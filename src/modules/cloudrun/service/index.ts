/**
 * Module type `gcr`: `configuration/cloudrun/services/<name>.yaml` → a Cloud Run service named
 * `<app>-gcr-<name>-<region code>-<env>`, running as its own service account. Workflows call it at
 * `${cloudrun_services["<name>"].url}` with an OIDC token; gdp grants each caller roles/run.invoker.
 */
import { NAME_RULES } from '../../../core/naming';
import { defineModule } from '../../../core/module-type';
import { checkContainer, checkContainerInEnvironment } from '../checks';
import { CLOUD_RUN_CODES } from '../codes';
import { durationToSeconds } from '../container-schema';
import { CLOUD_RUN_NAME, REQUEST_TIMEOUT_SECONDS } from '../limits';
import { runName, runResourceId, runtimeAccountEmail, runtimeAccountId, serviceUrl } from '../naming';
import { RUNTIME_PROVIDER_CLASSES } from '../synth-runtime';
import { SERVICES_NAMESPACE } from '../targets';
import { CloudRunServiceSchema } from './schema';
import { SERVICE, SERVICE_MEMBER, synthService } from './synth';

/** The Cloud Run service module type. */
export const cloudRunServiceModule = defineModule({
  kind: 'gcr',
  title: 'Cloud Run service',
  folder: 'cloudrun/services',
  namespace: SERVICES_NAMESPACE,
  noun: 'Cloud Run service',
  schema: CloudRunServiceSchema,
  codes: CLOUD_RUN_CODES,
  providerClasses: [SERVICE, SERVICE_MEMBER, ...RUNTIME_PROVIDER_CLASSES],
  compile: {
    logicalName: (_config, baseName) => baseName,
    fieldReferences: (config) => Object.keys(config.permissions.datasets).map((name) => ({ namespace: 'datasets', name, path: ['permissions', 'datasets', name] })),
    check(entity, ctx) {
      const config = entity.config;
      checkContainer(config, ctx.report, 'service', config.concurrency);
      if (config.min_instances > config.max_instances) {
        ctx.report('GDP718', ['min_instances'], `min_instances ${config.min_instances} is more than max_instances ${config.max_instances}`);
      }
      const seconds = durationToSeconds(config.timeout);
      if (seconds < REQUEST_TIMEOUT_SECONDS.min || seconds > REQUEST_TIMEOUT_SECONDS.max) {
        ctx.report('GDP719', ['timeout'], `timeout ${config.timeout} is outside Cloud Run's request timeout range of 1s to 60m`);
      }
      if (config.allow_unauthenticated && !config.public) {
        ctx.report('GDP720', ['allow_unauthenticated'], 'allow_unauthenticated lets anyone on the internet call the service, but the service is not declared public');
      }
    },
  },
  environment: {
    attributes(entity, { env }) {
      return {
        name: runName(env, 'gcr', entity.name),
        id: runResourceId(env, 'gcr', entity.name),
        url: serviceUrl(env, entity.name) ?? '',
        region: env.region,
        service_account: runtimeAccountEmail(env, 'gcr', entity.name, entity.config.service_account),
      };
    },
    generatedNames(entity, { env }) {
      const names = [{ rule: CLOUD_RUN_NAME, value: runName(env, 'gcr', entity.name), path: [] }];
      if (entity.config.service_account === undefined) names.push({ rule: NAME_RULES.serviceAccount, value: runtimeAccountId(env, 'gcr', entity.name), path: [] });
      return names;
    },
    check(_entity, ctx) {
      checkContainerInEnvironment(ctx.resolved, ctx.env.name, ctx.report);
      if (ctx.env.project_number === undefined) ctx.report('GDP721', [], `environment ${ctx.env.name} has no project_number, which the service's URL needs`);
    },
  },
  synth(_entity, ctx) {
    synthService(ctx);
  },
  example: `# configuration/cloudrun/services/orders.yaml  (file name = service name; runtime account <app>-sa-gcr-<name>-<env>, at most 30 characters)
description: "Orders API"
image:
  repository: europe-west4-docker.pkg.dev/\${project}/apps/orders-api
  tag: { dv: latest, default: "1.4.2" }   # or tag: "1.4.2", or digest: sha256:…
port: 8080
args: ["--workers", "2"]
env:
  DATASET: \${datasets["sales"].dataset_id}
  DB_PASSWORD: { secret: orders_db, version: 3 }
secrets:
  orders_db: { external: true }       # exists in Secret Manager; gdp grants read access
cpu: 1
memory: 512Mi
min_instances: 0
max_instances: 10
concurrency: 80
timeout: 300s
ingress: internal                     # all | internal | internal_and_load_balancing
# vpc: { connector: projects/p/locations/europe-west4/connectors/c, egress: private_ranges_only }
permissions:                          # for the runtime account <app>-sa-gcr-<name>-<env>
  project_roles: [roles/bigquery.jobUser]
  datasets: { sales: roles/bigquery.dataViewer }
`,
});
