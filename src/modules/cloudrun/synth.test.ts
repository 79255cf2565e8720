import { synthFiles, type StackJson } from '../../testing';
import type { EnvironmentName } from '../../core/environment';

const SERVICE = `image:
  repository: europe-west4-docker.pkg.dev/\${project}/apps/orders-api
  tag: { dv: latest, default: "1.4.2" }
env:
  LOG_LEVEL: info
  API_KEY: { secret: api_key, version: 2 }
secrets:
  api_key: { external: true }
permissions:
  project_roles: [roles/bigquery.jobUser]
`;

const JOB = `image:
  repository: europe-west4-docker.pkg.dev/\${project}/apps/orders-export
  digest: sha256:${'a'.repeat(64)}
cpu: 2
memory: 2Gi
task_count: 4
parallelism: 2
task_timeout: 30m
`;

const CALLER = `workflow_name: enrich
steps:
  - name: score
    call: http.post
    args:
      url: \${cloudrun_services["orders_api"].url}/score
      auth:
        type: OIDC
        audience: \${cloudrun_services["orders_api"].url}
    result: r
  - name: export
    call: googleapis.run.v2.projects.locations.jobs.run
    args:
      name: \${cloudrun_jobs["orders_export"].id}
      body:
        overrides:
          taskCount: 1
  - name: done
    return: $\${r.body}
`;

const EMAIL = (purpose: string, env = 'dv'): string => `acme-sa-${purpose}-${env}@acme-data-${env}.iam.gserviceaccount.com`;

function stack(files: Record<string, string>, env: EnvironmentName = 'dv'): NonNullable<StackJson['resource']> {
  return synthFiles(files, env).resource ?? {};
}

describe('Cloud Run synthesis', () => {
  it('creates the service with its per-environment image, variables, secret and runtime account', () => {
    const dv = stack({ 'cloudrun/services/orders_api.yaml': SERVICE });
    const pd = stack({ 'cloudrun/services/orders_api.yaml': SERVICE }, 'pd');
    const service = pd.google_cloud_run_v2_service.gcr_orders_api;
    expect(service).toMatchObject({
      name: 'acme-gcr-orders-api-ew4-pd',
      location: 'europe-west4',
      ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
      deletion_protection: true,
      template: {
        service_account: 'acme-sa-gcr-orders-api-pd@acme-data-pd.iam.gserviceaccount.com',
        timeout: '300s',
        max_instance_request_concurrency: 80,
        containers: [
          {
            image: 'europe-west4-docker.pkg.dev/acme-data-pd/apps/orders-api:1.4.2',
            ports: { container_port: 8080 },
            env: [
              { name: 'LOG_LEVEL', value: 'info' },
              { name: 'API_KEY', value_source: { secret_key_ref: { secret: 'api_key', version: '2' } } },
            ],
            resources: { limits: { cpu: '1', memory: '512Mi' } },
          },
        ],
      },
    });
    expect(dv.google_cloud_run_v2_service.gcr_orders_api.deletion_protection).toBe(false);
    expect((dv.google_cloud_run_v2_service.gcr_orders_api.template as { containers: { image: string }[] }).containers[0].image).toMatch(/:latest$/);
    expect(pd.google_service_account.gcr_orders_api_runtime).toMatchObject({ account_id: 'acme-sa-gcr-orders-api-pd' });
    expect(pd.google_secret_manager_secret_iam_member.gcr_orders_api_runtime_secret_api_key).toMatchObject({
      secret_id: 'api_key',
      role: 'roles/secretmanager.secretAccessor',
      member: 'serviceAccount:acme-sa-gcr-orders-api-pd@acme-data-pd.iam.gserviceaccount.com',
    });
    expect(service.depends_on).toEqual(
      expect.arrayContaining(['google_service_account.gcr_orders_api_runtime', 'google_project_iam_member.gcr_orders_api_runtime_bigquery_jobuser']),
    );
    expect(pd.google_cloud_run_v2_service_iam_member).toBeUndefined();
  });

  it('grants a calling workflow run.invoker on the service and run.developer on a job it runs with overrides, and deploys the workflow after them', () => {
    const r = stack({ 'cloudrun/services/orders_api.yaml': SERVICE, 'cloudrun/jobs/orders_export.yaml': JOB, 'workflows/enrich.yaml': CALLER });
    expect(r.google_cloud_run_v2_service_iam_member.gcr_orders_api_invoker_workflows).toMatchObject({
      name: 'acme-gcr-orders-api-ew4-dv',
      role: 'roles/run.invoker',
      member: `serviceAccount:${EMAIL('workflows')}`,
    });
    expect(r.google_cloud_run_v2_job_iam_member.gcrjob_orders_export_invoker_workflows).toMatchObject({
      name: 'acme-gcrjob-orders-export-ew4-dv',
      role: 'roles/run.developer',
      member: `serviceAccount:${EMAIL('workflows')}`,
    });
    const workflow = r.google_workflows_workflow.workflow_enrich;
    expect(workflow.depends_on).toEqual(expect.arrayContaining(['google_cloud_run_v2_service.gcr_orders_api', 'google_cloud_run_v2_job.gcrjob_orders_export']));
    expect(workflow.source_contents).toContain('url: https://acme-gcr-orders-api-ew4-dv-104729000011.europe-west4.run.app/score');
    expect(workflow.source_contents).toContain('name: projects/acme-data-dv/locations/europe-west4/jobs/acme-gcrjob-orders-export-ew4-dv');
  });

  it('grants nothing to a workflow that does not call the service', () => {
    const other = `workflow_name: other\nsteps:\n  - name: done\n    return: 1\n`;
    const r = stack({ 'cloudrun/services/orders_api.yaml': SERVICE, 'workflows/other.yaml': other });
    expect(r.google_cloud_run_v2_service_iam_member).toBeUndefined();
  });

  it('lets a scheduler job run a job with an OAuth token and call a service with an OIDC token, both granted run.invoker', () => {
    const runJob = `name: run_export\nschedule: "0 4 * * *"\nhttp_target:\n  uri: \${cloudrun_jobs["orders_export"].run_url}\n`;
    const callService = `name: ping_api\nschedule: "0 5 * * *"\nhttp_target:\n  uri: \${cloudrun_services["orders_api"].url}/refresh\n`;
    const r = stack({
      'cloudrun/services/orders_api.yaml': SERVICE,
      'cloudrun/jobs/orders_export.yaml': JOB,
      'triggers/schedulers/run_export.yaml': runJob,
      'triggers/schedulers/ping_api.yaml': callService,
    });
    const jobTarget = r.google_cloud_scheduler_job.scheduler_run_export.http_target as Record<string, unknown>;
    expect(jobTarget).toMatchObject({
      uri: 'https://run.googleapis.com/v2/projects/acme-data-dv/locations/europe-west4/jobs/acme-gcrjob-orders-export-ew4-dv:run',
      oauth_token: { service_account_email: EMAIL('schedulers'), scope: 'https://www.googleapis.com/auth/cloud-platform' },
    });
    const serviceUrl = 'https://acme-gcr-orders-api-ew4-dv-104729000011.europe-west4.run.app';
    expect(r.google_cloud_scheduler_job.scheduler_ping_api.http_target).toMatchObject({
      uri: `${serviceUrl}/refresh`,
      oidc_token: { service_account_email: EMAIL('schedulers'), audience: serviceUrl },
    });
    expect(r.google_cloud_run_v2_job_iam_member.gcrjob_orders_export_invoker_schedulers).toMatchObject({ role: 'roles/run.invoker', member: `serviceAccount:${EMAIL('schedulers')}` });
    expect(r.google_cloud_run_v2_service_iam_member.gcr_orders_api_invoker_schedulers).toMatchObject({ role: 'roles/run.invoker' });
    expect(r.google_cloud_scheduler_job.scheduler_run_export.depends_on).toContain('google_cloud_run_v2_job.gcrjob_orders_export');
  });

  it('creates the job with its tasks, digest image and task timeout', () => {
    const job = stack({ 'cloudrun/jobs/orders_export.yaml': JOB }).google_cloud_run_v2_job.gcrjob_orders_export;
    expect(job).toMatchObject({
      name: 'acme-gcrjob-orders-export-ew4-dv',
      template: {
        task_count: 4,
        parallelism: 2,
        template: {
          max_retries: 3,
          timeout: '1800s',
          service_account: 'acme-sa-gcrj-orders-export-dv@acme-data-dv.iam.gserviceaccount.com',
          containers: [{ image: `europe-west4-docker.pkg.dev/acme-data-dv/apps/orders-export@sha256:${'a'.repeat(64)}`, resources: { limits: { cpu: '2', memory: '2Gi' } } }],
        },
      },
    });
  });

  it('opens a public service to allUsers, uses a given account, and runs less than one CPU in the first generation', () => {
    const text = `${SERVICE.replace(/permissions:[\s\S]*$/, '')}public: true\ningress: all\nallow_unauthenticated: true\nservice_account: api@acme-shared.iam.gserviceaccount.com\ncpu: 0.5\nconcurrency: 1\n`;
    const r = stack({ 'cloudrun/services/orders_api.yaml': text.replace(/secrets:\n.*\n/, '').replace(/ {2}API_KEY.*\n/, '') });
    expect(r.google_cloud_run_v2_service_iam_member.gcr_orders_api_invoker_all_users).toMatchObject({ role: 'roles/run.invoker', member: 'allUsers' });
    expect(r.google_service_account).toBeUndefined();
    expect(r.google_cloud_run_v2_service.gcr_orders_api).toMatchObject({
      ingress: 'INGRESS_TRAFFIC_ALL',
      template: { service_account: 'api@acme-shared.iam.gserviceaccount.com', execution_environment: 'EXECUTION_ENVIRONMENT_GEN1', containers: [{ resources: { limits: { cpu: '500m' }, cpu_idle: true } }] },
    });
  });

  it('lets an Eventarc trigger post events to a service, granting its account run.invoker on that service', () => {
    const trigger = `name: orders_upload
event_type: google.cloud.storage.object.v1.finalized
bucket: \${buckets.landing}
destination:
  cloudrun_service: orders_api
  path: /events
`;
    const landing = 'description: "Uploads"\nlocation: europe-west4\n';
    const r = stack({ 'buckets/landing.yaml': landing, 'cloudrun/services/orders_api.yaml': SERVICE, 'triggers/eventarc/orders_upload.yaml': trigger });
    const t = r.google_eventarc_trigger.eventarc_trigger_orders_upload;
    expect(t.destination).toEqual({ cloud_run_service: { service: 'acme-gcr-orders-api-ew4-dv', region: 'europe-west4', path: '/events' } });
    expect(r.google_cloud_run_v2_service_iam_member.eventarc_trigger_orders_upload_invoker).toMatchObject({
      name: 'acme-gcr-orders-api-ew4-dv',
      role: 'roles/run.invoker',
      member: `serviceAccount:${EMAIL('triggers')}`,
    });
    expect(t.depends_on).toEqual(expect.arrayContaining(['google_cloud_run_v2_service.gcr_orders_api', 'google_cloud_run_v2_service_iam_member.eventarc_trigger_orders_upload_invoker']));
  });

  it('waits for a gdp account given as the runtime account', () => {
    const text = SERVICE.replace('permissions:', 'service_account: ${service_accounts.workflows}\npermissions:');
    const r = stack({ 'cloudrun/services/orders_api.yaml': text });
    expect(r.google_service_account.gcr_orders_api_runtime).toBeUndefined();
    expect(r.google_cloud_run_v2_service.gcr_orders_api.depends_on).toContain('google_service_account.sa_workflows');
    expect(r.google_project_iam_member.gcr_orders_api_runtime_bigquery_jobuser).toMatchObject({ member: `serviceAccount:${EMAIL('workflows')}` });
  });
});
