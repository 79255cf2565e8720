import { z } from 'zod';

/**
 * A column of an existing table, as gdp's table files write it or as BigQuery prints it
 * (`bq show --schema --format=prettyjson`: JSON is YAML, so the output can be pasted as it is).
 */
const ExistingColumnSchema = z.looseObject({
  name: z.string().min(1).meta({ description: 'Column name.', examples: ['billing_account_id'] }),
  type: z.string().min(1).meta({ description: 'BigQuery type (STRING, INT64/INTEGER, RECORD, …).', examples: ['STRING'] }),
  mode: z.enum(['NULLABLE', 'REQUIRED', 'REPEATED']).optional().meta({ description: 'NULLABLE (default), REQUIRED or REPEATED.' }),
  description: z.string().optional().meta({ description: 'What the column holds.' }),
  get fields(): z.ZodOptional<z.ZodArray<typeof ExistingColumnSchema>> {
    return z.array(ExistingColumnSchema).optional().meta({ description: 'Columns of a RECORD (STRUCT) column.' });
  },
});
// Registered apart: chaining .meta() on a recursive schema breaks type inference.
ExistingColumnSchema.register(z.globalRegistry, {
  id: 'ExistingTableColumn',
  description: 'A column: name, type, mode, description, fields (RECORD); other keys BigQuery prints are ignored.',
});

/** The shape of `configuration/existing-tables/<name>.yaml`. */
export const ExistingTableSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/, 'letters, digits and "_"')
      .optional()
      .meta({ description: 'Logical name (default: the file name), used as ${existing_tables["<name>"].reference}.', examples: ['billing_export'] }),
    kind: z.enum(['table', 'view']).default('table').meta({ description: 'What it is in BigQuery: table (also external or snapshot) or view.' }),
    project: z.string().min(1).meta({ description: 'Its real project id; may hold ${project} or environment variables.', examples: ['acme-billing'] }),
    dataset: z.string().min(1).meta({ description: 'Its real dataset id.', examples: ['billing_export'] }),
    table: z.string().min(1).meta({ description: 'Its real table (or view) id.', examples: ['gcp_billing_export_v1_0123AB_456CDE_789EF0'] }),
    description: z.string().max(16384).optional().meta({ description: 'What it holds and who owns it.' }),
    schema: z
      .array(ExistingColumnSchema)
      .min(1)
      .meta({ description: 'Its columns, in order, so gdp can check the SQL that reads it.' }),
  })
  .meta({
    title: 'gdp existing table',
    description:
      'A table or view that exists outside gdp (a billing export, audit logs, another team’s dataset): used in SQL checks and dependencies, never created or destroyed by gdp.',
  });

/** A validated existing-table file. */
export type ExistingTableConfig = z.output<typeof ExistingTableSchema>;
