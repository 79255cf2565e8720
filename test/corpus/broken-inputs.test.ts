/**
 * The corpus of broken inputs: each case is one mistake a data engineer makes, with the diagnostic it
 * must produce (code, file and line). Every case starts from the valid bundled example.
 */
import { bundledConfiguration, compileFiles } from '../../src/testing';

interface Case {
  /** What the engineer got wrong. */
  readonly name: string;
  /** Files added or replaced (paths under configuration/). */
  readonly files: Record<string, string | Uint8Array>;
  /** Expected diagnostic: code and `file:line` (file relative to configuration/). */
  readonly expect: readonly [code: string, where: string];
}

const TABLE = (body: string): string => `table_id: t\ndataset: sales\nversion: 1\n${body}`;
const COLS = 'schema:\n  - name: id\n    type: STRING\n  - name: d\n    type: DATE\n  - name: ts\n    type: TIMESTAMP\n';
const WF = (steps: string): string => `workflow_name: wf\nsteps:\n${steps}`;
const RUN = (rest: string): string => `image:\n  repository: europe-west4-docker.pkg.dev/\${project}/apps/x\n  ${rest}`;
const SCHED = (extra: string): string =>
  `name: s\nschedule: "0 6 * * *"\ntimezone: "Europe/Paris"\nhttp_target:\n  uri: \${workflows.daily_orders.trigger_url}\n${extra}`;

const cases: Case[] = [
  // Loading and YAML
  { name: 'YAML syntax error', files: { 'datasets/x.yaml': 'confidentiality: c1\ndescription: a: b\n' }, expect: ['GDP101', 'datasets/x.yaml:2'] },
  { name: 'empty file', files: { 'datasets/x.yaml': '' }, expect: ['GDP102', 'datasets/x.yaml:1'] },
  { name: 'comments only', files: { 'datasets/x.yaml': '# nothing yet\n' }, expect: ['GDP102', 'datasets/x.yaml:1'] },
  { name: 'duplicate key', files: { 'datasets/x.yaml': 'confidentiality: c1\ndescription: a\ndescription: b\n' }, expect: ['GDP103', 'datasets/x.yaml:3'] },
  { name: 'not UTF-8', files: { 'datasets/x.yaml': Buffer.from([0x63, 0x3a, 0x20, 0x0a, 0x64, 0x3a, 0x20, 0xff]) }, expect: ['GDP104', 'datasets/x.yaml:2'] },
  { name: 'alias bomb', files: { 'datasets/x.yaml': 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n' }, expect: ['GDP105', 'datasets/x.yaml:1'] },
  { name: '__proto__ key', files: { 'datasets/x.yaml': 'confidentiality: c1\n__proto__:\n  polluted: true\n' }, expect: ['GDP106', 'datasets/x.yaml:2'] },
  { name: 'file over 1 MiB', files: { 'datasets/x.yaml': `description: "${'x'.repeat(1024 * 1024)}"\n` }, expect: ['GDP107', 'datasets/x.yaml:1'] },
  { name: 'unknown folder', files: { 'dashboards/sales.yaml': 'title: Sales\n' }, expect: ['GDP108', 'dashboards/sales.yaml:1'] },
  { name: 'two documents', files: { 'datasets/x.yaml': 'confidentiality: c1\n---\nconfidentiality: c2\n' }, expect: ['GDP109', 'datasets/x.yaml:2'] },
  { name: 'top level is a list', files: { 'datasets/x.yaml': '- confidentiality: c1\n' }, expect: ['GDP110', 'datasets/x.yaml:1'] },
  { name: 'custom tag', files: { 'datasets/x.yaml': 'confidentiality: !secret c1\n' }, expect: ['GDP113', 'datasets/x.yaml:1'] },
  // Shape
  { name: 'misspelled field', files: { 'datasets/x.yaml': 'confidentiality: c1\ndescriptoin: x\n' }, expect: ['GDP201', 'datasets/x.yaml:2'] },
  { name: 'missing required field', files: { 'datasets/x.yaml': 'description: x\n' }, expect: ['GDP202', 'datasets/x.yaml:1'] },
  { name: 'wrong type', files: { 'datasets/x.yaml': 'confidentiality: c1\ndeletion_protection: maybe\n' }, expect: ['GDP203', 'datasets/x.yaml:2'] },
  { name: 'confidentiality not c1-c3', files: { 'datasets/x.yaml': 'confidentiality: secret\n' }, expect: ['GDP204', 'datasets/x.yaml:1'] },
  { name: 'expiration under 1 hour', files: { 'datasets/x.yaml': 'confidentiality: c1\ndefault_table_expiration_ms: 60000\n' }, expect: ['GDP205', 'datasets/x.yaml:2'] },
  { name: 'label key with capitals', files: { 'datasets/x.yaml': 'confidentiality: c1\nlabels:\n  Team: data\n' }, expect: ['GDP206', 'datasets/x.yaml:3'] },
  // References
  { name: 'unknown table reference', files: { 'sql-scripts/sprocs/p.yaml': 'routine_id: p\ndataset_id: sales\ndefinition_body: |-\n  BEGIN\n    SELECT * FROM ${tables["transaction_v1"].reference};\n  END;\n' }, expect: ['GDP301', 'sql-scripts/sprocs/p.yaml:5'] },
  { name: 'unescaped Workflows expression', files: { 'workflows/wf.yaml': WF('  - name: a\n    return: ${sys.get_env("X")}\n') }, expect: ['GDP302', 'workflows/wf.yaml:4'] },
  { name: 'unknown attribute', files: { 'sql-scripts/sprocs/p.yaml': 'routine_id: p\ndataset_id: sales\ndefinition_body: |-\n  BEGIN\n    SELECT * FROM ${tables["orders_v1"].ref};\n  END;\n' }, expect: ['GDP303', 'sql-scripts/sprocs/p.yaml:5'] },
  { name: 'two files, same logical name', files: { 'workflows/copy.yaml': 'workflow_name: daily_orders\nsteps:\n  - name: a\n    return: 1\n' }, expect: ['GDP304', 'workflows/daily_orders.yaml:2'] },
  { name: '${date} outside a scheduler', files: { 'workflows/wf.yaml': WF('  - name: a\n    return: ${date}\n') }, expect: ['GDP307', 'workflows/wf.yaml:4'] },
  { name: 'table in an undeclared dataset', files: { 'tables/t_v1.yaml': `table_id: t\ndataset: sale\nversion: 1\n${COLS}` }, expect: ['GDP308', 'tables/t_v1.yaml:2'] },
  { name: 'workflow name too long in every environment', files: { 'workflows/wf.yaml': `workflow_name: ${'w'.repeat(60)}\nsteps:\n  - name: a\n    return: 1\n` }, expect: ['GDP403', 'workflows/wf.yaml:1'] },
  // Tables
  { name: 'file name does not match table_id/version', files: { 'tables/t_v2.yaml': TABLE(COLS) }, expect: ['GDP510', 'tables/t_v2.yaml:3'] },
  { name: 'illegal column name', files: { 'tables/t_v1.yaml': TABLE('schema:\n  - name: order-id\n    type: STRING\n') }, expect: ['GDP512', 'tables/t_v1.yaml:5'] },
  { name: 'reserved column prefix', files: { 'tables/t_v1.yaml': TABLE('schema:\n  - name: _PARTITIONTIME\n    type: TIMESTAMP\n') }, expect: ['GDP513', 'tables/t_v1.yaml:5'] },
  { name: 'duplicate column (case-insensitive)', files: { 'tables/t_v1.yaml': TABLE('schema:\n  - name: id\n    type: STRING\n  - name: ID\n    type: STRING\n') }, expect: ['GDP514', 'tables/t_v1.yaml:7'] },
  { name: 'unknown column type', files: { 'tables/t_v1.yaml': TABLE('schema:\n  - name: id\n    type: INTEGR\n') }, expect: ['GDP515', 'tables/t_v1.yaml:6'] },
  { name: 'RECORD without fields', files: { 'tables/t_v1.yaml': TABLE('schema:\n  - name: addr\n    type: RECORD\n') }, expect: ['GDP516', 'tables/t_v1.yaml:6'] },
  { name: 'partition field missing', files: { 'tables/t_v1.yaml': TABLE(`time_partitioning:\n  type: DAY\n  field: day\n${COLS}`) }, expect: ['GDP522', 'tables/t_v1.yaml:6'] },
  { name: 'HOUR partitioning on a DATE', files: { 'tables/t_v1.yaml': TABLE(`time_partitioning:\n  type: HOUR\n  field: d\n${COLS}`) }, expect: ['GDP523', 'tables/t_v1.yaml:5'] },
  { name: 'five clustering columns', files: { 'tables/t_v1.yaml': TABLE(`clustering:\n  fields: [id, d, ts, id, d]\n${COLS}`) }, expect: ['GDP526', 'tables/t_v1.yaml:5'] },
  // Procedures
  { name: 'invalid argument type', files: { 'sql-scripts/sprocs/p.yaml': 'routine_id: p\ndataset_id: sales\narguments:\n  - name: n\n    data_type: INT63\ndefinition_body: |-\n  BEGIN\n    SELECT 1;\n  END;\n' }, expect: ['GDP535', 'sql-scripts/sprocs/p.yaml:5'] },
  { name: 'duplicate argument', files: { 'sql-scripts/sprocs/p.yaml': 'routine_id: p\ndataset_id: sales\narguments:\n  - name: n\n    data_type: INT64\n  - name: N\n    data_type: INT64\ndefinition_body: |-\n  BEGIN\n    SELECT 1;\n  END;\n' }, expect: ['GDP534', 'sql-scripts/sprocs/p.yaml:6'] },
  // Workflows
  { name: 'next to a missing step', files: { 'workflows/wf.yaml': WF('  - name: a\n    next: finsh\n  - name: finish\n    return: 1\n') }, expect: ['GDP545', 'workflows/wf.yaml:4'] },
  { name: 'duplicate step names', files: { 'workflows/wf.yaml': WF('  - name: a\n    return: 1\n  - name: a\n    return: 2\n') }, expect: ['GDP544', 'workflows/wf.yaml:5'] },
  { name: 'two actions in one step', files: { 'workflows/wf.yaml': WF('  - name: a\n    call: sys.log\n    return: 1\n') }, expect: ['GDP542', 'workflows/wf.yaml:5'] },
  // State machines
  { name: 'state machine for an unknown workflow', files: { 'statemachine/sm.yaml': 'workflow_name: process_transaction\ntrigger_type: http\n' }, expect: ['GDP308', 'statemachine/sm.yaml:1'] },
  { name: 'reserved environment variable name', files: { 'statemachine/sm.yaml': 'workflow_name: daily_orders\ntrigger_type: http\nenvironment_variables:\n  GOOGLE_THING: "1"\n' }, expect: ['GDP562', 'statemachine/sm.yaml:4'] },
  // Eventarc
  { name: 'unknown event type', files: { 'triggers/eventarc/e.yaml': 'name: e\nevent_type: google.cloud.storage.object.v1.finalised\nbucket: ${buckets.landing}\ndestination:\n  workflow: process_transactions\n' }, expect: ['GDP204', 'triggers/eventarc/e.yaml:2'] },
  { name: 'bucket with gs://', files: { 'triggers/eventarc/e.yaml': 'name: e\nevent_type: google.cloud.storage.object.v1.finalized\nbucket: gs://my-bucket\ndestination:\n  workflow: process_transactions\n' }, expect: ['GDP570', 'triggers/eventarc/e.yaml:3'] },
  { name: 'trigger to an unknown workflow', files: { 'triggers/eventarc/e.yaml': 'name: e\nevent_type: google.cloud.storage.object.v1.finalized\nbucket: ${buckets.landing}\ndestination:\n  workflow: process_transaction\n' }, expect: ['GDP308', 'triggers/eventarc/e.yaml:5'] },
  // Schedulers
  { name: 'cron with six fields', files: { 'triggers/schedulers/s.yaml': 'name: s\nschedule: "0 0 6 * * *"\nhttp_target:\n  uri: https://example.com\n' }, expect: ['GDP580', 'triggers/schedulers/s.yaml:2'] },
  { name: 'invalid cron value', files: { 'triggers/schedulers/s.yaml': 'name: s\nschedule: "0 25 * * *"\nhttp_target:\n  uri: https://example.com\n' }, expect: ['GDP580', 'triggers/schedulers/s.yaml:2'] },
  { name: 'unknown time zone', files: { 'triggers/schedulers/s.yaml': 'name: s\nschedule: "0 6 * * *"\ntimezone: Europe/Pariss\nhttp_target:\n  uri: https://example.com\n' }, expect: ['GDP581', 'triggers/schedulers/s.yaml:3'] },
  { name: 'body is not JSON', files: { 'triggers/schedulers/s.yaml': SCHED('  headers:\n    Content-Type: application/json\n  body: |\n    {"a": 1,}\n') }, expect: ['GDP585', 'triggers/schedulers/s.yaml:9'] },
  { name: 'forbidden header', files: { 'triggers/schedulers/s.yaml': SCHED('  headers:\n    X-Google-Foo: "1"\n') }, expect: ['GDP583', 'triggers/schedulers/s.yaml:7'] },
  { name: 'scheduler to an unknown workflow', files: { 'triggers/schedulers/s.yaml': 'name: s\nschedule: "0 6 * * *"\nhttp_target:\n  uri: ${workflows.daily_order.trigger_url}\n' }, expect: ['GDP301', 'triggers/schedulers/s.yaml:4'] },
  // Cloud Run
  { name: 'workflow calls an undeclared service', files: { 'workflows/wf.yaml': WF('  - name: a\n    call: http.post\n    args:\n      url: ${cloudrun_services["orders_apii"].url}\n      auth: { type: OIDC }\n') }, expect: ['GDP301', 'workflows/wf.yaml:6'] },
  { name: 'latest image in pd', files: { 'cloudrun/services/orders_api.yaml': RUN('tag: latest\n') }, expect: ['GDP711', 'cloudrun/services/orders_api.yaml:3'] },
  { name: '3 CPUs with 512 MiB', files: { 'cloudrun/services/orders_api.yaml': RUN('tag: "1.0"\ncpu: 3\nmemory: 512Mi\n') }, expect: ['GDP713', 'cloudrun/services/orders_api.yaml:4'] },
  { name: 'reserved Cloud Run variable', files: { 'cloudrun/jobs/orders_export.yaml': RUN('tag: "1.0"\nenv:\n  CLOUD_RUN_TASK_INDEX: "0"\n') }, expect: ['GDP715', 'cloudrun/jobs/orders_export.yaml:5'] },
];

const base = bundledConfiguration();

describe('broken inputs', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name → $expect', ({ files, expect: [code, where] }) => {
    const result = compileFiles(files, { base });
    const found = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.code} ${d.file.replace(/^configuration\//, '')}:${d.line}`);
    const match = found.find((f) => f === `${code} ${where}`);
    if (!match) throw new Error(`expected ${code} at ${where}, got:\n${found.join('\n') || '(no errors)'}`);
  });
});
