import type { CodeTable } from '../../core/code-table';

/**
 * Diagnostic codes of Cloud Run services (module `gcr`), including the container rules jobs share and the
 * rules on files that call a service or a job (workflows, scheduler jobs), which report them through
 * `reporterOf`.
 */
export const CLOUD_RUN_CODES = {
  GDP710: {
    severity: 'error',
    title: 'Invalid container image reference',
    hint: 'Write repository as <host>/<project>/<repository>/<image> (e.g. europe-west4-docker.pkg.dev/${project}/apps/api) and give tag or digest (sha256:<64 hex digits>).',
  },
  GDP711: { severity: 'error', title: 'Image tag "latest"', hint: 'Pin a version tag or a digest, so that every deployment runs the image that was tested.' },
  GDP712: { severity: 'error', title: 'No image for this environment', hint: 'Give the environment a key in the per-environment map, or a default key.' },
  GDP713: { severity: 'error', title: 'CPU and memory combination Cloud Run refuses', hint: 'Use 1, 2, 4, 6 or 8 CPUs (or 0.08–1) with memory in the range that CPU count allows.' },
  GDP714: { severity: 'error', title: 'Invalid environment variable name', hint: 'Use letters, digits and "_", starting with a letter or "_".' },
  GDP715: { severity: 'error', title: 'Reserved environment variable', hint: 'Cloud Run sets this variable itself; give yours another name.' },
  GDP716: { severity: 'error', title: 'Undeclared secret', hint: 'Declare the secret under secrets: (<name>: { external: true }) or fix the name.' },
  GDP717: { severity: 'warning', title: 'Secret declared but not used', hint: 'Remove it from secrets:, or use it in env.' },
  GDP718: { severity: 'error', title: 'Scaling settings Cloud Run refuses', hint: 'Keep min_instances ≤ max_instances ≤ 1000.' },
  GDP719: { severity: 'error', title: 'Timeout out of range' },
  GDP720: { severity: 'error', title: 'Unauthenticated access to a service that is not public', hint: 'Set public: true if the service is meant for anyone on the internet, or remove allow_unauthenticated.' },
  GDP721: {
    severity: 'error',
    title: 'Environment has no project_number',
    hint: 'Add "project_number" (the project\'s number, from `gcloud projects describe <project>`) to the environment file: a service\'s URL is https://<name>-<project number>.<region>.run.app.',
  },
  GDP722: { severity: 'error', title: 'Invalid VPC egress', hint: 'Give either connector, or network and/or subnetwork (Direct VPC egress), not both.' },
  GDP723: { severity: 'error', title: 'Invalid service account', hint: 'Give a service account email (name@project.iam.gserviceaccount.com), or leave it out to let gdp create one.' },
  GDP724: {
    severity: 'error',
    title: 'Call to a private Cloud Run service without an identity token',
    hint: 'Add to the call\'s args: auth: { type: OIDC, audience: ${cloudrun_services["<name>"].url} } (Cloud Run accepts only OIDC identity tokens for its URL; gdp grants the workflow\'s account roles/run.invoker).',
  },
  GDP725: {
    severity: 'warning',
    title: 'Cloud Run job run without a gdp job name',
    hint: 'Write args.name: ${cloudrun_jobs["<job>"].id}, so that gdp checks the job exists and grants the caller the right to run it.',
  },
  GDP726: {
    severity: 'error',
    title: 'Path pattern with a Cloud Run destination',
    hint: 'Remove path_pattern and filter object names in the service, or send the events to a workflow (gdp then adds a guard step).',
  },
} as const satisfies CodeTable;

/** A code of the Cloud Run service module. */
export type CloudRunCode = keyof typeof CLOUD_RUN_CODES;

/** Diagnostic codes of Cloud Run jobs (module `gcrjob`) beyond the shared container rules. */
export const CLOUD_RUN_JOB_CODES = {
  GDP730: { severity: 'error', title: 'Job parallelism above its task count', hint: 'Set parallelism to at most task_count (0 runs as many tasks at once as possible).' },
} as const satisfies CodeTable;

/** A code of the Cloud Run job module. */
export type CloudRunJobCode = keyof typeof CLOUD_RUN_JOB_CODES;
