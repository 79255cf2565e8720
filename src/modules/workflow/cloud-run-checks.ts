/** Rules on a workflow's calls of Cloud Run services and jobs (the codes are the Cloud Run module's). */
import type { CheckContext } from '../../core/module-type';
import { CLOUD_RUN_CODES } from '../cloudrun/codes';
import { SERVICES_NAMESPACE } from '../cloudrun/targets';
import { cloudRunCalls, RUN_JOB_CONNECTOR } from './cloud-run-calls';

/** A private service needs an OIDC token; a job run should name a gdp job so that gdp can grant the right to run it. */
export function checkCloudRunCalls<K extends string>(config: unknown, ctx: CheckContext<K>): void {
  const report = ctx.reporterOf(CLOUD_RUN_CODES);
  for (const call of cloudRunCalls(config)) {
    if (call.kind === 'service' && call.name !== undefined && !call.oidc) {
      const service = ctx.lookup<{ allow_unauthenticated?: boolean }>(SERVICES_NAMESPACE, call.name);
      if (service === undefined || service.config.allow_unauthenticated === true) continue;
      report('GDP724', [...call.path, 'args', 'url'], `Cloud Run service "${call.name}" only accepts authenticated calls, but this call sends no identity token`);
    } else if (call.kind === 'job' && call.name === undefined) {
      report('GDP725', [...call.path, 'call'], `${RUN_JOB_CONNECTOR} runs a job gdp does not know, so the workflow's account gets no right to run it`);
    }
  }
}
