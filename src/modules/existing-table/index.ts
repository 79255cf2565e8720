/**
 * Module type `existing_table`: `configuration/existing-tables/<name>.yaml` declares a BigQuery table or
 * view that exists outside gdp, under its real project, dataset and name, with its columns. SQL that
 * reads it is checked against those columns and references to it are dependencies; gdp never creates,
 * changes or destroys it (the module has no resources).
 */
import type { Environment } from '../../core/environment';
import { defineModule } from '../../core/module-type';
import { parseTemplate } from '../../core/references';
import { canonicalColumns, type CanonicalColumn } from '../table';
import { checkColumns } from '../table/check-columns';
import { TABLE_CODES } from '../table/codes';
import { ExistingTableSchema, type ExistingTableConfig } from './schema';

export { ExistingTableSchema, type ExistingTableConfig } from './schema';

/** Where an existing table is in an environment. */
export interface ExistingTableAddress {
  readonly project: string;
  readonly dataset: string;
  readonly table: string;
}

/**
 * The address of an existing table in an environment: the plain built-ins and environment variables a
 * field may hold are evaluated here (attributes are computed without the resolver).
 */
export function existingTableAddress(config: ExistingTableConfig, env: Environment): ExistingTableAddress {
  const value = (text: string): string =>
    parseTemplate(text)
      .map((seg) => {
        if (seg.type === 'text') return seg.text;
        if (seg.type === 'bad' || seg.expr.keys.length > 0) return seg.source;
        const scalars: Record<string, string> = { project: env.project_id, region: env.region, location: env.bigquery_location, env: env.name, app_name: env.app_name };
        return scalars[seg.expr.head] ?? env.variables[seg.expr.head] ?? seg.source;
      })
      .join('');
  return { project: value(config.project), dataset: value(config.dataset), table: value(config.table) };
}

/** The columns of an existing table in gdp's canonical form (types spelled as gdp spells them). */
export function existingTableColumns(config: ExistingTableConfig): CanonicalColumn[] {
  return canonicalColumns({ schema: config.schema });
}

/** The existing-table module type. */
export const existingTableModule = defineModule({
  kind: 'existing_table',
  title: 'Existing BigQuery table or view (not managed by gdp)',
  folder: 'existing-tables',
  namespace: 'existing_tables',
  noun: 'existing table',
  schema: ExistingTableSchema,
  codes: {},
  compile: {
    logicalName: (config, baseName) => config.name ?? baseName,
    namePath: ['name'],
    check(entity, ctx) {
      checkColumns(entity.config.schema, ctx.reporterOf(TABLE_CODES));
    },
  },
  environment: {
    attributes(entity, { env }) {
      const a = existingTableAddress(entity.config, env);
      const full = `${a.project}.${a.dataset}.${a.table}`;
      return { project: a.project, dataset_id: a.dataset, table_id: a.table, reference: `\`${full}\``, full_name: full };
    },
  },
  example: `# configuration/existing-tables/billing_export.yaml
# A table gdp reads but does not own: never created, changed or destroyed by gdp.
project: acme-billing                   # its real project (may be \${project} or an environment variable)
dataset: billing_export
table: gcp_billing_export_v1_0123AB_456CDE_789EF0
description: "Cloud Billing export, owned by the FinOps team"
schema:                                  # gdp's column list, or the output of bq show --schema pasted as is
  - name: billing_account_id
    type: STRING
  - name: cost
    type: FLOAT64
  - name: usage_start_time
    type: TIMESTAMP
  - name: labels
    type: RECORD
    mode: REPEATED
    fields:
      - { name: key, type: STRING }
      - { name: value, type: STRING }
`,
});
