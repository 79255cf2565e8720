/**
 * The job's resources in one environment: a `google_cloud_scheduler_job` with an HTTP target. A job that
 * starts a gdp workflow calls the Workflow Executions API as the schedulers account (OAuth, which Google
 * APIs require) and sends its body as the execution's `argument`, a JSON-encoded string; that account gets
 * `roles/workflows.invoker`. A gdp Cloud Run job or service gets an OAuth or OIDC token of that account
 * (cloud-run-target.ts). Any other target gets the body as written. Bodies are base64, as the API wants.
 */
import type { SynthContext } from '../../core/synth-context';
import type { ResourceRef } from '../../synth/cdk';
import { cloudRunAuth } from './cloud-run-target';
import type { SchedulerConfig } from './schema';

/** OAuth scope of the token sent to the Workflow Executions API. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** True when `uri` (resolved) is the trigger_url of a workflow of the project in this environment. */
export function startsGdpWorkflow(uri: string, ctx: Pick<SynthContext, 'project' | 'attributesOf'>): boolean {
  return ctx.project.all('workflows').some((w) => ctx.attributesOf('workflows', w.name)?.trigger_url === uri.trim());
}

/**
 * The request body of an execution whose argument is `body`: its JSON, compacted (text that is not JSON,
 * which the checks only let through for a literal workflow URL, becomes a JSON string); no body, no argument.
 */
export function executionBody(body: string | undefined): string {
  if (body === undefined) return '{}';
  let argument: string;
  try {
    argument = JSON.stringify(JSON.parse(body));
  } catch {
    argument = JSON.stringify(body);
  }
  return JSON.stringify({ argument });
}

/** Base64 of UTF-8 text (Cloud Scheduler's encoding of `http_target.body`). */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Headers with every literal escaped; `contentType` replaces any Content-Type the file gives (any case). */
function headersOf(
  headers: Readonly<Record<string, string>> | undefined,
  ctx: SynthContext<SchedulerConfig>,
  contentType?: string,
): Record<string, string> | undefined {
  const entries = Object.entries(headers ?? {}).filter(([k]) => contentType === undefined || k.toLowerCase() !== 'content-type');
  if (contentType !== undefined) entries.push(['Content-Type', contentType]);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([k, v]) => [ctx.escape(k), ctx.escape(v)]));
}

/** Creates the job; `ids` are its generated name and whether it is created paused (index.ts computes them). */
export function synthScheduler(ctx: SynthContext<SchedulerConfig>, ids: { readonly name: string; readonly paused: boolean }): void {
  const config = ctx.resolved;
  const target = config.http_target;
  const workflow = startsGdpWorkflow(target.uri, ctx);
  const dependsOn: ResourceRef[] = [];
  let oauthToken: { serviceAccountEmail: string; scope: string } | undefined;
  if (workflow) {
    const account = ctx.serviceAccount('schedulers');
    dependsOn.push(...account.dependsOn, ctx.need({ kind: 'project-role', purpose: 'schedulers', role: 'roles/workflows.invoker' }));
    oauthToken = { serviceAccountEmail: account.email, scope: CLOUD_PLATFORM_SCOPE };
  }
  const run = workflow ? undefined : cloudRunAuth(target.uri, ctx);
  let oidcToken: { serviceAccountEmail: string; audience: string } | undefined;
  if (run) {
    const account = ctx.serviceAccount('schedulers');
    dependsOn.push(...account.dependsOn);
    if (run.token === 'oauth') oauthToken = { serviceAccountEmail: account.email, scope: CLOUD_PLATFORM_SCOPE };
    else oidcToken = { serviceAccountEmail: account.email, audience: run.audience };
  }
  const body = workflow ? executionBody(target.body) : target.body;
  ctx.resources.cloudSchedulerJob(ctx.id(), {
    name: ids.name,
    region: ctx.env.region,
    schedule: ctx.escape(config.schedule),
    timeZone: ctx.escape(config.timezone),
    description: config.description === undefined ? undefined : ctx.escape(config.description),
    paused: ids.paused,
    attemptDeadline: config.attempt_deadline,
    retryConfig: config.retry_config && {
      retryCount: config.retry_config.retry_count,
      maxRetryDuration: config.retry_config.max_retry_duration,
      minBackoffDuration: config.retry_config.min_backoff_duration,
      maxBackoffDuration: config.retry_config.max_backoff_duration,
      maxDoublings: config.retry_config.max_doublings,
    },
    httpTarget: {
      uri: ctx.escape(target.uri.trim()),
      httpMethod: target.http_method,
      headers: headersOf(target.headers, ctx, workflow ? 'application/json' : undefined),
      body: body === undefined ? undefined : base64(body),
      oauthToken,
      oidcToken,
    },
    dependsOn,
  });
}
