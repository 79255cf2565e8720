/**
 * Module type `notification_channel`: `configuration/monitoring/channels/<name>.yaml` → one Cloud
 * Monitoring notification channel per environment that has a target (email address, Pub/Sub topic or
 * webhook URL); an environment without one (often dv) gets no channel. A Pub/Sub channel's topic gets
 * the Monitoring notification service agent as publisher ("Create a Pub/Sub notification channel",
 * https://cloud.google.com/monitoring/support/notification-options#pubsub).
 */
import { z } from 'zod';
import { ENVIRONMENT_NAMES } from '../../core/environment';
import { defineModule } from '../../core/module-type';
import type { DataGoogleProjectConfig } from '@cdktf/provider-google/lib/data-google-project';
import type { MonitoringNotificationChannelConfig } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import type { PubsubTopicIamMemberConfig } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { labelsSchema } from '../shared/fields';
import { CHANNEL_CODES } from './codes';

const CHANNEL = '@cdktf/provider-google/lib/monitoring-notification-channel';
const TOPIC_PUBLISHER = '@cdktf/provider-google/lib/pubsub-topic-iam-member';
const PROJECT_DATA = '@cdktf/provider-google/lib/data-google-project';

/** The shape of `configuration/monitoring/channels/<name>.yaml`. */
export const ChannelSchema = z
  .strictObject({
    type: z.enum(['email', 'pubsub', 'webhook']).meta({ description: 'email, pubsub (a Pub/Sub topic) or webhook (an https URL that receives JSON).' }),
    display_name: z.string().max(512).optional().meta({ description: 'Name in the console (default: the file name); gdp adds the environment.' }),
    description: z.string().max(1024).optional().meta({ description: 'Who receives it.' }),
    targets: z.partialRecord(z.enum(ENVIRONMENT_NAMES), z.string().min(1)).meta({
      description: 'Per environment: the email address, topic (name or projects/<project>/topics/<topic>) or URL. An environment left out has no channel.',
      examples: [{ qa: 'data-team@acme.example', pd: 'data-oncall@acme.example' }],
    }),
    labels: labelsSchema.optional(),
  })
  .meta({ title: 'gdp notification channel', description: 'Where alerts go, per environment. The file name is the channel’s logical name.' });

/** A validated channel file. */
export type ChannelConfig = z.output<typeof ChannelSchema>;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TOPIC = /^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/topics\/[A-Za-z][A-Za-z0-9._~+%-]{2,254}$/;
const TOPIC_NAME = /^[A-Za-z][A-Za-z0-9._~+%-]{2,254}$/;

/** The full topic name of a Pub/Sub target (a bare name is in the environment's project). */
export function topicOf(target: string, project: string): string {
  return target.startsWith('projects/') ? target : `projects/${project}/topics/${target}`;
}

/** Why a target does not fit the channel type, or undefined. */
function targetProblem(type: ChannelConfig['type'], target: string): string | undefined {
  if (type === 'email') return EMAIL.test(target) ? undefined : `"${target}" is not an email address`;
  if (type === 'pubsub') return TOPIC.test(target) || TOPIC_NAME.test(target) ? undefined : `"${target}" is not a Pub/Sub topic (a name, or projects/<project>/topics/<topic>)`;
  let url: URL | undefined;
  try {
    url = new URL(target);
  } catch {
    url = undefined;
  }
  return url?.protocol === 'https:' ? undefined : `"${target}" is not an https:// URL`;
}

/** The notification channel module type. */
export const channelModule = defineModule({
  kind: 'notification_channel',
  title: 'Cloud Monitoring notification channel',
  folder: 'monitoring/channels',
  namespace: 'channels',
  noun: 'notification channel',
  schema: ChannelSchema,
  codes: CHANNEL_CODES,
  providerClasses: [CHANNEL, TOPIC_PUBLISHER, PROJECT_DATA],
  compile: { logicalName: (_config, baseName) => baseName },
  environment: {
    check(_entity, ctx) {
      const target = ctx.resolved.targets[ctx.env.name];
      const problem = target === undefined ? undefined : targetProblem(ctx.resolved.type, target.trim());
      if (problem) ctx.report('GDP690', ['targets', ctx.env.name], `${ctx.resolved.type} target for ${ctx.env.name}: ${problem}`);
    },
  },
  synth(entity, ctx) {
    const config = ctx.resolved;
    const target = config.targets[ctx.env.name]?.trim();
    if (target === undefined) return;
    const topic = config.type === 'pubsub' ? topicOf(target, ctx.env.project_id) : undefined;
    const labels: Record<string, string> =
      config.type === 'email' ? { email_address: target } : config.type === 'webhook' ? { url: target } : { topic: topic ?? target };
    const channel = ctx.resource<MonitoringNotificationChannelConfig>(CHANNEL, ctx.id(), {
      project: ctx.env.project_id,
      displayName: ctx.escape(`${config.display_name ?? entity.name} (${ctx.env.name})`),
      description: config.description === undefined ? undefined : ctx.escape(config.description),
      type: config.type === 'webhook' ? 'webhook_tokenauth' : config.type,
      labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, ctx.escape(v)])),
      userLabels: ctx.labels(config.labels),
    });
    if (topic !== undefined) {
      const project = ctx.resource<DataGoogleProjectConfig>(PROJECT_DATA, ctx.id('project'), { projectId: ctx.env.project_id });
      ctx.resource<PubsubTopicIamMemberConfig>(TOPIC_PUBLISHER, ctx.id('publisher'), {
        topic: ctx.escape(topic),
        role: 'roles/pubsub.publisher',
        member: `serviceAccount:service-${ctx.attribute(project, 'number')}@gcp-sa-monitoring-notification.iam.gserviceaccount.com`,
        dependsOn: [channel],
      });
    }
  },
  example: `# configuration/monitoring/channels/data_team.yaml
type: email                        # email, pubsub or webhook
display_name: "Data team"
targets:                           # per environment; dv has none here, so dv alerts go nowhere
  qa: data-team-test@acme.example
  np: data-team-test@acme.example
  pd: data-oncall@acme.example
`,
});
