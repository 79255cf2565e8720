import { z } from 'zod';
import { labelsSchema } from '../shared/fields';
import { RANGE_ELEMENT_TYPES } from './column-types';

const ColumnFieldsSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .meta({ description: 'Column name: letters, digits and "_", starting with a letter or "_", at most 300 characters.', examples: ['customer_id'] }),
  // Checked by the module (not an enum) so aliases are accepted case-insensitively with a precise message.
  type: z.string().min(1).meta({
    description:
      'BigQuery type: STRING, BYTES, INTEGER (INT64), FLOAT (FLOAT64), NUMERIC (DECIMAL), BIGNUMERIC (BIGDECIMAL), BOOLEAN (BOOL), TIMESTAMP, DATE, TIME, DATETIME, GEOGRAPHY, JSON, RECORD (STRUCT) or RANGE.',
    examples: ['STRING', 'INT64', 'RECORD'],
  }),
  mode: z
    .enum(['NULLABLE', 'REQUIRED', 'REPEATED'])
    .optional()
    .meta({ description: 'NULLABLE (default), REQUIRED, or REPEATED (an array).' }),
  description: z
    .string()
    .max(1024, 'at most 1024 characters')
    .optional()
    .meta({ description: 'What the column holds (at most 1,024 characters).' }),
  max_length: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'Maximum length of a STRING (characters) or BYTES (bytes) column.' }),
  precision: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'Total digits of a NUMERIC or BIGNUMERIC column.' }),
  scale: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .meta({ description: 'Digits after the decimal point of a NUMERIC or BIGNUMERIC column (needs precision).' }),
  rounding_mode: z
    .enum(['ROUND_HALF_AWAY_FROM_ZERO', 'ROUND_HALF_EVEN'])
    .optional()
    .meta({ description: 'How NUMERIC or BIGNUMERIC values are rounded when written.' }),
  default_value_expression: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'SQL expression giving the value of the column when a row does not set it.', examples: ['CURRENT_TIMESTAMP()', "'EUR'"] }),
  policy_tags: z
    .array(z.string().min(1))
    .max(1, 'at most 1 policy tag per column')
    .optional()
    .meta({
      description: 'Column-level access control: the policy tag resource name (at most one).',
      examples: [['projects/${project}/locations/eu/taxonomies/123/policyTags/456']],
    }),
  collation: z
    .enum(['und:ci', ''])
    .optional()
    .meta({ description: 'Collation of a STRING column: "und:ci" (case-insensitive) or "" (binary).' }),
  range_element_type: z
    .enum(RANGE_ELEMENT_TYPES)
    .optional()
    .meta({ description: 'Element type of a RANGE column: DATE, DATETIME or TIMESTAMP.' }),
});

/** One column of a table's schema; RECORD columns nest more columns under `fields`. */
export const ColumnSchema = ColumnFieldsSchema.extend({
  get fields(): z.ZodOptional<z.ZodArray<typeof ColumnSchema>> {
    return z.array(ColumnSchema).min(1).optional().meta({ description: 'Nested columns of a RECORD (STRUCT) column.' });
  },
});
// Registered apart: chaining .meta() on a recursive schema breaks type inference.
ColumnSchema.register(z.globalRegistry, { id: 'TableColumn', description: 'A column of the table.' });

/** The shape of `configuration/tables/<table_id>_v<version>.yaml`. */
export const TableSchema = z
  .strictObject({
    table_id: z
      .string()
      .min(1)
      .meta({ description: 'Table name without version; the BigQuery table is <table_id>_v<version>, which must be the file name.', examples: ['transactions'] }),
    dataset: z
      .string()
      .min(1)
      .meta({ description: 'Logical name of the dataset (its file name in configuration/datasets/, without .yaml).', examples: ['sales'] }),
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'Schema version; a new version is a new table (<table_id>_v<version>).', examples: [1] }),
    description: z.string().max(16384).optional().meta({ description: 'What the table holds.' }),
    friendly_name: z.string().max(1024).optional().meta({ description: 'Display name in the console.' }),
    schema: z.array(ColumnSchema).min(1).meta({
      description:
        'The columns, in order. Each column: name, type, mode, description, fields (RECORD), max_length (STRING, BYTES), precision, scale, rounding_mode (NUMERIC, BIGNUMERIC), collation (STRING), range_element_type (RANGE), default_value_expression, policy_tags.',
    }),
    time_partitioning: z
      .strictObject({
        type: z.enum(['HOUR', 'DAY', 'MONTH', 'YEAR']).meta({ description: 'Partition granularity: HOUR, DAY, MONTH or YEAR (HOUR needs a TIMESTAMP or DATETIME column).' }),
        field: z
          .string()
          .min(1)
          .optional()
          .meta({ description: 'Top-level DATE, TIMESTAMP or DATETIME column to partition on; without it, the table is partitioned by ingestion time.' }),
        expiration_ms: z.number().int().positive().optional().meta({ description: 'Lifetime of each partition, in milliseconds.' }),
      })
      .optional()
      .meta({ description: 'Partition by a date/time column (or by ingestion time). Changing the column replaces the table.' }),
    range_partitioning: z
      .strictObject({
        field: z.string().min(1).meta({ description: 'Top-level INTEGER column to partition on.' }),
        start: z.number().int().meta({ description: 'First value of the first partition (inclusive).' }),
        end: z.number().int().meta({ description: 'End of the last partition (exclusive).' }),
        interval: z.number().int().meta({ description: 'Width of each partition.' }),
      })
      .optional()
      .meta({ description: 'Partition by ranges of an INTEGER column (at most 10,000 partitions).' }),
    require_partition_filter: z
      .boolean()
      .optional()
      .meta({ description: 'Reject queries and DML on the table that do not filter on the partitioning column.' }),
    clustering: z
      .strictObject({
        fields: z
          .array(z.string().min(1))
          .min(1)
          .meta({ description: 'Up to 4 top-level columns, in priority order.', examples: [['customer_id', 'product_category']] }),
      })
      .optional()
      .meta({ description: 'Clustering columns.' }),
    primary_key: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .meta({ description: 'Primary key columns (NOT ENFORCED: BigQuery does not check it, but the optimizer relies on it).' }),
    deletion_protection: z
      .boolean()
      .default(true)
      .meta({ description: 'Refuse to destroy (or replace) the table; set false only to drop or recreate it on purpose.' }),
    expiration_time: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'When BigQuery deletes the table, in milliseconds since 1970-01-01 UTC.' }),
    labels: labelsSchema.optional(),
  })
  .meta({ title: 'gdp table', description: 'A BigQuery table. The file is named <table_id>_v<version>.yaml.' });

/** A validated table file. */
export type TableConfig = z.output<typeof TableSchema>;
/** A validated column. */
export type ColumnConfig = z.output<typeof ColumnSchema>;
