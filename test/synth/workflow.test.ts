import { parse } from 'yaml';
import { runDatePrologueSteps } from '../../src/modules/shared/run-date';
import { compileClean, synthOne, type StackJson } from './helpers';

const LOAD = [
  'workflow_name: load_orders',
  'description: "Load orders"',
  'steps:',
  '  - name: init',
  '    assign:',
  '      - day: $${sys.get_env("MODE")}',
  '  - name: done',
  '    return: $${day}',
].join('\n');

const TRIGGER = [
  'name: orders_trigger',
  'event_type: google.cloud.storage.object.v1.finalized',
  'bucket: landing-bucket',
  'path_pattern: "daily/*.csv"',
  'destination:',
  '  workflow: load_orders',
].join('\n');

const SCHEDULER = (body: string): string =>
  [
    'name: daily_orders',
    'schedule: "0 6 * * *"',
    'timezone: Europe/Paris',
    'http_target:',
    '  uri: ${workflows.load_orders.trigger_url}',
    '  http_method: POST',
    `  body: '${body}'`,
  ].join('\n');

function workflowOf(stack: StackJson, id = 'workflow_load_orders'): Record<string, unknown> {
  const workflow = stack.resource?.google_workflows_workflow?.[id];
  expect(workflow).toBeDefined();
  return workflow as Record<string, unknown>;
}

/** The definition Cloud Workflows receives: Terraform turns `$${` into `${`. */
function definitionOf(workflow: Record<string, unknown>): { main: { params?: string[]; steps: Record<string, unknown>[] } } {
  return parse((workflow.source_contents as string).split('$${').join('${')) as { main: { params?: string[]; steps: Record<string, unknown>[] } };
}

const stepNames = (steps: Record<string, unknown>[]): string[] => steps.map((s) => Object.keys(s)[0]);

describe('workflow synthesis', () => {
  it('writes the native YAML of a users\'-form workflow as source_contents', () => {
    // GIVEN a workflow in the users' form with a subworkflow
    const project = compileClean({
      'workflows/load_orders.yaml': `${LOAD}\nsubworkflows:\n  helper:\n    params: [a]\n    steps:\n      - name: back\n        return: $\${a}\n`,
    });
    // WHEN synthesized
    const workflow = workflowOf(synthOne(project, 'dv'));
    // THEN the definition is the native form, main first
    expect(definitionOf(workflow)).toEqual({
      main: { steps: [{ init: { assign: [{ day: '${sys.get_env("MODE")}' }] } }, { done: { return: '${day}' } }] },
      helper: { params: ['a'], steps: [{ back: { return: '${a}' } }] },
    });
    expect(Object.keys(definitionOf(workflow))).toEqual(['main', 'helper']);
  });

  it('escapes run-time expressions once: $${x} in the file reaches source_contents as $${x}', () => {
    const workflow = workflowOf(synthOne(compileClean({ 'workflows/load_orders.yaml': LOAD }), 'dv'));
    expect(workflow.source_contents).toContain('return: $${day}');
    expect(workflow.source_contents).not.toContain('$$${');
  });

  it('sets name, region, description, service account, labels, call log level and protection', () => {
    const workflow = workflowOf(synthOne(compileClean({ 'workflows/load_orders.yaml': `${LOAD}\nlabels: { team: sales }\n` }), 'dv'));
    expect(workflow).toMatchObject({
      name: 'acme-wkf-load_orders-ew4-dv',
      region: 'europe-west4',
      description: 'Load orders',
      service_account: expect.stringMatching(/^acme-sa-workflows-dv@.+\.iam\.gserviceaccount\.com$/),
      labels: expect.objectContaining({ team: 'sales', app: 'acme', env: 'dv', 'managed-by': 'gdp' }),
      call_log_level: 'LOG_ERRORS_ONLY',
      deletion_protection: true,
    });
    expect(workflow.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_service_account\./)]));
  });

  it('uses the file\'s call_log_level over the environment option', () => {
    const workflow = workflowOf(synthOne(compileClean({ 'workflows/load_orders.yaml': `${LOAD}\ncall_log_level: LOG_ALL_CALLS\n` }), 'dv'));
    expect(workflow.call_log_level).toBe('LOG_ALL_CALLS');
  });

  it('forces deletion protection where the environment says so', () => {
    const project = compileClean({ 'workflows/load_orders.yaml': `${LOAD}\ndeletion_protection: false\n` });
    expect(workflowOf(synthOne(project, 'dv')).deletion_protection).toBe(false);
    expect(workflowOf(synthOne(project, 'pd')).deletion_protection).toBe(true);
  });

  it('takes user_env_vars from the state machine, escaped', () => {
    const project = compileClean({
      'workflows/load_orders.yaml': LOAD,
      'statemachine/orders.yaml': 'workflow_name: load_orders\ntrigger_type: http\nenvironment_variables:\n  MODE: "in ${env}"\n  RETRIES: 3\n  RAW: "$${keep}"\n',
    });
    expect(workflowOf(synthOne(project, 'qa')).user_env_vars).toEqual({ MODE: 'in qa', RETRIES: '3', RAW: '$${keep}' });
  });

  it('adds no prologue and no parameter when nothing starts the workflow with one', () => {
    const definition = definitionOf(workflowOf(synthOne(compileClean({ 'workflows/load_orders.yaml': LOAD }), 'dv')));
    expect(definition.main.params).toBeUndefined();
    expect(stepNames(definition.main.steps)).toEqual(['init', 'done']);
  });

  it('adds the run-date prologue, with an args parameter, when a scheduler passes ${date}', () => {
    const project = compileClean({ 'workflows/load_orders.yaml': LOAD, 'triggers/schedulers/daily.yaml': SCHEDULER('{"date": "${date}"}') });
    const definition = definitionOf(workflowOf(synthOne(project, 'dv')));
    expect(definition.main.params).toEqual(['args']);
    expect(definition.main.steps.slice(0, 1)).toEqual(runDatePrologueSteps('args'));
    expect(stepNames(definition.main.steps)).toEqual(['gdp_run_date', 'init', 'done']);
  });

  it('adds no run-date prologue when the scheduler body has no ${date}', () => {
    const project = compileClean({ 'workflows/load_orders.yaml': LOAD, 'triggers/schedulers/daily.yaml': SCHEDULER('{"a": 1}') });
    expect(stepNames(definitionOf(workflowOf(synthOne(project, 'dv'))).main.steps)).toEqual(['init', 'done']);
  });

  it('adds the source_objects guard of the state machine, on the declared parameter', () => {
    const project = compileClean({
      'workflows/load_orders.yaml': `${LOAD}\nparams: [event]\n`,
      'statemachine/orders.yaml': 'workflow_name: load_orders\ntrigger_type: file_arrival\nsource_objects:\n  - bucket: ${buckets.landing}\n    prefix: daily/\n',
      'buckets/landing.yaml': 'description: "Uploads"\n',
    });
    const definition = definitionOf(workflowOf(synthOne(project, 'dv')));
    expect(definition.main.params).toEqual(['event']);
    expect(stepNames(definition.main.steps)).toEqual(['gdp_source_guard', 'init', 'done']);
    const text = JSON.stringify(definition.main.steps[0]);
    expect(text).toContain('^acme-gcs-landing-eu-dv/daily/.*$');
    expect(text).toContain('map.get(event, \\"data\\")');
  });

  it('adds the path_pattern guard of the Eventarc triggers, after the other prologues', () => {
    const project = compileClean({
      'workflows/load_orders.yaml': LOAD,
      'triggers/eventarc/orders.yaml': TRIGGER,
      'triggers/schedulers/daily.yaml': SCHEDULER('{"date": "${date}"}'),
      'statemachine/orders.yaml': 'workflow_name: load_orders\ntrigger_type: file_arrival\nsource_objects:\n  - bucket: landing-bucket\n',
    });
    const definition = definitionOf(workflowOf(synthOne(project, 'dv')));
    expect(stepNames(definition.main.steps)).toEqual(['gdp_run_date', 'gdp_source_guard', 'gdp_path_guard', 'init', 'done']);
    expect(JSON.stringify(definition.main.steps[2])).toContain('^landing-bucket/daily/[^/]*\\\\.csv$');
  });

  it('gives each of several workflows the prologues of its own starters only', () => {
    // GIVEN two workflows: a scheduler passes ${date} to load_orders only, a trigger with a pattern starts load_returns only
    const project = compileClean({
      'workflows/load_orders.yaml': LOAD,
      'workflows/load_returns.yaml': LOAD.replace('load_orders', 'load_returns'),
      'triggers/schedulers/daily.yaml': SCHEDULER('{"date": "${date}"}'),
      'triggers/schedulers/plain.yaml': SCHEDULER('{"a": 1}').replace('daily_orders', 'plain_returns').replace('load_orders', 'load_returns'),
      'triggers/eventarc/returns.yaml': TRIGGER.replace('orders_trigger', 'returns_trigger').replace('load_orders', 'load_returns'),
    });
    // WHEN the stack is synthesized
    const stack = synthOne(project, 'dv');
    // THEN each workflow has exactly its own starters' steps
    expect(stepNames(definitionOf(workflowOf(stack)).main.steps)).toEqual(['gdp_run_date', 'init', 'done']);
    expect(stepNames(definitionOf(workflowOf(stack, 'workflow_load_returns')).main.steps)).toEqual(['gdp_path_guard', 'init', 'done']);
  });

  it('adds no path guard for a trigger without path_pattern', () => {
    const project = compileClean({ 'workflows/load_orders.yaml': LOAD, 'triggers/eventarc/orders.yaml': TRIGGER.replace('path_pattern: "daily/*.csv"\n', '') });
    expect(stepNames(definitionOf(workflowOf(synthOne(project, 'dv'))).main.steps)).toEqual(['init', 'done']);
  });

  it('grants BigQuery job user when the workflow calls a BigQuery connector', () => {
    const bq = `${LOAD}\n  - name: q\n    call: googleapis.bigquery.v2.jobs.insert\n    args:\n      projectId: \${project}\n      body: {}\n`;
    const stack = synthOne(compileClean({ 'workflows/load_orders.yaml': bq.replace('  - name: done\n    return: $${day}\n', '') }), 'dv');
    const members = Object.values(stack.resource?.google_project_iam_member ?? {});
    expect(members).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'roles/bigquery.jobUser', member: expect.stringContaining('acme-sa-workflows-dv@') })]));
  });

  it('grants dataViewer on the dataset of a procedure the workflow calls, which lets it call the procedure', () => {
    const call = [
      'workflow_name: load_orders',
      'steps:',
      '  - name: run',
      '    call: googleapis.bigquery.v2.jobs.insert',
      '    args:',
      '      projectId: ${project}',
      '      body:',
      '        configuration:',
      '          query:',
      '            query: CALL ${procedures.load_orders.reference}()',
      '            useLegacySql: false',
    ].join('\n');
    const stack = synthOne(
      compileClean({
        'datasets/sales.yaml': 'confidentiality: c2\n',
        'sql-scripts/sprocs/load_orders.yaml': 'routine_id: load_orders\ndataset_id: sales\ndefinition_body: |-\n  BEGIN\n    SELECT 1;\n  END;\n',
        'workflows/load_orders.yaml': call,
      }),
      'dv',
    );
    const grants = Object.values(stack.resource?.google_bigquery_dataset_iam_member ?? {});
    expect(grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'roles/bigquery.dataViewer', dataset_id: 'acme_c2_sales_eu_dv', member: expect.stringContaining('acme-sa-workflows-dv@') }),
      ]),
    );
    // The procedure neither reads nor writes a table: calling it needs no more than dataViewer (bigquery.routines.get)
    expect(grants.filter((g) => g.role === 'roles/bigquery.dataEditor')).toEqual([]);
  });
});
