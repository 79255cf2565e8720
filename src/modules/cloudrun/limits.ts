/**
 * Cloud Run's limits, as data, each with the Google document it comes from. The checks (checks.ts) read
 * only these tables.
 */
import type { NameRule } from '../../core/naming';

/**
 * Service and job names: lowercase letters, digits and "-", starting with a letter, not ending with "-", at
 * most 49 characters (Cloud Run docs, "Deploying container images to Cloud Run": service names; jobs are held
 * to the same limit, which every job name Cloud Run accepts also meets).
 */
export const CLOUD_RUN_NAME: NameRule = {
  title: 'Cloud Run name',
  pattern: /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/,
  patternText: 'lowercase letters, digits and "-", starting with a letter and not ending with "-"',
  min: 1,
  max: 49,
};

/**
 * Memory a whole number of CPUs allows, in MiB (Cloud Run docs, "Configure CPU limits for services": vCPU
 * and memory table; "Configure memory limits": 32 GiB maximum). Any CPU above 1 must be one of these.
 */
export const WHOLE_CPU_MEMORY: Readonly<Record<number, { readonly minMiB: number; readonly maxMiB: number }>> = {
  1: { minMiB: 128, maxMiB: 4 * 1024 },
  2: { minMiB: 128, maxMiB: 8 * 1024 },
  4: { minMiB: 2 * 1024, maxMiB: 16 * 1024 },
  6: { minMiB: 4 * 1024, maxMiB: 24 * 1024 },
  8: { minMiB: 4 * 1024, maxMiB: 32 * 1024 },
};

/**
 * Less than one CPU: 0.08 to 1 (Cloud Run docs, "Configure CPU limits for services"): above 512 MiB needs
 * at least 0.5 CPU, above 1 GiB a whole CPU; such instances take one request at a time.
 */
export const FRACTIONAL_CPU = { min: 0.08, halfCpuMaxMiB: 512, belowOneMaxMiB: 1024, concurrency: 1 } as const;

/**
 * Memory floor: 128 MiB for services (first generation), 512 MiB for jobs, which always run in the second
 * generation (Cloud Run docs, "Configure memory limits": minimum memory).
 */
export const MIN_MEMORY_MIB = { service: 128, job: 512 } as const;

/** Request concurrency per instance, 1–1000 (Cloud Run docs, "Maximum concurrent requests per instance"). */
export const CONCURRENCY = { min: 1, max: 1000 } as const;

/** Request timeout of a service, 1 s to 60 min (Cloud Run docs, "Configure request timeout for services"). */
export const REQUEST_TIMEOUT_SECONDS = { min: 1, max: 3600 } as const;

/** Task timeout of a job, 1 s to 168 h (Cloud Run docs, "Configure task timeout for jobs"). */
export const TASK_TIMEOUT_SECONDS = { min: 1, max: 168 * 3600 } as const;

/** Tasks of a job, 1–10,000; retries per task 0–10 (Cloud Run docs, "Configure tasks for jobs", "Configure max retries for jobs"). */
export const JOB_TASKS = { maxTasks: 10_000, maxRetries: 10 } as const;

/** Maximum instances of a service (Cloud Run docs, "Configure maximum instances": the default quota is 100 per region; the limit 1000). */
export const MAX_INSTANCES = 1000;

/**
 * Environment variables Cloud Run sets itself and refuses in a revision or job (Cloud Run docs, "Container
 * runtime contract": environment variables of services and jobs). Names starting with X_GOOGLE_ are reserved too.
 */
export const RESERVED_ENV_VARS = [
  'PORT',
  'K_SERVICE',
  'K_REVISION',
  'K_CONFIGURATION',
  'CLOUD_RUN_JOB',
  'CLOUD_RUN_EXECUTION',
  'CLOUD_RUN_TASK_INDEX',
  'CLOUD_RUN_TASK_ATTEMPT',
  'CLOUD_RUN_TASK_COUNT',
] as const;

/** Prefix of reserved variable names (Cloud Run docs, "Configure environment variables"). */
export const RESERVED_ENV_PREFIX = 'X_GOOGLE_';

/** Container ports Cloud Run accepts: 1–65535 (Cloud Run Admin API v2, ContainerPort). */
export const PORT_RANGE = { min: 1, max: 65535 } as const;
