/**
 * A scheduler job that calls a gdp Cloud Run service or runs a gdp Cloud Run job authenticates as the
 * schedulers account: the Cloud Run Admin API (a job's run_url) takes an OAuth access token, a service an
 * OIDC identity token whose audience is the service's URL (reference/gcp-domain.md §6: Google APIs reject
 * ID tokens). The services' and jobs' module grants that account roles/run.invoker.
 */
import type { SynthContext } from '../../core/synth-context';
import { JOBS_NAMESPACE, SERVICES_NAMESPACE } from '../cloudrun/targets';

/** The token a job sends to a gdp Cloud Run target, or undefined when the uri is none. */
export type CloudRunAuth = { readonly token: 'oauth' } | { readonly token: 'oidc'; readonly audience: string };

/** How a (resolved) uri reaches a gdp Cloud Run service or job. */
export function cloudRunAuth(uri: string, ctx: Pick<SynthContext, 'project' | 'attributesOf'>): CloudRunAuth | undefined {
  const target = uri.trim();
  for (const job of ctx.project.all(JOBS_NAMESPACE)) {
    if (ctx.attributesOf(JOBS_NAMESPACE, job.name)?.run_url === target) return { token: 'oauth' };
  }
  for (const service of ctx.project.all(SERVICES_NAMESPACE)) {
    const url = ctx.attributesOf(SERVICES_NAMESPACE, service.name)?.url;
    if (url && (target === url || target.startsWith(`${url}/`) || target.startsWith(`${url}?`))) return { token: 'oidc', audience: url };
  }
  return undefined;
}
