import { createRegistry } from '../../api';
import { ENVIRONMENT_NAMES } from '../../core/environment';
import { examplePath } from '../../scaffold/init-files';
import { checkProjectSql } from '../../sql/analyzer';
import { brief, bundledConfiguration, compileFiles, errors, synthProject, useSqlService } from '../../testing';
import { alertModule, channelModule } from '.';

const ALERT = 'configuration/monitoring/alerts/a.yaml';

/** The files gdp init writes: one example per module type, which must hold together (as a repository). */
const EXAMPLES = Object.fromEntries(createRegistry().all().map((m) => [examplePath(m).replace(/^configuration\//, ''), m.example]));

/** `line:column` of the first occurrence of `needle` in a text. */
function at(text: string, needle: string): string {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

const withAlert = (text: string, extra: Record<string, string> = {}) => compileFiles({ 'monitoring/alerts/a.yaml': text, ...extra }, { base: bundledConfiguration() });
const alertErrors = (text: string, extra: Record<string, string> = {}) => brief(errors(withAlert(text, extra)));

describe('monitoring: the bundled example', () => {
  const compiled = compileFiles({}, { base: bundledConfiguration() });
  const sqlService = useSqlService();

  it('validates in every environment, and warns about no environment (pd has a channel)', () => {
    expect(compiled.diagnostics.filter((d) => d.code >= 'GDP670' && d.code <= 'GDP709')).toEqual([]);
    expect(errors(compiled)).toEqual([]);
  });

  it.each(ENVIRONMENT_NAMES)('synthesizes its scan, channel, policy and metrics in %s', (env) => {
    const r = synthProject(compiled.project, env).resource!;
    expect(Object.keys(r.google_dataplex_datascan).sort()).toEqual(['dataquality_data_pipelines_fresh_orders_v1', 'dataquality_orders_quality']);
    expect(Object.keys(r.google_logging_metric)).toHaveLength(5);
    const policy = r.google_monitoring_alert_policy.alert_policy_data_pipelines;
    expect(policy.display_name).toBe(`Data pipelines (${env})`);
    // dv has no target in data_team: no channel there, and the policy notifies nobody.
    expect(Object.keys(r.google_monitoring_notification_channel ?? {})).toEqual(env === 'dv' ? [] : ['notification_channel_data_team']);
    expect(policy.notification_channels).toEqual(env === 'dv' ? [] : ['${google_monitoring_notification_channel.notification_channel_data_team.name}']);
  });

  it('tells the on-call person what failed and where its logs are', () => {
    const policy = synthProject(compiled.project, 'pd').resource!.google_monitoring_alert_policy.alert_policy_data_pipelines;
    const content = (policy.documentation as { content: string }).content;
    expect(content).toContain('Workflow `acme-wkf-process_transactions-ew4-pd` (in `configuration/workflows/`) had a failed execution.');
    expect(content).toContain('https://console.cloud.google.com/logs/query;query=resource.type%20%3D%20%22cloud_scheduler_job%22');
    expect(content).toContain('`acme-data-pd.acme_c2_sales_eu_pd.transactions_v1_rejected`');
    expect(content.startsWith('Transactions and orders feed the daily sales report.')).toBe(true);
    expect(content).toContain('Alert policy declared in `configuration/monitoring/alerts/data_pipelines.yaml`');
  });

  it('counts the watched things’ log entries with log-based metrics the policy waits for', () => {
    const r = synthProject(compiled.project, 'qa').resource!;
    const metric = r.google_logging_metric.log_metric_gdp_data_pipelines_load_failed_transactions_upsert;
    expect(metric.filter).toBe(
      'resource.type = "workflows.googleapis.com/Workflow" AND resource.labels.workflow_id = "acme-wkf-load_transactions_upsert-ew4-qa" AND severity >= ERROR AND jsonPayload.load = "transactions_upsert"',
    );
    const conditions = r.google_monitoring_alert_policy.alert_policy_data_pipelines.conditions as { condition_threshold: { filter: string } }[];
    expect(conditions[1].condition_threshold.filter).toBe(
      'resource.type = "workflows.googleapis.com/Workflow" AND metric.type = "logging.googleapis.com/user/gdp_data_pipelines_load_failed_transactions_upsert"',
    );
    expect(r.google_monitoring_alert_policy.alert_policy_data_pipelines.depends_on).toContain('google_logging_metric.log_metric_gdp_data_pipelines_load_failed_transactions_upsert');
  });

  it('checks the scans’ SQL, the derived freshness scan’s included, without findings', async () => {
    const sql = (await checkProjectSql(compiled.project, { service: sqlService() })).diagnostics;
    expect(sql.filter((d) => d.file.includes('/dataquality/') || d.file.includes('/monitoring/'))).toEqual([]);
  });
});

describe('monitoring: alert policy checks', () => {
  it('accepts the README examples of a channel and a policy, among the other module types’ examples', () => {
    expect(EXAMPLES['monitoring/alerts/orders_pipeline.yaml']).toBe(alertModule.example);
    expect(EXAMPLES['monitoring/channels/data_team.yaml']).toBe(channelModule.example);
    expect(errors(compileFiles(EXAMPLES))).toEqual([]);
  });

  it('reports an alert on a missing workflow, written plainly or as a reference', () => {
    const plain = 'conditions:\n  - workflow_failed: daily_ordres\n';
    const result = withAlert(plain);
    expect(brief(errors(result))).toEqual([expect.stringMatching(new RegExp(`^GDP\\d+ ${ALERT}:${at(plain, 'daily_ordres')}$`))]);
    expect(errors(result)[0].message).toMatch(/daily_orders/);
    const ref = 'conditions:\n  - workflow_failed: ${workflows.daily_ordres.name}\n';
    expect(alertErrors(ref)).toEqual([expect.stringMatching(new RegExp(`^GDP\\d+ ${ALERT}:2:`))]);
  });

  it('wants exactly one watched thing per condition, and only its fields', () => {
    const text = 'conditions:\n  - workflow_failed: daily_orders\n    scheduler_failed: daily_orders\n  - below_score: 3\n  - workflow_failed: daily_orders\n    hours: 3\n';
    expect(alertErrors(text)).toEqual([`GDP691 ${ALERT}:${at(text, 'scheduler_failed')}`, `GDP691 ${ALERT}:4:5`, `GDP692 ${ALERT}:${at(text, 'hours')}`]);
  });

  it('refuses load conditions the load cannot meet', () => {
    const text = 'conditions:\n  - load_failed: sales_daily\n  - load_quarantined: customer_segments_daily\n';
    expect(alertErrors(text)).toEqual([`GDP694 ${ALERT}:${at(text, 'sales_daily')}`, `GDP695 ${ALERT}:${at(text, 'customer_segments_daily')}`]);
  });

  it('checks table_stale: hours needed, the column must exist and be a date or time', () => {
    expect(alertErrors('conditions:\n  - table_stale: orders_v1\n')).toEqual([`GDP693 ${ALERT}:2:18`]);
    const text = 'conditions:\n  - table_stale: orders_v1\n    hours: 6\n    column: order_tss\n';
    // The derived freshness scan reports at the condition.
    expect(alertErrors(text)).toEqual([`GDP670 ${ALERT}:${at(text, 'orders_v1')}`]);
  });

  it('refuses raw filters without a metric, repeated conditions, references of another kind, scores out of range', () => {
    const text = [
      'conditions:',
      '  - raw: { display_name: x, filter: resource.type = "bigquery_project" }',
      '  - scheduler_failed: daily_orders',
      '  - scheduler_failed: daily_orders',
      '  - dataquality_failed: ${tables.orders_v1.reference}',
      '  - dataquality_failed: orders_quality',
      '    below_score: 120',
      '',
    ].join('\n');
    expect(alertErrors(text)).toEqual([`GDP697 ${ALERT}:2:37`, `GDP699 ${ALERT}:4:23`, `GDP700 ${ALERT}:5:25`, `GDP698 ${ALERT}:7:18`]);
  });

  it('reports, without crashing, a quarantine watch whose load’s target table is broken', () => {
    // Found by the mutation property test: the quarantine table's address was read from a table that failed validation.
    const result = withAlert('conditions:\n  - load_quarantined: transactions_upsert\n', { 'tables/transactions_v1.yaml': 'table_id: transactions\n' });
    expect(errors(result).length).toBeGreaterThan(0);
    expect(errors(result).every((d) => d.line > 0)).toBe(true);
  });

  it('warns when pd gets no notification', () => {
    const result = withAlert('channels: [dv_only]\nconditions:\n  - workflow_failed: daily_orders\n', { 'monitoring/channels/dv_only.yaml': 'type: email\ntargets:\n  dv: a@acme.example\n' });
    expect(errors(result)).toEqual([]);
    expect(brief(result.diagnostics.filter((d) => d.code === 'GDP696'))).toEqual([`GDP696 ${ALERT}:1:11`]);
    expect(result.diagnostics.find((d) => d.code === 'GDP696')!.environments).toEqual(['pd']);
  });
});

describe('monitoring: notification channels', () => {
  const CHANNEL = 'configuration/monitoring/channels/c.yaml';

  it('checks each environment’s target against the channel type', () => {
    const result = compileFiles({ 'monitoring/channels/c.yaml': 'type: webhook\ntargets:\n  qa: http://hooks.acme.example/x\n  pd: https://hooks.acme.example/x\n' });
    expect(brief(errors(result))).toEqual([`GDP690 ${CHANNEL}:3:7`]);
    const email = compileFiles({ 'monitoring/channels/c.yaml': 'type: email\ntargets:\n  pd: data-team\n' });
    expect(brief(errors(email))).toEqual([`GDP690 ${CHANNEL}:3:7`]);
  });

  it('lets the Monitoring notification agent publish to a Pub/Sub channel’s topic', () => {
    const result = compileFiles({ 'monitoring/channels/c.yaml': 'type: pubsub\ntargets:\n  pd: alerts\n' });
    expect(errors(result)).toEqual([]);
    const r = synthProject(result.project, 'pd').resource!;
    expect(r.google_monitoring_notification_channel.notification_channel_c).toMatchObject({ type: 'pubsub', labels: { topic: 'projects/acme-data-pd/topics/alerts' } });
    expect(r.google_pubsub_topic_iam_member.notification_channel_c_publisher).toMatchObject({
      topic: 'projects/acme-data-pd/topics/alerts',
      role: 'roles/pubsub.publisher',
      member: 'serviceAccount:service-${data.google_project.notification_channel_c_project.number}@gcp-sa-monitoring-notification.iam.gserviceaccount.com',
    });
  });
});
