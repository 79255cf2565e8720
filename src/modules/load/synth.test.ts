import { bundledConfiguration, compileFiles, errors } from '../../testing';
import { synthProject as synthOne, type StackJson } from '../../testing';
import { resolvedOf } from '../../core/compile/environments';
import type { EnvironmentName } from '../../core/environment';
import type { Project } from '../../core/project';
import { logTableColumns, rejectedTableColumns, renderLoadProcedure } from './sql/spec';
import { escapeTerraformTemplate } from '../../synth/cdk/escape';
import { bigQuerySchemaJson, type ColumnLike } from '../table';
import { buildLoadSpec } from './build-spec';
import type { LoadConfig } from './schema';

/** Compiles the bundled configuration plus `files` (paths under configuration/), failing on any error. */
function compile(files: Record<string, string> = {}): Project {
  const result = compileFiles(files, { base: bundledConfiguration() });
  expect(errors(result)).toEqual([]);
  return result.project;
}

function stack(files: Record<string, string> = {}, env: EnvironmentName = 'dv'): StackJson {
  return synthOne(compile(files), env);
}

/** A second load into the sales dataset, after transactions_upsert in name order. */
const SECOND_SALES_LOAD = `target: transactions_v1
pattern: append
source: { table: transactions_landing_v1 }
audit: { load_time: updated_at }
quality:
  - { rule: not_null, columns: [customer_id], severity: quarantine }
`;

const schemaOf = (columns: readonly ColumnLike[]): string => JSON.stringify(bigQuerySchemaJson({ schema: columns }));

describe('load synthesis', () => {
  it('creates the procedure with the rendered body in the target’s dataset', () => {
    // GIVEN the bundled upsert WHEN synthesized for qa
    const project = compile();
    const r = synthOne(project, 'qa').resource!;
    const routine = r.google_bigquery_routine.load_transactions_upsert;
    // THEN the routine is a SQL procedure load_<name> whose body is the generator's output for this environment
    const model = project.environments.get('qa')!;
    const spec = buildLoadSpec('transactions_upsert', resolvedOf(model, project.lookup<LoadConfig>('loads', 'transactions_upsert')!, 'loads')!, model.env, project);
    expect(routine).toMatchObject({
      dataset_id: 'acme_c2_sales_eu_qa',
      routine_id: 'load_transactions_upsert',
      routine_type: 'PROCEDURE',
      language: 'SQL',
      definition_body: escapeTerraformTemplate(renderLoadProcedure(spec)),
    });
    expect(routine.definition_body).toContain('MERGE INTO `acme-data-qa`.`acme_c2_sales_eu_qa`.`transactions_v1` AS T');
    expect(spec.source).toMatchObject({ kind: 'table', table: { project: 'acme-data-qa', dataset: 'acme_c2_landing_eu_qa', table: 'transactions_landing_v1' } });
  });

  it('makes the procedure wait for its target, its source, the dataset’s log table and the quarantine table', () => {
    const routine = stack().resource!.google_bigquery_routine.load_transactions_upsert;
    expect(routine.depends_on).toEqual([
      'google_bigquery_table.gdp_load_log_sales',
      'google_bigquery_table.gdp_rejected_transactions_v1',
      'google_bigquery_table.table_transactions_landing_v1',
      'google_bigquery_table.table_transactions_v1',
    ]);
  });

  it('creates one log table per dataset, from the first load by name, under an id of names only', () => {
    // GIVEN two loads into dataset sales (sales_daily and transactions_upsert) plus a third one
    const r = stack({ 'loads/transactions_zappend.yaml': SECOND_SALES_LOAD }).resource!;
    const tables = r.google_bigquery_table;
    expect(Object.keys(tables).filter((id) => id.startsWith('gdp_load_log_'))).toEqual(['gdp_load_log_customer', 'gdp_load_log_landing', 'gdp_load_log_sales']);
    expect(tables.gdp_load_log_sales).toMatchObject({
      dataset_id: 'acme_c2_sales_eu_dv',
      table_id: 'gdp_load_log',
      schema: schemaOf(logTableColumns()),
      time_partitioning: { type: 'DAY', field: 'started_at' },
      deletion_protection: false,
    });
    // Created by sales_daily (first by name); every load of the dataset waits for it
    expect(tables.gdp_load_log_sales['//']).toMatchObject({ metadata: { path: 'dv/gdp_load_log_sales' } });
    for (const load of ['load_sales_daily', 'load_transactions_upsert', 'load_transactions_zappend']) {
      expect(r.google_bigquery_routine[load].depends_on).toContain('google_bigquery_table.gdp_load_log_sales');
    }
  });

  it('creates the <target>_rejected table once for the loads that quarantine into the same target', () => {
    const r = stack({ 'loads/transactions_zappend.yaml': SECOND_SALES_LOAD }, 'pd').resource!;
    const rejected = r.google_bigquery_table.gdp_rejected_transactions_v1;
    const project = compile();
    const pd = project.environments.get('pd')!;
    const spec = buildLoadSpec('transactions_upsert', resolvedOf(pd, project.lookup<LoadConfig>('loads', 'transactions_upsert')!, 'loads')!, pd.env, project);
    expect(rejected).toMatchObject({
      dataset_id: 'acme_c2_sales_eu_pd',
      table_id: 'transactions_v1_rejected',
      schema: schemaOf(rejectedTableColumns(spec.target.columns)),
      time_partitioning: { type: 'DAY', field: '_gdp_rejected_at' },
    });
    expect(r.google_bigquery_routine.load_transactions_zappend.depends_on).toContain('google_bigquery_table.gdp_rejected_transactions_v1');
    // customers_sync quarantines too; sales_daily does not
    expect(Object.keys(r.google_bigquery_table).filter((id) => id.startsWith('gdp_rejected_'))).toEqual(['gdp_rejected_customers_v1', 'gdp_rejected_transactions_v1']);
    expect(r.google_bigquery_routine.load_sales_daily.depends_on).not.toContain('google_bigquery_table.gdp_rejected_transactions_v1');
  });

  it('lets the workflows account write the target’s dataset and read the source’s', () => {
    const r = stack().resource!;
    // gdp's own grants only (the bundled permissions file grants groups too)
    const grants = Object.values(r.google_bigquery_dataset_iam_member)
      .filter((g) => String(g.member).startsWith('serviceAccount:acme-sa-workflows-'))
      .map((g) => `${String(g.dataset_id)} ${String(g.role)}`);
    // landing: written by transactions_files, read by transactions_upsert and customers_sync → dataEditor wins
    expect(grants).toEqual([
      'acme_c3_customer_eu_dv roles/bigquery.dataEditor',
      'acme_c2_landing_eu_dv roles/bigquery.dataEditor',
      'acme_c2_sales_eu_dv roles/bigquery.dataEditor',
    ]);
  });

  it('puts the derived workflow, scheduler job and trigger in the stack', () => {
    const r = stack({}, 'np').resource!;
    const workflow = r.google_workflows_workflow.workflow_load_transactions_upsert;
    expect(workflow.name).toBe('acme-wkf-load_transactions_upsert-ew4-np');
    expect(workflow.source_contents).toContain('call: googleapis.bigquery.v2.jobs.insert');
    expect(workflow.source_contents).toContain('query: CALL `acme-data-np.acme_c2_sales_eu_np.load_transactions_upsert`()');
    expect(workflow.source_contents).toContain('raise: $${job.status.errorResult}');
    expect(workflow.depends_on).toContain('google_bigquery_routine.load_transactions_upsert');
    expect(r.google_cloud_scheduler_job.scheduler_load_transactions_upsert).toMatchObject({
      name: 'acme-sch-load-transactions-upsert-ew4-np',
      schedule: '0 3 * * *',
      time_zone: 'Europe/Amsterdam',
      http_target: {
        uri: 'https://workflowexecutions.googleapis.com/v1/projects/acme-data-np/locations/europe-west4/workflows/acme-wkf-load_transactions_upsert-ew4-np/executions',
      },
    });
    const trigger = r.google_eventarc_trigger.eventarc_trigger_load_transactions_files;
    expect(trigger.destination).toEqual({ workflow: 'projects/acme-data-np/locations/europe-west4/workflows/acme-wkf-load_transactions_files-ew4-np' });
    expect(trigger.matching_criteria).toContainEqual({ attribute: 'bucket', value: 'acme-gcs-partner-drop-eu-np' });
  });

  it('guards a triggered load’s workflow with the trigger’s path_pattern', () => {
    const load = `target: transactions_landing_v1
pattern: upsert
source: { files: { uris: ["gs://\${buckets.landing}/orders/*.csv"], format: CSV } }
keys: [transaction_id]
workflow: { trigger: { bucket: "\${buckets.landing}", path_pattern: "orders/*.csv" } }
`;
    const r = stack({ 'loads/orders_files.yaml': load }).resource!;
    expect(r.google_workflows_workflow.workflow_load_orders_files.source_contents).toContain('^acme-gcs-landing-eu-dv/orders/[^/]*\\.csv$');
    expect(r.google_eventarc_trigger.eventarc_trigger_load_orders_files.matching_criteria).toContainEqual({ attribute: 'bucket', value: 'acme-gcs-landing-eu-dv' });
  });

  it('synthesizes every bundled load in every environment', () => {
    const project = compile();
    for (const env of ['dv', 'qa', 'np', 'pd'] as const) {
      const routines = synthOne(project, env).resource!.google_bigquery_routine;
      for (const load of project.all('loads')) expect(routines[`load_${load.name}`].definition_body).toMatch(/^BEGIN\n[\s\S]*\nEND;?\n?$/);
    }
  });
});
