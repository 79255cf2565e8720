import { z } from 'zod';
import { ENVIRONMENT_NAMES } from '../../core/environment';
import { labelsSchema } from '../shared/fields';

/** Storage classes of Cloud Storage (docs: cloud.google.com/storage/docs/storage-classes). */
export const STORAGE_CLASSES = ['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'] as const;

const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/, 'a Cloud Storage bucket name: lowercase letters, digits, "-", "_" and "."');

const LifecycleRuleSchema = z
  .strictObject({
    action: z.enum(['delete', 'set_storage_class', 'abort_incomplete_upload']).meta({ description: 'What happens to matching objects.' }),
    storage_class: z.enum(STORAGE_CLASSES).optional().meta({ description: 'The class set_storage_class moves objects to.' }),
    age_days: z.number().int().min(0).optional().meta({ description: 'Objects at least this many days old.' }),
    created_before: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
      .optional()
      .meta({ description: 'Objects created before this date (UTC), YYYY-MM-DD.' }),
    matches_prefix: z.array(z.string().min(1)).optional().meta({ description: 'Object names starting with one of these.' }),
    matches_suffix: z.array(z.string().min(1)).optional().meta({ description: 'Object names ending with one of these.' }),
    with_state: z.enum(['live', 'noncurrent', 'any']).optional().meta({ description: 'Live objects, noncurrent versions, or both.' }),
    num_newer_versions: z.number().int().min(1).optional().meta({ description: 'Noncurrent versions with at least this many newer versions.' }),
    days_since_noncurrent_time: z.number().int().min(0).optional().meta({ description: 'Noncurrent versions at least this many days noncurrent.' }),
  })
  .meta({ description: 'One lifecycle rule: an action and the conditions objects must all meet.' });

/** A lifecycle rule as written. */
export type LifecycleRuleConfig = z.output<typeof LifecycleRuleSchema>;

/** The shape of `configuration/buckets/<purpose>.yaml`. */
export const BucketSchema = z
  .strictObject({
    description: z.string().max(1024).optional().meta({ description: 'What the bucket holds (for readers; Cloud Storage has no description).' }),
    external: z
      .boolean()
      .default(false)
      .meta({ description: 'The bucket exists already and is not gdp’s: gdp never creates, changes or deletes it; give its real `name`.' }),
    name: z
      .union([bucketName, z.partialRecord(z.enum(ENVIRONMENT_NAMES), bucketName)])
      .optional()
      .meta({
        description: 'Real name of an external bucket: one name, or one per environment (dv, qa, np, pd). A bucket gdp creates is named <app>-gcs-<purpose>-<location code>-<env>.',
        examples: ['transaction-data-bucket', { dv: 'partner-drop-dev', pd: 'partner-drop' }],
      }),
    location: z
      .string()
      .regex(/^(eu|us|asia|EU|US|ASIA|[a-z]+-[a-z]+[0-9]|eur[0-9]|nam[0-9]|asia[0-9]|EUR[0-9]|NAM[0-9]|ASIA[0-9])$/, 'EU, US, ASIA, a dual-region such as EUR4, or a region such as europe-west4')
      .optional()
      .meta({ description: 'Bucket location (default: the environment’s bigquery_location, so loads and triggers fit). Changing it replaces the bucket.', examples: ['eu', 'europe-west4'] }),
    storage_class: z.enum(STORAGE_CLASSES).default('STANDARD').meta({ description: 'Default storage class of new objects.' }),
    versioning: z.boolean().default(false).meta({ description: 'Keep noncurrent versions of overwritten and deleted objects (Object Versioning).' }),
    lifecycle_rules: z.array(LifecycleRuleSchema).default([]).meta({ description: 'Object lifecycle rules (delete or move old objects).' }),
    retention_days: z
      .number()
      .int()
      .min(1)
      .max(36_500)
      .optional()
      .meta({ description: 'Retention policy: objects cannot be deleted or replaced until they are this many days old (1–36500). Not with versioning.' }),
    deletion_protection: z
      .boolean()
      .default(true)
      .meta({ description: 'Refuse to destroy the bucket (Terraform prevent_destroy); gdp never deletes its objects with it (force_destroy false).' }),
    labels: labelsSchema.optional(),
  })
  .meta({
    title: 'gdp bucket',
    description:
      'A Cloud Storage bucket, by purpose (the file name). Uniform bucket-level access and public access prevention are always on. Other files write ${buckets.<purpose>} for its name.',
  });

/** A validated bucket file. */
export type BucketConfig = z.output<typeof BucketSchema>;
