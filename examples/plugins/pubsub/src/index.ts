/**
 * Example gdp plugin: Pub/Sub topics (`configuration/topics/<name>.yaml`) and subscriptions
 * (`configuration/subscriptions/<name>.yaml`). Other files reference them as `${topics["orders"].id}`;
 * workflows publish with the `googleapis.pubsub.v1.projects.topics.publish` connector.
 */
import { defineModule, regionalResourceName, z } from 'gdp';
import type { PubsubSubscriptionConfig } from '@cdktf/provider-google/lib/pubsub-subscription';
import type { PubsubTopicConfig } from '@cdktf/provider-google/lib/pubsub-topic';
import type { PubsubTopicIamMemberConfig } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';

const TOPIC = '@cdktf/provider-google/lib/pubsub-topic';
const TOPIC_PUBLISHER = '@cdktf/provider-google/lib/pubsub-topic-iam-member';
const SUBSCRIPTION = '@cdktf/provider-google/lib/pubsub-subscription';

/** Pub/Sub topic and subscription names: 3–255 characters, starting with a letter (Pub/Sub resource names). */
const PUBSUB_NAME = {
  title: 'Pub/Sub name',
  pattern: /^[A-Za-z][A-Za-z0-9._~+%-]*$/,
  patternText: 'letters, digits and - _ . ~ + %, starting with a letter',
  min: 3,
  max: 255,
};

/** Message retention bounds: 10 minutes to 31 days (Pub/Sub topic `message_retention_duration`). */
const RETENTION_SECONDS = { min: 600, max: 2_678_400 };

const TopicSchema = z.strictObject({
  description: z.string().optional().meta({ description: 'What the topic carries (a label-free note for readers).' }),
  message_retention_seconds: z.number().int().optional().meta({ description: 'How long the topic keeps messages, 600–2678400 seconds.' }),
  publishers: z
    .array(z.enum(['workflows', 'triggers', 'schedulers']))
    .default([])
    .meta({ description: "gdp service accounts (by purpose) that may publish: e.g. [workflows] for workflows' connector calls." }),
  labels: z.record(z.string(), z.string()).optional().meta({ description: 'Extra labels.' }),
});

/** The topic module type. */
export const topicModule = defineModule({
  kind: 'topic',
  title: 'Pub/Sub topic',
  folder: 'topics',
  namespace: 'topics',
  noun: 'topic',
  schema: TopicSchema,
  codes: {
    TOPIC001: { severity: 'error', title: 'Message retention out of range', hint: 'Use 600 to 2678400 seconds (10 minutes to 31 days).' },
  },
  providerClasses: [TOPIC, TOPIC_PUBLISHER],
  compile: {
    logicalName: (_config, baseName) => baseName,
    check(entity, ctx) {
      const seconds = entity.config.message_retention_seconds;
      if (seconds !== undefined && (seconds < RETENTION_SECONDS.min || seconds > RETENTION_SECONDS.max)) {
        ctx.report('TOPIC001', ['message_retention_seconds'], `message_retention_seconds is ${seconds}; Pub/Sub keeps messages 600 to 2678400 seconds`);
      }
    },
  },
  environment: {
    attributes(entity, { env }) {
      const name = regionalResourceName(env, 'tpc', entity.name);
      return { name, id: `projects/${env.project_id}/topics/${name}` };
    },
    generatedNames: (entity, { env }) => [{ rule: PUBSUB_NAME, value: regionalResourceName(env, 'tpc', entity.name), path: [] }],
  },
  synth(entity, ctx) {
    const name = regionalResourceName(ctx.env, 'tpc', entity.name);
    const seconds = ctx.resolved.message_retention_seconds;
    const topic = ctx.resource<PubsubTopicConfig>(TOPIC, ctx.id(), {
      name,
      project: ctx.env.project_id,
      labels: ctx.labels(ctx.resolved.labels),
      messageRetentionDuration: seconds === undefined ? undefined : `${seconds}s`,
    });
    for (const purpose of ctx.resolved.publishers) {
      const account = ctx.serviceAccount(purpose);
      ctx.resource<PubsubTopicIamMemberConfig>(TOPIC_PUBLISHER, ctx.id('publisher', purpose), {
        project: ctx.env.project_id,
        topic: name,
        role: 'roles/pubsub.publisher',
        member: account.member,
        dependsOn: [topic, ...account.dependsOn],
      });
    }
  },
  example: `# configuration/topics/orders.yaml
description: "One message per confirmed order"
message_retention_seconds: 86400   # one day
publishers: [workflows]           # gdp's workflows service account may publish
`,
});

const SubscriptionSchema = z.strictObject({
  topic: z.string().meta({ description: 'Logical name of the topic (configuration/topics/<name>.yaml).' }),
  ack_deadline_seconds: z.number().int().min(10).max(600).default(10).meta({ description: 'Seconds a subscriber has to acknowledge, 10–600.' }),
  push_endpoint: z.string().url().optional().meta({ description: 'HTTPS endpoint for push delivery; pull when absent.' }),
  labels: z.record(z.string(), z.string()).optional().meta({ description: 'Extra labels.' }),
});

/** The subscription module type. */
export const subscriptionModule = defineModule({
  kind: 'subscription',
  title: 'Pub/Sub subscription',
  folder: 'subscriptions',
  namespace: 'subscriptions',
  noun: 'subscription',
  schema: SubscriptionSchema,
  codes: {},
  providerClasses: [SUBSCRIPTION],
  compile: {
    logicalName: (_config, baseName) => baseName,
    fieldReferences: (config) => [{ namespace: 'topics', name: config.topic, path: ['topic'] }],
  },
  environment: {
    attributes: (entity, { env }) => ({ name: regionalResourceName(env, 'sub', entity.name) }),
    generatedNames: (entity, { env }) => [{ rule: PUBSUB_NAME, value: regionalResourceName(env, 'sub', entity.name), path: [] }],
  },
  synth(entity, ctx) {
    const topic = ctx.attributesOf('topics', ctx.resolved.topic);
    ctx.resource<PubsubSubscriptionConfig>(SUBSCRIPTION, ctx.id(), {
      name: regionalResourceName(ctx.env, 'sub', entity.name),
      project: ctx.env.project_id,
      topic: topic?.id ?? '',
      ackDeadlineSeconds: ctx.resolved.ack_deadline_seconds,
      pushConfig: ctx.resolved.push_endpoint ? { pushEndpoint: ctx.resolved.push_endpoint } : undefined,
      labels: ctx.labels(ctx.resolved.labels),
    });
  },
  example: `# configuration/subscriptions/orders_audit.yaml
topic: orders                     # configuration/topics/orders.yaml
ack_deadline_seconds: 60
`,
});

/** The module types of this plugin. */
export const modules = [topicModule, subscriptionModule];
