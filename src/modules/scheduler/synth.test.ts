import { errors } from '../../testing';
import { synthProject as synthOne, type StackJson } from '../../testing';
import type { EnvironmentName } from '../../core/environment';
import { compileWithCompanions, seedCompanions, seedText } from '../eventarc-trigger/__fixtures__/companions';
import { runDateMarker } from '../shared/run-date';

const SEED = 'triggers/schedulers/daily_transaction_dump.yaml';
const JOB = 'scheduler_daily_transaction_scheduler';
const EMAIL = (purpose: string, env = 'dv'): string => `acme-sa-${purpose}-${env}@acme-data-${env}.iam.gserviceaccount.com`;

/** The scheduler jobs of a stack built from scheduler files (paths under triggers/schedulers/) and the seed's workflow. */
function synth(jobs: Record<string, string>, env: EnvironmentName = 'dv'): StackJson {
  const files = Object.fromEntries(Object.entries(jobs).map(([file, text]) => [`triggers/schedulers/${file}`, text]));
  const result = compileWithCompanions({ ...seedCompanions(), ...files });
  expect(errors(result)).toEqual([]);
  return synthOne(result.project, env);
}

const seedJob = (env: EnvironmentName = 'dv'): Record<string, unknown> =>
  synth({ 'daily_transaction_dump.yaml': seedText(SEED) }, env).resource!.google_cloud_scheduler_job[JOB];

const decode = (body: unknown): unknown => JSON.parse(Buffer.from(String(body), 'base64').toString('utf8'));

describe('scheduler synthesis', () => {
  it('writes the job’s name, region, schedule, time zone and description', () => {
    expect(seedJob('qa')).toMatchObject({
      name: 'acme-sch-daily-transaction-scheduler-ew4-qa',
      region: 'europe-west4',
      schedule: '0 6 * * *',
      time_zone: 'Europe/Paris',
      description: 'Daily transaction data processing',
    });
  });

  it('sends the body to a workflow as its execution argument, a JSON string holding the run-date marker', () => {
    const target = seedJob('qa').http_target as Record<string, unknown>;
    const execution = decode(target.body) as { argument: string };
    expect(Object.keys(execution)).toEqual(['argument']);
    expect(typeof execution.argument).toBe('string');
    expect(JSON.parse(execution.argument)).toEqual({ source: 'scheduler', date: runDateMarker('Europe/Paris') });
    expect(target).toMatchObject({
      uri: 'https://workflowexecutions.googleapis.com/v1/projects/acme-data-qa/locations/europe-west4/workflows/acme-wkf-process_transactions_workflow-ew4-qa/executions',
      http_method: 'POST',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('calls a workflow with an OAuth token of the schedulers account, granted workflows.invoker', () => {
    const r = synth({ 'daily_transaction_dump.yaml': seedText(SEED) }).resource!;
    const job = r.google_cloud_scheduler_job[JOB];
    expect((job.http_target as Record<string, unknown>).oauth_token).toEqual({
      service_account_email: EMAIL('schedulers'),
      scope: 'https://www.googleapis.com/auth/cloud-platform',
    });
    expect(r.google_project_iam_member.iam_schedulers_workflows_invoker).toMatchObject({
      role: 'roles/workflows.invoker',
      member: `serviceAccount:${EMAIL('schedulers')}`,
    });
    expect(job.depends_on).toEqual(expect.arrayContaining(['google_service_account.sa_schedulers', 'google_project_iam_member.iam_schedulers_workflows_invoker']));
  });

  it('sends a workflow exactly one Content-Type header, whatever case the file writes it in', () => {
    const text = seedText(SEED).replace('Content-Type: "application/json"', 'content-type: "application/json"\n    X-Trace: "on"');
    const job = synth({ 'daily_transaction_dump.yaml': text }).resource!.google_cloud_scheduler_job[JOB];
    expect((job.http_target as Record<string, unknown>).headers).toEqual({ 'X-Trace': 'on', 'Content-Type': 'application/json' });
  });

  it('is paused in dv, whose pause_schedulers option forces it, and not in qa', () => {
    expect(seedJob('dv').paused).toBe(true);
    expect(seedJob('qa').paused).toBe(false);
  });

  it('sends another target the body as written, without a token or account', () => {
    const r = synth(
      {
        'ping.yaml': [
          'name: ping',
          'description: "Costs $${cost} %{ x }"',
          'schedule: "*/15 * * * *"',
          'attempt_deadline: 320s',
          'retry_config: { retry_count: 3, min_backoff_duration: 30s }',
          'http_target:',
          '  uri: https://example.com/hook',
          '  headers: { X-Token: abc }',
          '  body: "plain text"',
        ].join('\n'),
      },
      'qa',
    ).resource!;
    const job = r.google_cloud_scheduler_job.scheduler_ping;
    expect(job).toMatchObject({
      time_zone: 'Etc/UTC',
      attempt_deadline: '320s',
      retry_config: { retry_count: 3, min_backoff_duration: '30s' },
      http_target: { uri: 'https://example.com/hook', http_method: 'POST', headers: { 'X-Token': 'abc' } },
    });
    expect(job.description).toBe('Costs $${cost} %%{ x }');
    const target = job.http_target as Record<string, unknown>;
    expect(Buffer.from(String(target.body), 'base64').toString('utf8')).toBe('plain text');
    expect(target).not.toHaveProperty('oauth_token');
    expect(r.google_service_account ?? {}).not.toHaveProperty('sa_schedulers');
  });
});
