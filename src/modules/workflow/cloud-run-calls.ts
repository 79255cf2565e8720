/**
 * The Cloud Run services and jobs a workflow calls, read from its steps (either form): an `http.*` call whose
 * `args.url` references `${cloudrun_services["x"].url}` (or a job's `run_url`), and a run of the Cloud Run Admin connector
 * `googleapis.run.v2.projects.locations.jobs.run` whose `args.name` references `${cloudrun_jobs["x"].id}`.
 * The services' and jobs' module grants the workflow's account the right to call exactly these.
 */
import type { ValuePath } from '../../core/source';
import { JOBS_NAMESPACE, runTargetsIn, SERVICES_NAMESPACE } from '../cloudrun/targets';
import { isMapping, type Mapping } from './step-shape';
import { forEachMapping } from './walk-mappings';

/** The connector that runs a Cloud Run job and waits for the execution to finish. */
export const RUN_JOB_CONNECTOR = 'googleapis.run.v2.projects.locations.jobs.run';

/** One call of a gdp service or job. */
export interface CloudRunCall {
  readonly kind: 'service' | 'job';
  /** Logical name of the service or job; undefined for a job run whose name is no gdp job reference. */
  readonly name?: string;
  /** Path of the step's fields that hold `call`. */
  readonly path: ValuePath;
  /** Service calls: the call sends an OIDC identity token (`auth: { type: OIDC }`). */
  readonly oidc: boolean;
  /** Job runs: the call overrides the job's settings (`body.overrides`), which needs roles/run.developer. */
  readonly overrides: boolean;
}

/** Every Cloud Run call in a workflow's steps and subworkflows, depth first. */
export function cloudRunCalls(config: unknown): CloudRunCall[] {
  const calls: CloudRunCall[] = [];
  const visit = (value: Mapping, path: ValuePath): void => {
    if (typeof value.call === 'string') calls.push(...callsOf(value, [...path]));
  };
  if (isMapping(config)) {
    forEachMapping(config.steps, ['steps'], visit);
    forEachMapping(config.subworkflows, ['subworkflows'], visit);
  }
  return calls;
}

function callsOf(step: Mapping, path: ValuePath): CloudRunCall[] {
  const call = step.call as string;
  const args = isMapping(step.args) ? step.args : {};
  const overrides = isMapping(args.body) && args.body.overrides !== undefined;
  if (call.startsWith('http.') && typeof args.url === 'string') {
    // A service by its url, or a job by its run_url (the Admin API, called with an OAuth2 token).
    const oidc = isMapping(args.auth) && typeof args.auth.type === 'string' && args.auth.type.toUpperCase() === 'OIDC';
    return runTargetsIn(args.url).map((t) => ({ kind: t.namespace === SERVICES_NAMESPACE ? 'service' : 'job', name: t.name, path, oidc, overrides }));
  }
  if (call !== RUN_JOB_CONNECTOR) return [];
  const jobs = typeof args.name === 'string' ? runTargetsIn(args.name).filter((t) => t.namespace === JOBS_NAMESPACE) : [];
  if (jobs.length === 0) return [{ kind: 'job', path, oidc: false, overrides }];
  return jobs.map((t) => ({ kind: 'job', name: t.name, path, oidc: false, overrides }));
}
