/**
 * The offline classification over pairs of real configurations: created, updated in place, replaced,
 * destroyed and unchanged resources, the ForceNew tables of each type, the risks of workflows, triggers,
 * scheduler jobs and datasets, and changes that must report nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../src/testing';
import { PROBE, PROBE_DATASET, actions, changeOf, columns, environmentWith, planWorkspace, probeTable, riskCodes, workspace, COLUMNS } from './helpers';

const bundled = (rel: string): string => fs.readFileSync(path.join(ROOT, 'configuration', rel), 'utf8');

describe('resource classification', () => {
  it('counts created, updated, destroyed and unchanged resources', async () => {
    // GIVEN a new table, an edited dataset description and a removed table
    const ws = workspace({
      both: { 'datasets/probe.yaml': PROBE_DATASET, 'tables/gone_v1.yaml': probeTable(COLUMNS).replace('table_id: probe', 'table_id: gone') },
      head: {
        'tables/probe_v1.yaml': probeTable(COLUMNS),
        'tables/gone_v1.yaml': null,
        'datasets/probe.yaml': PROBE_DATASET.replace('Plan tests', 'Plan tests, edited'),
      },
    });
    // WHEN planned
    const run = await planWorkspace(ws);
    // THEN each resource has its action, and the rest is counted as unchanged
    expect(actions(run)).toEqual({
      'google_bigquery_dataset.dataset_probe': 'update',
      'google_bigquery_table.table_gone_v1': 'destroy',
      [PROBE]: 'create',
    });
    const counts = run.plan!.environments[0].counts;
    expect(counts).toMatchObject({ create: 1, update: 1, replace: 0, destroy: 1 });
    expect(counts.unchanged).toBeGreaterThan(20);
    expect(changeOf(run, 'google_bigquery_dataset.dataset_probe')?.attributes).toEqual([
      { path: 'description', change: 'changed', before: 'Plan tests', after: 'Plan tests, edited', forcesReplacement: false },
    ]);
    const gone = changeOf(run, 'google_bigquery_table.table_gone_v1');
    expect(riskCodes(gone)).toEqual(['GDP811']);
    expect(gone?.source).toBe('head/configuration/tables/gone_v1.yaml');
    expect(changeOf(run, PROBE)?.source).toBe('head/configuration/tables/probe_v1.yaml');
  });

  it('replaces a dataset whose location changes, with data loss, and Terraform refuses it under prevent_destroy', async () => {
    const protectedDataset = `${PROBE_DATASET}deletion_protection: true\n`;
    const ws = workspace({ base: { 'datasets/probe.yaml': protectedDataset }, head: { 'datasets/probe.yaml': protectedDataset.replace('location: eu', 'location: europe-west4') } });
    const c = changeOf(await planWorkspace(ws), 'google_bigquery_dataset.dataset_probe');
    expect(c?.action).toBe('replace');
    expect(riskCodes(c)).toEqual(['GDP814', 'GDP816']);
    expect(c?.risks[0].message).toMatch(/moves from EU to europe-west4: BigQuery cannot move a dataset/);
    expect(c?.risks[1].message).toContain('terraform plan will refuse to replace it');
  });

  it('calls out a destroyed workflow, a removed trigger and a removed schedule', async () => {
    const ws = workspace({ head: { 'triggers/eventarc/transaction_upload.yaml': null, 'triggers/schedulers/daily_orders.yaml': null, 'workflows/daily_orders.yaml': null } });
    const run = await planWorkspace(ws);
    expect(actions(run)).toEqual({
      'google_cloud_scheduler_job.scheduler_daily_orders': 'destroy',
      'google_eventarc_trigger.eventarc_trigger_transaction_upload': 'destroy',
      'google_workflows_workflow.workflow_daily_orders': 'destroy',
    });
    expect(riskCodes(changeOf(run, 'google_workflows_workflow.workflow_daily_orders'))).toEqual(['GDP815', 'GDP818']);
    expect(riskCodes(changeOf(run, 'google_eventarc_trigger.eventarc_trigger_transaction_upload'))).toEqual(['GDP820']);
    expect(riskCodes(changeOf(run, 'google_cloud_scheduler_job.scheduler_daily_orders'))).toEqual(['GDP822']);
    expect(run.exitCode).toBe(0);
  });

  it('replaces workflows and scheduler jobs when the region changes (name and region are ForceNew), and updates triggers in place', async () => {
    const ws = workspace({ headEnvironments: { 'dv.json': environmentWith('dv', '"region": "europe-west4"', '"region": "europe-west1"') } });
    const run = await planWorkspace(ws);
    const workflow = changeOf(run, 'google_workflows_workflow.workflow_daily_orders');
    expect(workflow?.action).toBe('replace');
    expect(workflow?.replaceReasons).toEqual(['name changes (ForceNew)', 'region changes (ForceNew)']);
    expect(riskCodes(workflow)).toEqual(['GDP815', 'GDP819']);
    const job = changeOf(run, 'google_cloud_scheduler_job.scheduler_daily_orders');
    expect(job?.action).toBe('replace');
    expect(riskCodes(job)).toEqual(['GDP823']);
    const trigger = changeOf(run, 'google_eventarc_trigger.eventarc_trigger_transaction_upload');
    expect(trigger?.action).toBe('update');
    expect(trigger?.attributes.map((a) => a.path)).toEqual(['destination.workflow']);
  });

  it('replaces an Eventarc trigger when its matching criteria change', async () => {
    const ws = workspace({ head: { 'triggers/eventarc/transaction_upload.yaml': bundled('triggers/eventarc/transaction_upload.yaml').replace('object.v1.finalized', 'object.v1.deleted') } });
    const c = changeOf(await planWorkspace(ws), 'google_eventarc_trigger.eventarc_trigger_transaction_upload');
    expect(c?.action).toBe('replace');
    expect(c?.replaceReasons).toEqual(['matching_criteria changes (ForceNew)']);
    expect(riskCodes(c)).toEqual(['GDP821']);
  });

  it('updates a workflow in place when its steps change', async () => {
    const ws = workspace({ head: { 'workflows/daily_orders.yaml': bundled('workflows/daily_orders.yaml').replace('max_retries: 3', 'max_retries: 5') } });
    const c = changeOf(await planWorkspace(ws), 'google_workflows_workflow.workflow_daily_orders');
    expect(c?.action).toBe('update');
    expect(c?.attributes.map((a) => `${a.path} ${a.change}`)).toEqual(['source_contents changed']);
    expect(c?.risks).toEqual([]);
  });

  it('replaces a table whose deletion_protection is on in the current state: the apply will fail', async () => {
    const ws = workspace({
      both: { 'datasets/probe.yaml': PROBE_DATASET },
      base: { 'tables/probe_v1.yaml': probeTable(COLUMNS).replace('deletion_protection: false', 'deletion_protection: true') },
      // Turning protection off in the same change does not help: Terraform reads it from the state.
      head: { 'tables/probe_v1.yaml': probeTable(COLUMNS.replace('type: INTEGER', 'type: STRING')) },
    });
    const c = changeOf(await planWorkspace(ws), PROBE);
    expect(c?.action).toBe('replace');
    expect(riskCodes(c)).toEqual(['GDP810', 'GDP815']);
    expect(c?.risks[1].message).toBe('table probe_v1 has deletion_protection=true in the current state, so the replacement will fail at apply (deletion_protection), possibly after other changes were applied');
  });

  it('does not report deletion protection when the current state has it off', async () => {
    const ws = workspace({
      both: { 'datasets/probe.yaml': PROBE_DATASET },
      base: { 'tables/probe_v1.yaml': probeTable(COLUMNS) },
      head: { 'tables/probe_v1.yaml': probeTable(COLUMNS.replace('type: INTEGER', 'type: STRING')).replace('deletion_protection: false', 'deletion_protection: true') },
    });
    expect(riskCodes(changeOf(await planWorkspace(ws), PROBE))).toEqual(['GDP810']);
  });

  it('follows force_deletion_protection of the environment (pd protects every table)', async () => {
    const ws = workspace({
      both: { 'datasets/probe.yaml': PROBE_DATASET, 'tables/probe_v1.yaml': probeTable(COLUMNS) },
      head: { 'tables/probe_v1.yaml': null },
    });
    const run = await planWorkspace(ws, { environments: ['dv', 'pd'], allowDataLoss: [PROBE] });
    expect(riskCodes(changeOf(run, PROBE, 'dv'))).toEqual(['GDP811']);
    expect(riskCodes(changeOf(run, PROBE, 'pd'))).toEqual(['GDP811', 'GDP815']);
  });
});

describe('changes that report nothing', () => {
  it('renaming a file that keeps the resource address changes nothing', async () => {
    // The workflow's logical name (and address) comes from workflow_name, not from the file name.
    const ws = workspace({ head: { 'workflows/daily_orders.yaml': null, 'workflows/nightly_order_maintenance.yaml': bundled('workflows/daily_orders.yaml') } });
    const run = await planWorkspace(ws, { environments: ['dv', 'pd'] });
    expect(actions(run, 'dv')).toEqual({});
    expect(actions(run, 'pd')).toEqual({});
  });

  it('comments, key order and column order change nothing', async () => {
    const orders = bundled('tables/orders_v1.yaml');
    const reordered = orders
      .replace('description: "Web shop orders with their line items (nested and repeated)"\n', '')
      .replace('table_id: orders\n', 'table_id: orders  # the table\ndescription: "Web shop orders with their line items (nested and repeated)"\n# a comment line\n')
      .replace('  - name: tags\n    type: STRING\n    mode: REPEATED\n', '')
      .replace('schema:\n', 'schema:\n  - name: tags\n    mode: REPEATED   # moved first\n    type: STRING\n');
    expect(reordered).not.toBe(orders);
    const ws = workspace({ head: { 'tables/orders_v1.yaml': reordered } });
    const run = await planWorkspace(ws);
    expect(actions(run)).toEqual({});
    expect(run.diagnostics).toEqual([]);
  });

  it('an identical configuration plans no change at all', async () => {
    const run = await planWorkspace(workspace(), { environments: ['dv', 'qa', 'np', 'pd'] });
    for (const env of run.plan!.environments) {
      expect(env.changes).toEqual([]);
      expect(env.counts.unchanged).toBeGreaterThan(30);
    }
    expect(run.exitCode).toBe(0);
  });
});

describe('columns through the bundled example', () => {
  it('adds a column and changes a type of orders_v1: the type change replaces the table', async () => {
    const orders = bundled('tables/orders_v1.yaml');
    const head = orders
      .replace('      - name: quantity\n        type: INT64', '      - name: quantity\n        type: NUMERIC')
      .replace('  - name: tags\n', '  - name: channel\n    type: STRING\n    description: "web or app"\n  - name: tags\n');
    const run = await planWorkspace(workspace({ head: { 'tables/orders_v1.yaml': head } }));
    const c = changeOf(run, 'google_bigquery_table.table_orders_v1');
    expect(c?.action).toBe('replace');
    expect(columns(c)).toEqual(['channel added in-place', 'items.quantity type replace']);
  });
});
