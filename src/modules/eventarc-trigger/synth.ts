/**
 * The trigger's resources in one environment: a `google_eventarc_trigger` in the bucket's location that
 * filters on the event type and the bucket (the only filters direct Cloud Storage events have) and starts
 * the workflow by its full id, or posts the event to a gdp Cloud Run service (the trigger's account then gets
 * `roles/run.invoker` on that service instead of `roles/workflows.invoker`). The trigger account gets `roles/eventarc.eventReceiver` and
 * `roles/workflows.invoker`, the project's Cloud Storage service agent may publish to Pub/Sub, and the
 * trigger waits for all of them (IAM races are common on a first apply).
 */
import { SERVICE_ACCOUNT_PURPOSES } from '../../core/environment';
import { serviceAccountEmail } from '../../core/naming';
import type { SynthContext } from '../../core/synth-context';
import type { ResourceRef } from '../../synth/cdk';
import type { CloudRunV2ServiceIamMemberConfig } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { SERVICE_MEMBER } from '../cloudrun/service/synth';
import { SERVICES_NAMESPACE } from '../cloudrun/targets';
import type { EventarcTriggerConfig } from './schema';

/** Project roles the trigger's identity needs to receive events and start workflows. */
export const TRIGGER_ROLES = ['roles/eventarc.eventReceiver', 'roles/workflows.invoker'] as const;

/** Project roles the identity of a trigger that calls a Cloud Run service needs (run.invoker is granted on the service). */
export const SERVICE_TRIGGER_ROLES = ['roles/eventarc.eventReceiver'] as const;

/**
 * The trigger's identity and what it must wait for. A gdp account (the default triggers account, or e.g.
 * `${service_accounts.workflows}`) is created and granted the roles; any other account is the user's to grant.
 */
function identity(resolved: EventarcTriggerConfig, ctx: SynthContext<EventarcTriggerConfig>): { email: string; dependsOn: readonly ResourceRef[] } {
  const email = resolved.service_account ?? serviceAccountEmail(ctx.env, 'triggers');
  const purpose = SERVICE_ACCOUNT_PURPOSES.find((p) => serviceAccountEmail(ctx.env, p) === email);
  if (purpose === undefined) return { email, dependsOn: [] };
  const account = ctx.serviceAccount(purpose);
  const roles = resolved.destination.workflow === undefined ? SERVICE_TRIGGER_ROLES : TRIGGER_ROLES;
  const grants = roles.map((role) => ctx.need({ kind: 'project-role', purpose, role }));
  return { email: account.email, dependsOn: [...account.dependsOn, ...grants] };
}

/** Creates the trigger; `ids` are its generated name and location in the environment (index.ts computes them). */
export function synthEventarcTrigger(ctx: SynthContext<EventarcTriggerConfig>, ids: { readonly name: string; readonly location: string }): void {
  const resolved = ctx.resolved;
  const { email, dependsOn } = identity(resolved, ctx);
  const publisher = ctx.need({ kind: 'storage-service-agent-publisher' });
  const destination = destinationOf(resolved, ctx, email, dependsOn);
  ctx.resources.eventarcTrigger(ctx.id(), {
    name: ids.name,
    location: ids.location,
    matchingCriteria: [
      { attribute: 'type', value: resolved.event_type },
      { attribute: 'bucket', value: ctx.escape(resolved.bucket) },
    ],
    destination: destination.block,
    serviceAccount: ctx.escape(email),
    labels: ctx.labels(resolved.labels),
    dependsOn: [...dependsOn, publisher, ...destination.grants],
  });
}

/** The destination block: a workflow by id, or a Cloud Run service (whose run.invoker grant the trigger creates and waits for). */
function destinationOf(
  resolved: EventarcTriggerConfig,
  ctx: SynthContext<EventarcTriggerConfig>,
  email: string,
  account: readonly ResourceRef[],
): { block: { workflow: string } | { cloudRunService: { service: string; region: string; path?: string } }; grants: ResourceRef[] } {
  const { workflow, cloudrun_service: service, path } = resolved.destination;
  if (workflow !== undefined) {
    const id = ctx.attributesOf('workflows', workflow)?.id;
    if (id === undefined) throw new Error(`gdp: workflow "${workflow}" has no id attribute in ${ctx.env.name}`);
    return { block: { workflow: id }, grants: [] };
  }
  const target = ctx.attributesOf(SERVICES_NAMESPACE, service ?? '');
  if (target === undefined) throw new Error(`gdp: Cloud Run service "${service}" has no attributes in ${ctx.env.name}`);
  const grant = ctx.resource<CloudRunV2ServiceIamMemberConfig>(SERVICE_MEMBER, ctx.id('invoker'), {
    project: ctx.env.project_id,
    location: target.region,
    name: target.name,
    role: 'roles/run.invoker',
    member: `serviceAccount:${ctx.escape(email)}`,
    dependsOn: account,
  });
  return { block: { cloudRunService: { service: target.name, region: target.region, path } }, grants: [grant] };
}
