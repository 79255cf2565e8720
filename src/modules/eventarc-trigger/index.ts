/**
 * Module type `eventarc_trigger`: `configuration/triggers/eventarc/<file>.yaml` → an Eventarc trigger
 * named `<app>-evt-<name>-<location code>-<env>` that starts a workflow (or calls a Cloud Run service) on
 * Cloud Storage object events.
 */
import { NAME_RULES } from '../../core/naming';
import type { Environment } from '../../core/environment';
import { EVENTARC_TRIGGER_CODES, type EventarcTriggerCode } from './codes';
import { defineModule, type CheckContext, type Entity, type EnvCheckContext, type ProjectView } from '../../core/module-type';
import { bucketLocation } from '../bucket';
import type { BucketConfig } from '../bucket/schema';
import { nameViolation, serviceAccountEmail, triggerName } from '../../core/naming';
import { parseTemplate } from '../../core/references';
import { CLOUD_RUN_CODES } from '../cloudrun/codes';
import { SERVICE_MEMBER } from '../cloudrun/service/synth';
import { SERVICES_NAMESPACE } from '../cloudrun/targets';
import { globToRegex, pathPatternProblem } from './path-pattern';
import { EventarcTriggerSchema, type EventarcTriggerConfig } from './schema';
import { synthEventarcTrigger } from './synth';

/** The purpose of a gdp bucket when `bucket` is exactly `${buckets.<purpose>}` or `${buckets["<purpose>"].name}`, else undefined. */
export function gdpBucketPurpose(bucket: string): string | undefined {
  const segments = parseTemplate(bucket);
  const [only] = segments;
  if (segments.length !== 1 || only.type !== 'ref' || only.expr.head !== 'buckets') return undefined;
  const { keys } = only.expr;
  return keys.length === 1 || (keys.length === 2 && keys[1] === 'name') ? keys[0] : undefined;
}

/** What the trigger needs to know of the project: the declared buckets. */
type BucketLookup = Pick<ProjectView, 'lookup'>;

/** The location of the declared bucket the trigger watches, lowercase as Eventarc spells it; undefined when unknown. */
export function knownBucketLocation(config: EventarcTriggerConfig, env: Environment, project: BucketLookup): string | undefined {
  const purpose = gdpBucketPurpose(config.bucket);
  const bucket = purpose === undefined ? undefined : project.lookup<BucketConfig>('buckets', purpose);
  return bucket === undefined ? undefined : bucketLocation(bucket.config, env)?.toLowerCase();
}

/** The trigger's Eventarc location: `location`, else the known bucket location, else the region. */
export function triggerLocation(config: EventarcTriggerConfig, env: Environment, project: BucketLookup): string {
  return config.location ?? knownBucketLocation(config, env, project) ?? env.region;
}

/** The generated trigger name in an environment. */
export function triggerNameFor(config: EventarcTriggerConfig, env: Environment, project: BucketLookup): string {
  return triggerName(env, config.name, triggerLocation(config, env, project));
}

/** The identity of the trigger: `service_account` as resolved, else the environment's triggers account. */
export function triggerServiceAccount(resolved: EventarcTriggerConfig, env: Environment): string {
  return resolved.service_account ?? serviceAccountEmail(env, 'triggers');
}

const SERVICE_ACCOUNT_EMAIL = /^[a-z0-9][-a-z0-9]*@[a-z0-9][-a-z0-9.:]*\.gserviceaccount\.com$/;

type TriggerEntity = Entity<EventarcTriggerConfig>;

function checkPathPattern(entity: TriggerEntity, ctx: CheckContext<EventarcTriggerCode>): void {
  const { path_pattern: pattern, destination } = entity.config;
  if (pattern === undefined) return;
  if (destination.workflow === undefined) {
    ctx.reporterOf(CLOUD_RUN_CODES)('GDP726', ['path_pattern'], `path_pattern "${pattern}" cannot be enforced: Eventarc does not filter Cloud Storage events by object name, and gdp's guard step only exists in workflows`);
    return;
  }
  const problem = pathPatternProblem(pattern);
  if (problem) {
    ctx.report('GDP572', ['path_pattern'], `path_pattern "${pattern}" ${problem}`);
    return;
  }
  ctx.report(
    'GDP571',
    ['path_pattern'],
    `Eventarc cannot filter Cloud Storage events by object name, so path_pattern "${pattern}" is enforced by workflow "${destination.workflow}": ` +
      `gdp adds a guard step at its start that ends the execution when the object name (event.data.name) does not match ${globToRegex(pattern)}. ` +
      'Every object event in the bucket still starts an execution.',
  );
}

/** Reads `source_objects[].bucket` of a state machine without depending on its module. */
function sourceBuckets(config: unknown): string[] | undefined {
  const objects = (config as { source_objects?: unknown } | null)?.source_objects;
  if (!Array.isArray(objects) || objects.length === 0) return undefined;
  return objects.map((o) => (o as { bucket?: unknown } | null)?.bucket).filter((b): b is string => typeof b === 'string');
}

function checkStateMachine(entity: TriggerEntity, ctx: CheckContext<EventarcTriggerCode>): void {
  const { bucket, destination } = entity.config;
  if (destination.workflow === undefined) return;
  for (const machine of ctx.all('statemachines')) {
    if ((machine.config as { workflow_name?: unknown } | null)?.workflow_name !== destination.workflow) continue;
    const buckets = sourceBuckets(machine.config);
    if (!buckets || buckets.includes(bucket)) continue;
    ctx.report(
      'GDP574',
      ['bucket'],
      `bucket "${bucket}" is not among the source_objects of workflow "${destination.workflow}" (${machine.file.path} lists ${buckets.map((b) => `"${b}"`).join(', ')}), so the workflow's guard would skip every event of this trigger`,
    );
  }
}

function checkBucket(entity: TriggerEntity, resolved: EventarcTriggerConfig, ctx: EnvCheckContext<EventarcTriggerConfig, EventarcTriggerCode>): void {
  const bucket = resolved.bucket;
  if (/^gs:\/\//i.test(bucket)) {
    const bare = bucket.replace(/^gs:\/\//i, '').split('/')[0];
    ctx.report('GDP570', ['bucket'], `bucket "${bucket}" starts with gs://; Eventarc matches the bare bucket name`, { hint: `Write bucket: ${bare}.` });
    return;
  }
  const problem = nameViolation(NAME_RULES.bucket, bucket);
  if (problem) {
    const hint = bucket.includes('/') ? 'A bucket name holds no "/": move the folder part into path_pattern (e.g. daily/*.csv).' : undefined;
    ctx.report('GDP570', ['bucket'], `bucket: ${problem}`, { hint });
  }
  const known = knownBucketLocation(entity.config, ctx.env, ctx);
  const location = entity.config.location;
  if (known !== undefined && location !== undefined && location !== known) {
    ctx.report(
      'GDP573',
      ['location'],
      `location is "${location}" but bucket ${entity.config.bucket} is in "${known}"; Cloud Storage triggers must be in the bucket's location`,
      { hint: `Remove location (gdp then uses "${known}").` },
    );
  }
}

function checkServiceAccount(resolved: EventarcTriggerConfig, ctx: EnvCheckContext<EventarcTriggerConfig, EventarcTriggerCode>): void {
  const account = resolved.service_account;
  if (account === undefined || SERVICE_ACCOUNT_EMAIL.test(account)) return;
  ctx.report('GDP575', ['service_account'], `service_account "${account}" is not a service account email (name@project.iam.gserviceaccount.com)`);
}

/** The Eventarc trigger module type. */
export const eventarcTriggerModule = defineModule({
  kind: 'eventarc_trigger',
  title: 'Eventarc trigger',
  folder: 'triggers/eventarc',
  namespace: 'eventarc_triggers',
  noun: 'Eventarc trigger',
  schema: EventarcTriggerSchema,
  codes: EVENTARC_TRIGGER_CODES,
  providerClasses: [SERVICE_MEMBER],
  synth(entity, ctx) {
    synthEventarcTrigger(ctx, { name: triggerNameFor(entity.config, ctx.env, ctx.project), location: triggerLocation(entity.config, ctx.env, ctx.project) });
  },
  compile: {
    logicalName: (config) => config.name,
    namePath: ['name'],
    fieldReferences: (config) =>
      config.destination.workflow !== undefined
        ? [{ namespace: 'workflows', name: config.destination.workflow, path: ['destination', 'workflow'] }]
        : [{ namespace: SERVICES_NAMESPACE, name: config.destination.cloudrun_service ?? '', path: ['destination', 'cloudrun_service'] }],
    check(entity, ctx) {
      checkPathPattern(entity, ctx);
      checkStateMachine(entity, ctx);
    },
  },
  environment: {
    check(entity, ctx) {
      const resolved = ctx.resolved;
      checkBucket(entity, resolved, ctx);
      checkServiceAccount(resolved, ctx);
    },
    attributes(entity, ctx) {
      const { env } = ctx;
      const location = triggerLocation(entity.config, env, ctx);
      const name = triggerNameFor(entity.config, env, ctx);
      return { name, location, id: `projects/${env.project_id}/locations/${location}/triggers/${name}` };
    },
    generatedNames(entity, ctx) {
      return [{ rule: NAME_RULES.trigger, value: triggerNameFor(entity.config, ctx.env, ctx), path: ['name'] }];
    },
  },
  example: `# configuration/triggers/eventarc/orders_upload.yaml
name: orders_upload
description: "Load orders when a file lands"
event_type: google.cloud.storage.object.v1.finalized
bucket: \${buckets.landing}          # or a bare bucket name of the same project
path_pattern: "orders/*.csv"         # enforced by a guard step at the start of the workflow
destination:
  workflow: load_orders              # workflow_name of a file in workflows/
# service_account: \${service_accounts.triggers}   (default)
# location: eu                       # default: the bucket's location (gdp buckets) or the region
`,
});
