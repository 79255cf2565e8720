import { z } from 'zod';
import { labelsSchema, logicalNameSchema } from '../shared/fields';

/** The direct Cloud Storage event types Eventarc delivers (reference/gcp-domain.md §5.2). */
export const STORAGE_EVENT_TYPES = [
  'google.cloud.storage.object.v1.finalized',
  'google.cloud.storage.object.v1.deleted',
  'google.cloud.storage.object.v1.archived',
  'google.cloud.storage.object.v1.metadataUpdated',
] as const;

/** The shape of `configuration/triggers/eventarc/<file>.yaml`. */
export const EventarcTriggerSchema = z
  .strictObject({
    name: logicalNameSchema.meta({
      description: 'Logical name of the trigger, unique among triggers; part of the generated name <app>-evt-<name>-<location code>-<env>.',
      examples: ['transaction_data_trigger'],
    }),
    description: z.string().max(500).optional().meta({ description: 'What the trigger is for.' }),
    event_type: z.enum(STORAGE_EVENT_TYPES).meta({
      description:
        'Cloud Storage event that starts the workflow: finalized (object created or overwritten), deleted, archived (live version became noncurrent) or metadataUpdated.',
    }),
    bucket: z.string().min(1).meta({
      description: 'Bucket whose events start the workflow: a bare bucket name (no gs://) or a reference such as ${buckets.landing}. Must be in the trigger’s project.',
      examples: ['${buckets.landing}', 'transaction-data-bucket'],
    }),
    path_pattern: z.string().optional().meta({
      description:
        'Glob on the object name (* = any characters except /, ** = any characters, ? = one character). Eventarc cannot filter Cloud Storage events by name, so gdp adds a guard step at the start of the workflow that ends executions for other objects.',
      examples: ['daily/*.csv', 'incoming/**'],
    }),
    service_account: z.string().min(1).optional().meta({
      description: 'Identity the trigger uses to start the workflow (default: ${service_accounts.triggers}). It needs roles/eventarc.eventReceiver and roles/workflows.invoker.',
      examples: ['${service_accounts.triggers}'],
    }),
    destination: z
      .strictObject({
        workflow: z.string().min(1).optional().meta({ description: 'Logical name (workflow_name) of the workflow to start; the event is its argument.' }),
        cloudrun_service: z.string().min(1).optional().meta({
          description: 'Or: logical name of a gdp Cloud Run service (configuration/cloudrun/services/<name>.yaml) that receives each event as an HTTP POST; the trigger’s account gets roles/run.invoker on it.',
        }),
        path: z.string().regex(/^\//, 'a URL path starting with "/"').optional().meta({ description: 'With cloudrun_service: the path events are posted to (default /).' }),
      })
      .refine((d) => (d.workflow === undefined) !== (d.cloudrun_service === undefined), { message: 'give exactly one of workflow or cloudrun_service' })
      .refine((d) => d.path === undefined || d.cloudrun_service !== undefined, { message: 'path only applies to a cloudrun_service destination' })
      .meta({ description: 'Where events go: a workflow, or a Cloud Run service.' }),
    location: z
      .string()
      .regex(/^([a-z]+-[a-z]+[0-9]+|[a-z]+[0-9]*)$/, 'a lowercase region such as europe-west4, or a multi- or dual-region such as eu, us or eur4')
      .optional()
      .meta({
        description:
          'Eventarc location. It must equal the bucket’s location (a bucket in EU needs eu). Default: the location of a declared bucket (${buckets.x}: its `location`, by default the environment’s bigquery_location), otherwise the environment’s region.',
        examples: ['eu', 'europe-west4'],
      }),
    labels: labelsSchema.optional(),
  })
  .meta({ title: 'gdp Eventarc trigger', description: 'Starts a workflow when an object event happens in a Cloud Storage bucket.' });

/** A validated Eventarc trigger file. */
export type EventarcTriggerConfig = z.output<typeof EventarcTriggerSchema>;
