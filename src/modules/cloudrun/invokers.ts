/**
 * Who may call a service or run a job: exactly the workflows whose steps call it (workflow/cloud-run-calls.ts)
 * and the scheduler jobs whose uri references it. Each caller's account gets roles/run.invoker on the
 * service or job, or roles/run.developer on a job it runs with overrides (Cloud Run docs, "Execute jobs":
 * overriding a job's configuration needs run.jobs.runWithOverrides).
 */
import { SERVICE_ACCOUNT_PURPOSES } from '../../core/environment';
import { serviceAccountEmail } from '../../core/naming';
import type { SynthContext } from '../../core/synth-context';
import type { ResourceRef } from '../../synth/cdk';
import { cloudRunCalls } from '../workflow/cloud-run-calls';
import { runTargetsIn, SERVICES_NAMESPACE, type RunTarget } from './targets';

/** Roles gdp grants callers. */
export type InvokerRole = 'roles/run.invoker' | 'roles/run.developer';

/** One account's grant on a service or job (callers sharing an account share the grant). */
export interface InvokerGrant {
  /** Construct id part naming the account: its gdp purpose (`workflows`), else its email's name part. */
  readonly account: string;
  readonly email: string;
  readonly role: InvokerRole;
  /** The caller's account, when gdp creates it (the grant waits for it). */
  readonly dependsOn: readonly ResourceRef[];
}

/** The grant of an email: named by its gdp purpose (then waiting for that account) or by its name part. */
function grantOf(ctx: SynthContext, email: string, role: InvokerRole): InvokerGrant {
  const purpose = SERVICE_ACCOUNT_PURPOSES.find((p) => serviceAccountEmail(ctx.env, p) === email);
  if (purpose !== undefined) return { account: purpose, email, role, dependsOn: ctx.serviceAccount(purpose).dependsOn };
  return { account: email.split('@')[0].replace(/[^A-Za-z0-9_-]/g, '_'), email, role, dependsOn: [] };
}

/** One grant per account calling the service or job `target` in this environment (the stronger role wins), sorted. */
export function invokerGrants(ctx: SynthContext, target: RunTarget): InvokerGrant[] {
  const byEmail = new Map<string, InvokerRole>();
  const add = (email: string, role: InvokerRole): void => {
    if (byEmail.get(email) !== 'roles/run.developer') byEmail.set(email, role);
  };
  for (const workflow of ctx.project.all('workflows')) {
    const calls = cloudRunCalls(workflow.config).filter((c) => c.name === target.name && (c.kind === 'service') === (target.namespace === SERVICES_NAMESPACE));
    if (calls.length === 0) continue;
    const email = ctx.attributesOf('workflows', workflow.name)?.service_account;
    if (email === undefined) continue;
    add(email, calls.some((c) => c.overrides) ? 'roles/run.developer' : 'roles/run.invoker');
  }
  for (const job of ctx.project.all<{ http_target?: { uri?: string } }>('schedulers')) {
    const uri = job.config.http_target?.uri;
    if (uri === undefined || !runTargetsIn(uri).some((t) => t.namespace === target.namespace && t.name === target.name)) continue;
    add(ctx.serviceAccount('schedulers').email, 'roles/run.invoker');
  }
  return [...byEmail.entries()].map(([email, role]) => grantOf(ctx, email, role)).sort((a, b) => a.account.localeCompare(b.account));
}
