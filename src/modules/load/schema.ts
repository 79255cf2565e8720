import { z } from 'zod';
import { TableSchema } from '../table';

/** How rows move into the target (see the README's "Loads" section). */
export const LOAD_PATTERNS = ['append', 'upsert', 'full_sync', 'partition_replace', 'scd2'] as const;
/** A load pattern. */
export type LoadPattern = (typeof LOAD_PATTERNS)[number];

/** Patterns that match source rows to target rows by `keys`. */
export const KEYED_PATTERNS: readonly LoadPattern[] = ['upsert', 'full_sync', 'scd2'];

/** File formats a files source reads. */
export const FILE_FORMATS = ['CSV', 'JSON', 'PARQUET'] as const;

/** Quality rule kinds. */
export const RULE_KINDS = ['not_null', 'unique', 'accepted_values', 'condition'] as const;

/** A column name; its spelling is checked by the module (GDP598) so the message can point at it. */
const column = (description: string) => z.string().min(1).meta({ description });

const columnList = (description: string) => z.array(z.string().min(1)).min(1).meta({ description });

const FilesSchema = z
  .strictObject({
    uris: z
      .array(z.string().min(1))
      .min(1)
      .meta({
        description: 'Cloud Storage URIs, gs://<bucket>/<path>, each with at most one "*" wildcard.',
        examples: [['gs://${buckets.landing}/orders/*.csv']],
      }),
    format: z.enum(FILE_FORMATS).meta({ description: 'File format: CSV, JSON (newline-delimited) or PARQUET.' }),
    skip_leading_rows: z.number().int().min(0).optional().meta({ description: 'CSV: header rows to skip (usually 1).' }),
    field_delimiter: z.string().min(1).optional().meta({ description: 'CSV: the separator between fields (default ",").', examples: [';', '\\t'] }),
  })
  .meta({ description: 'Files in Cloud Storage, read with LOAD DATA into a temporary table.' });

const SourceSchema = z
  .strictObject({
    table: z.string().min(1).optional().meta({
      description: 'Logical name of a declared table to read (its file name in configuration/tables/, without .yaml).',
      examples: ['transactions_landing_v1'],
    }),
    filter: z.string().min(1).optional().meta({
      description: 'With table: a GoogleSQL condition on the source rows (a WHERE clause without WHERE).',
      examples: ['transaction_date >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY)'],
    }),
    query: z.string().min(1).optional().meta({
      description: 'A GoogleSQL SELECT whose columns are named like the target’s; ${tables["x"].reference} names a table.',
    }),
    files: FilesSchema.optional(),
    columns: TableSchema.shape.schema.optional().meta({
      description:
        'With files: the files’ columns in file order (default: the target’s). With query: the query’s columns, so that gdp can check them. Written like a table schema.',
    }),
  })
  .meta({ description: 'Where the rows come from: exactly one of table (with an optional filter), query or files (both with optional columns).' });

const OrderBySchema = z
  .union([
    z.strictObject({
      column: column('Column to order by.'),
      descending: z.boolean().default(false).meta({ description: 'Largest (latest) first.' }),
    }),
    z.string().min(1).meta({ description: 'A column, optionally followed by asc or desc.', examples: ['updated_at desc'] }),
  ])
  .meta({ description: 'An ordering column: "updated_at desc" or { column: updated_at, descending: true }.' });

const QualityRuleSchema = z
  .strictObject({
    rule: z.enum(RULE_KINDS).meta({
      description: 'not_null (columns have values), unique (the columns’ combination is unique among the loaded rows), accepted_values (the column holds one of values) or condition (a GoogleSQL condition holds).',
    }),
    name: z.string().min(1).optional().meta({
      description: 'Name of the rule in the load log (default: <rule>_<columns>); required for condition.',
      examples: ['positive_amount'],
    }),
    columns: columnList('Columns the rule checks (not_null, unique; one column for accepted_values).').optional(),
    values: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional()
      .meta({ description: 'accepted_values: the values allowed.', examples: [['EUR', 'USD']] }),
    condition: z.string().min(1).optional().meta({ description: 'condition: a GoogleSQL condition each row must meet.', examples: ['amount >= 0'] }),
    severity: z.enum(['warn', 'fail', 'quarantine']).default('fail').meta({
      description: 'What a violation does: warn (log it, load every row), fail (load nothing, raise) or quarantine (move failing rows to <target>_rejected, load the rest).',
    }),
  })
  .meta({ description: 'A data-quality rule checked on the incoming rows.' });

const Scd2Schema = z
  .strictObject({
    valid_from: column('TIMESTAMP column of the target: when the version became current.').default('valid_from'),
    valid_to: column('TIMESTAMP column of the target: when the version stopped being current, NULL while current.').default('valid_to'),
    is_current: column('BOOLEAN column of the target: true on the current version.').default('is_current'),
    hard_deletes: z.enum(['ignore', 'close']).default('ignore').meta({
      description: 'Keys missing from the source: ignore (keep them current) or close (end their current version).',
    }),
    track_columns: columnList('Columns whose change makes a new version (default: every non-key column except the order_by columns).').optional(),
    effective_from: column(
      'Source DATE, DATETIME or TIMESTAMP column saying when each row became true (default: the first order_by column, else the time of the load).',
    ).optional(),
  })
  .meta({ description: 'SCD type 2 settings (pattern scd2): the target keeps every version of each key.' });

const WorkflowSchema = z
  .strictObject({
    schedule: z
      .strictObject({
        cron: z.string().min(1).meta({ description: 'Unix cron, five fields, read in timezone.', examples: ['0 3 * * *'] }),
        timezone: z.string().default('Etc/UTC').meta({ description: 'tz database time zone the cron is read in.', examples: ['Europe/Amsterdam'] }),
      })
      .optional()
      .meta({ description: 'Run the load on a schedule (creates a Cloud Scheduler job load_<name>).' }),
    trigger: z
      .strictObject({
        bucket: z.string().min(1).meta({ description: 'Bucket whose new objects start the load: a bare name or ${buckets.<purpose>}.', examples: ['${buckets.landing}'] }),
        path_pattern: z.string().optional().meta({ description: 'Glob on the object name (* any characters but /, ** any characters).', examples: ['orders/*.csv'] }),
        location: z.string().optional().meta({ description: 'Eventarc location; default: the bucket’s location (gdp buckets) or the region.' }),
      })
      .optional()
      .meta({ description: 'Run the load when an object is written to a bucket (creates an Eventarc trigger load_<name>).' }),
    description: z.string().max(500).optional().meta({ description: 'Description of the workflow, job and trigger (default: one naming the load).' }),
  })
  .meta({
    description: 'Create a workflow load_<name> that calls the procedure (and raises when it fails), started by a schedule and/or a trigger.',
  });

/** The shape of `configuration/loads/<name>.yaml`. */
export const LoadSchema = z
  .strictObject({
    description: z.string().optional().meta({ description: 'What the load does (the procedure’s description).' }),
    target: z.string().min(1).meta({ description: 'Logical name of the declared table the rows go to.', examples: ['transactions_v1'] }),
    pattern: z.enum(LOAD_PATTERNS).meta({
      description:
        'append (insert the rows), upsert (MERGE on keys: update or insert), full_sync (upsert, and delete target rows missing from the source), partition_replace (replace the target partitions the source holds) or scd2 (keep every version of each key).',
    }),
    source: SourceSchema,
    keys: columnList('Columns that identify a row: needed by upsert, full_sync and scd2; append and partition_replace keep one source row per key.').optional(),
    order_by: z.array(OrderBySchema).min(1).optional().meta({
      description: 'Which source row wins when several have the same keys: the first in this order.',
      examples: [['updated_at desc']],
    }),
    update_columns: columnList('upsert/full_sync: the only target columns a matched row updates (default: every non-key column).').optional(),
    exclude_columns: columnList('upsert/full_sync: target columns a matched row keeps (e.g. created_at).').optional(),
    casts: z.record(z.string().min(1), z.string().min(1)).optional().meta({
      description: 'Source columns converted before loading: { column: type }.',
      examples: [{ amount: 'NUMERIC' }],
    }),
    window: z
      .strictObject({
        column: column('DATE, DATETIME or TIMESTAMP column of the source and the target.'),
        days: z.number().int().min(1).max(3650).meta({ description: 'Number of days, counted back from today.' }),
      })
      .optional()
      .meta({ description: 'Only rows of the last days are loaded, and only those of the target are deleted or closed (full_sync, scd2).' }),
    audit: z
      .strictObject({
        load_time: column('TIMESTAMP (or DATETIME, DATE) column of the target set to the time of the load.').optional(),
        load_id: column('STRING column of the target set to the run’s id (its load_id in the gdp_load_log table).').optional(),
      })
      .meta({ description: 'Columns the load fills in on every row it writes.' })
      .optional(),
    quality: z.array(QualityRuleSchema).optional().meta({ description: 'Data-quality rules checked on the incoming rows; results go to the load log.' }),
    scd2: Scd2Schema.optional(),
    workflow: WorkflowSchema.optional(),
  })
  .meta({
    title: 'gdp load',
    description: 'Moves rows from a source into a declared table with a generated stored procedure load_<name>; the file name is the load’s name.',
  });

/** A validated load file. */
export type LoadConfig = z.output<typeof LoadSchema>;
/** A validated quality rule. */
export type QualityRuleConfig = z.output<typeof QualityRuleSchema>;
/** A validated order_by item. */
export type OrderByConfig = z.output<typeof OrderBySchema>;
/** Validated SCD2 settings. */
export type Scd2Config = z.output<typeof Scd2Schema>;
