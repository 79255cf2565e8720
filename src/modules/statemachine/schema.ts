import { z } from 'zod';

/** How a workflow is started. */
export const TRIGGER_TYPES = ['http', 'file_arrival', 'schedule'] as const;

/** A file the workflow waits for: a bucket and, optionally, the start and end of the object name. */
export const SourceObjectSchema = z
  .strictObject({
    bucket: z
      .string()
      .min(1)
      .meta({ description: 'Bucket name, or a reference such as ${buckets.landing}.', examples: ['${buckets.landing}'] }),
    prefix: z.string().optional().meta({ description: 'Start of the object name (e.g. a folder: daily/).', examples: ['daily/'] }),
    suffix: z.string().optional().meta({ description: 'End of the object name (e.g. an extension: .csv).', examples: ['.csv'] }),
  })
  .meta({ description: 'Objects whose arrival concerns this workflow; other objects are skipped by a guard at the start of the workflow.' });

/** A source object as validated. */
export type SourceObject = z.output<typeof SourceObjectSchema>;

/** The shape of `configuration/statemachine/<name>.yaml`. */
export const StateMachineSchema = z
  .strictObject({
    workflow_name: z
      .string()
      .min(1)
      .meta({ description: 'The workflow this file binds (its workflow_name).', examples: ['process_transactions_workflow'] }),
    trigger_type: z.enum(TRIGGER_TYPES).meta({
      description:
        'How the workflow is started: http (Workflow Executions API: by a trigger, a scheduler or a caller), file_arrival (Eventarc on a new object), schedule (Cloud Scheduler).',
    }),
    description: z.string().max(1000).optional().meta({ description: 'What starts the workflow and why.' }),
    source_objects: z
      .array(SourceObjectSchema)
      .min(1)
      .optional()
      .meta({
        description:
          'The files the workflow waits for. A Cloud Storage event whose object matches none of them ends the execution at once (it returns {skipped: true}); other executions run normally.',
      }),
    environment_variables: z
      .record(
        z.string(),
        z
          .union([z.string(), z.number(), z.boolean()])
          .transform((v) => String(v))
          .meta({ description: 'A value (numbers and booleans become text); at most 4 KiB.' }),
      )
      .optional()
      .meta({
        description: 'The workflow’s environment variables (user_env_vars), read with $${sys.get_env("NAME")}; at most 20.',
        examples: [{ PROCESSING_MODE: 'incremental' }],
      }),
  })
  .meta({
    title: 'gdp state machine',
    description: 'How a workflow is started, the files it waits for, and its environment variables. The file name is its logical name.',
  });

/** A validated state machine file. */
export type StateMachineConfig = z.output<typeof StateMachineSchema>;
