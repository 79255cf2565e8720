import { errors } from '../../testing';
import { synthProject as synthOne, type StackJson } from '../../testing';
import type { EnvironmentName } from '../../core/environment';
import { compileWithCompanions, seedCompanions, seedText } from './__fixtures__/companions';

const SEED = 'triggers/eventarc/transaction_upload.yaml';
const EMAIL = (purpose: string, env = 'dv'): string => `acme-sa-${purpose}-${env}@acme-data-${env}.iam.gserviceaccount.com`;

/** Synthesizes trigger files (paths under triggers/eventarc/) beside the seed's dataset and workflow. */
function synth(triggers: Record<string, string>, env: EnvironmentName = 'dv'): StackJson {
  const files = Object.fromEntries(Object.entries(triggers).map(([file, text]) => [`triggers/eventarc/${file}`, text]));
  const result = compileWithCompanions({ ...seedCompanions(), ...files });
  expect(errors(result)).toEqual([]);
  return synthOne(result.project, env);
}

const trigger = (name: string, extra = ''): string =>
  `name: ${name}\nevent_type: google.cloud.storage.object.v1.finalized\nbucket: \${buckets.landing}\ndestination:\n  workflow: process_transactions_workflow\n${extra}`;

describe('eventarc trigger synthesis', () => {
  it('filters the seed trigger on event type and bare bucket, in the region when the bucket is not gdp’s', () => {
    const r = synth({ 'transaction_upload.yaml': seedText(SEED) }, 'qa').resource!;
    expect(r.google_eventarc_trigger.eventarc_trigger_transaction_data_trigger).toMatchObject({
      name: 'acme-evt-transaction-data-trigger-ew4-qa',
      location: 'europe-west4',
      matching_criteria: [
        { attribute: 'type', value: 'google.cloud.storage.object.v1.finalized' },
        { attribute: 'bucket', value: 'transaction-data-bucket' },
      ],
      labels: { app: 'acme', env: 'qa', 'managed-by': 'gdp' },
    });
  });

  it('puts a trigger on a gdp bucket in the bucket’s location and matches the resolved bucket name', () => {
    const t = synth({ 'up.yaml': trigger('up') }).resource!.google_eventarc_trigger.eventarc_trigger_up;
    expect(t.location).toBe('eu');
    expect(t.name).toBe('acme-evt-up-eu-dv');
    expect(t.matching_criteria).toEqual([
      { attribute: 'type', value: 'google.cloud.storage.object.v1.finalized' },
      { attribute: 'bucket', value: 'acme-gcs-landing-eu-dv' },
    ]);
  });

  it('starts the workflow by its full id, written as a literal', () => {
    const t = synth({ 'up.yaml': trigger('up') }, 'np').resource!.google_eventarc_trigger.eventarc_trigger_up;
    expect(t.destination).toEqual({ workflow: 'projects/acme-data-np/locations/europe-west4/workflows/acme-wkf-process_transactions_workflow-ew4-np' });
  });

  it('runs as the triggers account by default, granted eventReceiver and workflows.invoker once for all triggers', () => {
    const r = synth({ 'a.yaml': trigger('a'), 'b.yaml': trigger('b', 'service_account: ${service_accounts.triggers}\n') }).resource!;
    expect(r.google_eventarc_trigger.eventarc_trigger_a.service_account).toBe(EMAIL('triggers'));
    expect(r.google_eventarc_trigger.eventarc_trigger_b.service_account).toBe(EMAIL('triggers'));
    const grants = Object.values(r.google_project_iam_member).map((g) => `${String(g.role)} ${String(g.member)}`);
    expect(grants.filter((g) => g.startsWith('roles/eventarc.eventReceiver'))).toEqual([`roles/eventarc.eventReceiver serviceAccount:${EMAIL('triggers')}`]);
    expect(grants.filter((g) => g.startsWith('roles/workflows.invoker'))).toEqual([`roles/workflows.invoker serviceAccount:${EMAIL('triggers')}`]);
    expect(grants.filter((g) => g.startsWith('roles/pubsub.publisher'))).toHaveLength(1);
    expect(r.google_project_iam_member.iam_gcs_service_agent_pubsub_publisher.member).toBe('${data.google_storage_project_service_account.gcs_service_agent.member}');
  });

  it('waits for its account, the account’s grants and the Cloud Storage service agent’s publisher grant', () => {
    const t = synth({ 'up.yaml': trigger('up') }).resource!.google_eventarc_trigger.eventarc_trigger_up;
    expect(t.depends_on).toEqual(
      expect.arrayContaining([
        'google_service_account.sa_triggers',
        'google_project_iam_member.iam_triggers_eventarc_eventreceiver',
        'google_project_iam_member.iam_triggers_workflows_invoker',
        'google_project_iam_member.iam_gcs_service_agent_pubsub_publisher',
      ]),
    );
  });

  it('grants the roles to another gdp account it names (the seed runs as the workflows account)', () => {
    const r = synth({ 'transaction_upload.yaml': seedText(SEED) }).resource!;
    expect(r.google_eventarc_trigger.eventarc_trigger_transaction_data_trigger.service_account).toBe(EMAIL('workflows'));
    expect(r.google_project_iam_member.iam_workflows_eventarc_eventreceiver).toMatchObject({ member: `serviceAccount:${EMAIL('workflows')}` });
    expect(r.google_service_account).not.toHaveProperty('sa_triggers');
  });

  it('leaves the grants of an account outside gdp to its owner', () => {
    const r = synth({ 'up.yaml': trigger('up', 'service_account: ext-sa@other-proj.iam.gserviceaccount.com\n') }).resource!;
    const t = r.google_eventarc_trigger.eventarc_trigger_up;
    expect(t.service_account).toBe('ext-sa@other-proj.iam.gserviceaccount.com');
    expect(Object.values(r.google_project_iam_member).map((g) => g.member)).not.toContain('serviceAccount:ext-sa@other-proj.iam.gserviceaccount.com');
    expect(t.depends_on).toContain('google_project_iam_member.iam_gcs_service_agent_pubsub_publisher');
  });
});
