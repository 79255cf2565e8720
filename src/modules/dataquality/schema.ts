import { z } from 'zod';
import { ENVIRONMENT_NAMES } from '../../core/environment';
import { labelsSchema } from '../shared/fields';

/** The kinds of rules Dataplex data quality scans offer (DataQualityRule in the Dataplex API). */
export const RULE_TYPES = [
  'non_null',
  'range',
  'set',
  'regex',
  'uniqueness',
  'statistic_range',
  'row_condition',
  'table_condition',
  'sql_assertion',
  'freshness',
] as const;

/** A kind of rule. */
export type RuleType = (typeof RULE_TYPES)[number];

/** Dimensions Dataplex reports rules under (DataQualityRule.dimension). */
export const DIMENSIONS = ['COMPLETENESS', 'ACCURACY', 'CONSISTENCY', 'VALIDITY', 'UNIQUENESS', 'FRESHNESS', 'VOLUME'] as const;

/** Rule names: Dataplex allows letters, digits and "-", starting with a letter, at most 63 characters. */
const RULE_NAME = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

const bound = z.union([z.number(), z.string().min(1)]);

/** One rule of a scan; which fields apply depends on `type` (checked by the module, with positions). */
export const RuleSchema = z
  .strictObject({
    type: z.enum(RULE_TYPES).meta({
      description:
        'non_null, range, set, regex, uniqueness, statistic_range (MEAN/MIN/MAX of a column), row_condition (SQL per row), table_condition (aggregate SQL over the table), sql_assertion (a query returning failing rows) or freshness (the newest value of a date/time column is at most max_age_hours old; a table condition gdp writes).',
    }),
    name: z
      .string()
      .regex(RULE_NAME, 'letters, digits and "-", starting with a letter, at most 63 characters')
      .optional()
      .meta({ description: 'Rule name in the results (default: <type>-<column>, "_" turned into "-").', examples: ['order-id-present'] }),
    description: z.string().max(1024).optional().meta({ description: 'What the rule checks (at most 1,024 characters).' }),
    column: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Column the rule checks (nested: record.field); required by every rule but row_condition, table_condition, sql_assertion and freshness (default: the partition column).', examples: ['order_id', 'shipping_address.country_code'] }),
    dimension: z.enum(DIMENSIONS).optional().meta({
      description: 'Dimension the result is reported under (default: COMPLETENESS for non_null, UNIQUENESS for uniqueness, FRESHNESS for freshness, VALIDITY otherwise).',
    }),
    threshold: z.number().optional().meta({
      description: 'Share of rows that must pass, above 0 and at most 1 (default 1); only for the row-level rules non_null, range, set, regex and row_condition.',
      examples: [0.99],
    }),
    thresholds: z
      .partialRecord(z.enum(ENVIRONMENT_NAMES), z.number())
      .optional()
      .meta({ description: 'Threshold per environment, replacing threshold there.', examples: [{ dv: 0.5, pd: 0.999 }] }),
    ignore_null: z.boolean().optional().meta({ description: 'Count NULL values as passing (range, set, regex, uniqueness only).' }),
    min: bound.optional().meta({ description: 'Lower bound (range, statistic_range), in the column’s type.', examples: [0, '2020-01-01'] }),
    max: bound.optional().meta({ description: 'Upper bound (range, statistic_range), in the column’s type.' }),
    strict_min: z.boolean().optional().meta({ description: 'Exclude the lower bound itself (default: included).' }),
    strict_max: z.boolean().optional().meta({ description: 'Exclude the upper bound itself (default: included).' }),
    statistic: z.enum(['MEAN', 'MIN', 'MAX']).optional().meta({ description: 'Statistic of statistic_range: MEAN, MIN or MAX.' }),
    values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional().meta({ description: 'Allowed values (set).' }),
    pattern: z.string().min(1).optional().meta({ description: 'Regular expression (RE2) every value must match (regex; STRING columns).', examples: ['^[A-Z]{2}$'] }),
    expression: z.string().min(1).optional().meta({
      description: 'SQL expression: a BOOL per row (row_condition) or an aggregate BOOL over the table (table_condition), on the table’s columns.',
      examples: ['quantity > 0', 'COUNT(*) > 0'],
    }),
    sql: z.string().min(1).optional().meta({
      description: 'sql_assertion: a query that returns the failing rows; the rule passes when it returns none. Write $${data()} for the scanned rows (row filter and sampling applied).',
      examples: ["SELECT order_id FROM $${data()} WHERE status = 'PAID' AND order_ts IS NULL"],
    }),
    max_age_hours: z.number().positive().optional().meta({
      description: 'freshness: the newest value of column (default: the table’s partition column) is at most this many hours old.',
      examples: [26],
    }),
    suspended: z.boolean().optional().meta({ description: 'Keep the rule but do not evaluate it.' }),
  });
// Registered apart so the README and JSON Schema describe the rule's fields under their own name.
RuleSchema.register(z.globalRegistry, { id: 'DataQualityRule', description: 'A data quality rule.' });

/** A validated rule. */
export type RuleConfig = z.output<typeof RuleSchema>;

/** The shape of `configuration/dataquality/<name>.yaml`. */
export const DataQualitySchema = z
  .strictObject({
    description: z.string().max(1024).optional().meta({ description: 'What the scan watches.' }),
    display_name: z.string().max(256).optional().meta({ description: 'Name in the console (default: the file name).' }),
    table: z.string().min(1).meta({
      description: 'The table scanned: its logical name (a file in configuration/tables/) or ${tables["<name>"].reference}.',
      examples: ['orders_v1', '${tables["orders_v1"].reference}'],
    }),
    rules: z.array(RuleSchema).min(1).meta({ description: 'The rules; the scan passes when every rule passes.' }),
    row_filter: z.string().min(1).optional().meta({
      description: 'SQL condition on the table’s columns: only rows that meet it are scanned.',
      examples: ["status != 'CANCELLED'"],
    }),
    sampling_percent: z.number().optional().meta({ description: 'Share of rows scanned, in percent: above 0 and at most 100 (default: all rows).', examples: [10] }),
    incremental: z.string().min(1).optional().meta({
      description: 'Scan only rows added since the last run: "partition" (the table’s partition column) or a top-level DATE or TIMESTAMP column.',
      examples: ['partition', 'order_ts'],
    }),
    schedule: z.string().optional().meta({
      description: 'When the scan runs: unix cron with five fields, read in timezone. Without it the scan runs on demand only.',
      examples: ['0 5 * * *'],
    }),
    timezone: z.string().default('Etc/UTC').meta({ description: 'tz database time zone the schedule is read in (default Etc/UTC).', examples: ['Europe/Amsterdam'] }),
    export: z
      .strictObject({
        dataset: z.string().min(1).meta({ description: 'Logical name of a declared dataset (configuration/datasets/) the results go to.' }),
        table: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]{0,1023}$/, 'a BigQuery table id: letters, digits and "_"')
          .default('dq_results')
          .meta({ description: 'Table id of the results (default dq_results); Dataplex creates it with its own schema, shared by scans.' }),
      })
      .optional()
      .meta({ description: 'Export every run’s results to a BigQuery table in a dataset gdp declares.' }),
    labels: labelsSchema.optional(),
  })
  .meta({ title: 'gdp data quality scan', description: 'A Dataplex data quality scan of a gdp table. The file name is the scan’s logical name.' });

/** A validated data quality scan file. */
export type DataQualityConfig = z.output<typeof DataQualitySchema>;
