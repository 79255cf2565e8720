import { z } from 'zod';
import { labelsSchema } from '../shared/fields';

/**
 * One step. Its shape is checked by `step-checks.ts` rather than by zod, so that every mistake gets a
 * precise position and a friendly message; the schema only says it is a mapping.
 */
const stepSchema = z.looseObject({}).meta({
  description:
    'A Cloud Workflows step: "- name: <step>" followed by its fields (assign, call/args/result, switch, next, return, raise, try/retry/except, for, parallel, steps), or the native form "- <step>: {...}". Write run-time expressions as $${...}.',
});

/** A list of steps. */
const stepsSchema = z.array(stepSchema).min(1);

const parameterName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a parameter name of letters, digits and "_", not starting with a digit');

/** A subworkflow: its parameters (with optional defaults) and its steps. */
const subworkflowSchema = z
  .strictObject({
    params: z
      .array(z.union([parameterName, z.record(z.string(), z.unknown())]))
      .optional()
      .meta({ description: 'Parameters: names, or one-key mappings "name: default" for optional ones.', examples: [['a', { b: 'default' }]] }),
    steps: stepsSchema.meta({ description: 'Steps of the subworkflow.' }),
  })
  .meta({ description: 'A subworkflow, called with "call: <name>" or $${<name>(...)} from the workflow.' });

/** What `gdp validate` says of a file written in Cloud Workflows' own format (top-level `main:`). */
const NATIVE_FILE_HINT =
  'This is a Cloud Workflows file in its own format (main: with params and steps, subworkflows beside it). Convert it to a gdp workflow file with "gdp import workflow FILE --write" (README: "Importing a Cloud Workflows file").';

/** The shape of `configuration/workflows/<file>.yaml`. */
export const WorkflowSchema = z
  .strictObject({
    workflow_name: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/, 'letters, digits and "_"')
      .meta({
        description: 'Logical name of the workflow; the cloud name is <app>-wkf-<workflow_name>-<region code>-<env>.',
        examples: ['process_transactions_workflow'],
      }),
    description: z.string().max(1000).optional().meta({ description: 'What the workflow does (at most 1000 characters).' }),
    params: z
      .array(parameterName)
      .optional()
      .meta({
        description: 'Parameter of main: at most one name, which receives the execution argument (a mapping).',
        examples: [['args']],
      }),
    steps: stepsSchema.meta({ description: 'Steps of main, run in order unless a step says next.' }),
    subworkflows: z
      .record(z.string(), subworkflowSchema)
      .optional()
      .meta({ description: 'Subworkflows by name.' }),
    service_account: z
      .string()
      .min(1)
      .default('${service_accounts.workflows}')
      .meta({ description: 'Email of the service account the workflow runs as.', examples: ['${service_accounts.workflows}'] }),
    call_log_level: z
      .enum(['CALL_LOG_LEVEL_UNSPECIFIED', 'LOG_ALL_CALLS', 'LOG_ERRORS_ONLY', 'LOG_NONE'])
      .optional()
      .meta({ description: 'Call logging (default: the environment’s options.workflow_call_log_level).' }),
    labels: labelsSchema.optional(),
    deletion_protection: z
      .boolean()
      .default(true)
      .meta({ description: 'Refuse to destroy or replace the workflow until this is set to false and applied.' }),
  }, {
    error: (issue) => (issue.code === 'unrecognized_keys' && issue.keys.includes('main') ? NATIVE_FILE_HINT : undefined),
  })
  .meta({
    title: 'gdp workflow',
    description: 'A Cloud Workflows workflow. workflow_name is its logical name (${workflows["<workflow_name>"].trigger_url}).',
  });

/** A validated workflow file. */
export type WorkflowConfig = z.output<typeof WorkflowSchema>;
