/**
 * Environments are data: `environments/<env>.json`, validated by {@link EnvironmentSchema}. This is the
 * only module that reads them; everything else receives an {@link Environment}.
 */
import { z } from 'zod';

/** The four environments, in promotion order. */
export const ENVIRONMENT_NAMES = ['dv', 'qa', 'np', 'pd'] as const;
/** One of dv, qa, np, pd. */
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

const labelKey = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,62}$/, 'a label key: a lowercase letter, then up to 62 lowercase letters, digits, "_" or "-"');
const labelValue = z
  .string()
  .regex(/^[a-z0-9_-]{0,63}$/, 'a label value: up to 63 lowercase letters, digits, "_" or "-"');

const serviceAccountEmail = z
  .string()
  .regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9.:]*\.iam\.gserviceaccount\.com$|^[^@\s]+@[a-z0-9.-]+\.gserviceaccount\.com$/, 'a service account email (name@project.iam.gserviceaccount.com)');

/** Service account purposes gdp creates (or uses, when an email is given). */
export const SERVICE_ACCOUNT_PURPOSES = ['workflows', 'triggers', 'schedulers'] as const;

/** The shape of `environments/<env>.json`. */
export const EnvironmentSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'JSON Schema for editors; ignored by gdp.' }),
    name: z.enum(ENVIRONMENT_NAMES).meta({ description: 'Environment name; must equal the file name.' }),
    description: z.string().max(500).optional().meta({ description: 'What this environment is for.' }),
    project_id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a GCP project id: 6–30 lowercase letters, digits or hyphens, starting with a letter')
      .meta({ description: 'GCP project every resource of this environment is created in.', examples: ['acme-data-dv'] }),
    project_number: z
      .string()
      .regex(/^\d{6,20}$/, 'the project number as a string of digits, e.g. "123456789012"')
      .optional()
      .meta({ description: 'Number of the project (gcloud projects describe <project>); Cloud Run service URLs need it.', examples: ['123456789012'] }),
    region: z
      .string()
      .regex(/^[a-z]+-[a-z]+[0-9]$/, 'a GCP region such as europe-west4')
      .meta({ description: 'Region of Workflows, Scheduler jobs and (by default) Eventarc triggers.', examples: ['europe-west4'] }),
    bigquery_location: z
      .string()
      .regex(/^(EU|US|eu|us|[a-z]+-[a-z]+[0-9])$/, 'EU, US or a region such as europe-west4')
      .default('EU')
      .meta({ description: 'Default BigQuery location for datasets that do not set one.' }),
    app_name: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,11}$/, '2–12 lowercase letters or digits, starting with a letter')
      .meta({ description: 'Application name, the first part of every generated name.', examples: ['acme'] }),
    state: z
      .strictObject({
        bucket: z
          .string()
          .regex(/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/, 'a Cloud Storage bucket name')
          .meta({ description: 'Existing bucket that holds the Terraform state (enable object versioning).' }),
        prefix: z
          .string()
          .min(1)
          .optional()
          .meta({ description: 'Folder of the state inside the bucket (default `gdp/<env>`); no two environments may share bucket and prefix.' }),
      })
      .meta({ description: 'Terraform GCS backend for this environment.' }),
    service_accounts: z
      .partialRecord(z.enum(SERVICE_ACCOUNT_PURPOSES), serviceAccountEmail)
      .default({})
      .meta({
        description:
          'Existing service accounts to use instead of the ones gdp creates (<app>-sa-<purpose>-<env>). Keys: workflows, triggers, schedulers.',
      }),
    labels: z.record(labelKey, labelValue).default({}).meta({ description: 'Labels added to every resource that takes labels.' }),
    variables: z
      .record(z.string().regex(/^[a-z_][a-z0-9_]*$/i, 'a variable name: letters, digits and "_", not starting with a digit'), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .meta({
        description:
          'Values for ${name} (or ${variables.name}) references in configuration files. Strings may themselves reference declared tables; numbers and booleans fill number and boolean fields when a field holds exactly one reference.',
      }),
    naming: z
      .strictObject({
        region_code: z.string().regex(/^[a-z0-9]{2,6}$/).optional().meta({ description: 'Overrides the region code in names (default: ew4 for europe-west4).' }),
      })
      .default({})
      .meta({ description: 'Naming overrides.' }),
    options: z
      .strictObject({
        pause_schedulers: z.boolean().default(false).meta({ description: 'Create every Cloud Scheduler job paused (typical for dv).' }),
        force_deletion_protection: z
          .boolean()
          .default(false)
          .meta({ description: 'Turn deletion protection on for every table and workflow, whatever the file says (typical for pd).' }),
        allow_data_loss: z
          .boolean()
          .default(false)
          .meta({ description: '`gdp plan` exits non-zero for data-losing changes in this environment unless this is true.' }),
        workflow_call_log_level: z
          .enum(['CALL_LOG_LEVEL_UNSPECIFIED', 'LOG_ALL_CALLS', 'LOG_ERRORS_ONLY', 'LOG_NONE'])
          .default('LOG_ERRORS_ONLY')
          .meta({ description: 'Call logging of every workflow.' }),
      })
      .default({ pause_schedulers: false, force_deletion_protection: false, allow_data_loss: false, workflow_call_log_level: 'LOG_ERRORS_ONLY' })
      .meta({ description: 'Per-environment behaviour.' }),
  })
  .meta({ title: 'gdp environment', description: 'One deployment environment of a gdp project.' });

/** A validated environment. */
export type Environment = z.output<typeof EnvironmentSchema>;

/** Names gdp itself defines for `${...}`; environment variables may not reuse them. */
export const BUILTIN_GLOBALS = ['project', 'region', 'location', 'env', 'app_name', 'date', 'service_accounts', 'variables'] as const;
