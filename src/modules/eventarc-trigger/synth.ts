/**
 * The trigger's resources in one environment: a `google_eventarc_trigger` in the bucket's location that
 * filters on the event type and the bucket (the only filters direct Cloud Storage events have) and starts
 * the workflow by its full id. The trigger account gets `roles/eventarc.eventReceiver` and
 * `roles/workflows.invoker`, the project's Cloud Storage service agent may publish to Pub/Sub, and the
 * trigger waits for all of them (IAM races are common on a first apply).
 */
import { SERVICE_ACCOUNT_PURPOSES } from '../../core/environment';
import { serviceAccountEmail } from '../../core/naming';
import type { SynthContext } from '../../core/synth-context';
import type { ResourceRef } from '../../synth/cdk';
import type { EventarcTriggerConfig } from './schema';

/** Project roles the trigger's identity needs to receive events and start workflows. */
export const TRIGGER_ROLES = ['roles/eventarc.eventReceiver', 'roles/workflows.invoker'] as const;

/**
 * The trigger's identity and what it must wait for. A gdp account (the default triggers account, or e.g.
 * `${service_accounts.workflows}`) is created and granted the roles; any other account is the user's to grant.
 */
function identity(resolved: EventarcTriggerConfig, ctx: SynthContext<EventarcTriggerConfig>): { email: string; dependsOn: readonly ResourceRef[] } {
  const email = resolved.service_account ?? serviceAccountEmail(ctx.env, 'triggers');
  const purpose = SERVICE_ACCOUNT_PURPOSES.find((p) => serviceAccountEmail(ctx.env, p) === email);
  if (purpose === undefined) return { email, dependsOn: [] };
  const account = ctx.serviceAccount(purpose);
  const grants = TRIGGER_ROLES.map((role) => ctx.need({ kind: 'project-role', purpose, role }));
  return { email: account.email, dependsOn: [...account.dependsOn, ...grants] };
}

/** Creates the trigger; `ids` are its generated name and location in the environment (index.ts computes them). */
export function synthEventarcTrigger(ctx: SynthContext<EventarcTriggerConfig>, ids: { readonly name: string; readonly location: string }): void {
  const resolved = ctx.resolved as EventarcTriggerConfig;
  const workflow = ctx.attributesOf('workflows', resolved.destination.workflow)?.id;
  if (workflow === undefined) throw new Error(`gdp: workflow "${resolved.destination.workflow}" has no id attribute in ${ctx.env.name}`);
  const { email, dependsOn } = identity(resolved, ctx);
  const publisher = ctx.need({ kind: 'storage-service-agent-publisher' });
  ctx.resources.eventarcTrigger(ctx.id(), {
    name: ids.name,
    location: ids.location,
    matchingCriteria: [
      { attribute: 'type', value: resolved.event_type },
      { attribute: 'bucket', value: ctx.escape(resolved.bucket) },
    ],
    destination: { workflow },
    serviceAccount: ctx.escape(email),
    labels: ctx.labels(resolved.labels),
    dependsOn: [...dependsOn, publisher],
  });
}
