import { z } from 'zod';
import { labelsSchema } from '../shared/fields';

/** The shape of `configuration/datasets/<name>.yaml`. */
export const DatasetSchema = z
  .strictObject({
    description: z.string().max(16384).optional().meta({ description: 'What the dataset holds.' }),
    friendly_name: z.string().max(1024).optional().meta({ description: 'Display name in the console.' }),
    confidentiality: z
      .enum(['c1', 'c2', 'c3'])
      .meta({ description: 'c1 public, c2 internal, c3 restricted; part of the dataset id and a label.' }),
    location: z
      .string()
      .regex(/^(eu|us|EU|US|[a-z]+-[a-z]+[0-9])$/, 'EU, US or a region such as europe-west4')
      .optional()
      .meta({ description: 'BigQuery location (default: the environment’s bigquery_location). Changing it replaces the dataset.', examples: ['eu', 'europe-west4'] }),
    deletion_protection: z
      .boolean()
      .default(true)
      .meta({ description: 'Refuse to destroy the dataset (Terraform prevent_destroy) and never delete its tables with it.' }),
    default_table_expiration_ms: z
      .number()
      .int()
      .min(3_600_000, 'must be at least 3600000 (1 hour)')
      .optional()
      .meta({ description: 'Default lifetime of new tables, in milliseconds (≥ 1 hour).' }),
    default_partition_expiration_ms: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'Default lifetime of partitions of new partitioned tables, in milliseconds.' }),
    max_time_travel_hours: z
      .number()
      .int()
      .min(48)
      .max(168)
      .refine((h) => h % 24 === 0, { message: 'must be a whole number of days (48, 72, …, 168)' })
      .optional()
      .meta({ description: 'Time-travel window, 48–168 hours in whole days.' }),
    labels: labelsSchema.optional(),
  })
  .meta({ title: 'gdp dataset', description: 'A BigQuery dataset. The file name is the dataset’s logical name.' });

/** A validated dataset file. */
export type DatasetConfig = z.output<typeof DatasetSchema>;
