import { rawFile, bundledConfiguration, bundledEnvironments } from '../../src/testing';
import { SynthOutputError } from '../../src/synth/check/check-output';
import type { Project } from '../../src/core/project';
import { compileJobs, seen } from './job-module';
import { compileClean, SALES, synthOne } from './helpers';

const DV_EMAIL = (purpose: string): string => `acme-sa-${purpose}-dv@acme-data-dv.iam.gserviceaccount.com`;

describe('stack-level needs', () => {
  it('creates no service account or grant when nothing asks for one', () => {
    const stack = synthOne(compileJobs({ 'datasets/sales.yaml': SALES }));
    expect(Object.keys(stack.resource ?? {})).toEqual(['google_bigquery_dataset']);
    expect(stack.data).toBeUndefined();
  });

  it('creates the workflows account once with jobUser, and one dataset grant per dataset with the strongest role', () => {
    // GIVEN two jobs of the same purpose asking for viewer and editor on the same dataset
    const project = compileJobs({
      'datasets/sales.yaml': SALES,
      'jobs/a.yaml': 'purpose: workflows\ndatasets: { sales: roles/bigquery.dataViewer }\n',
      'jobs/b.yaml': 'purpose: workflows\ndatasets: { sales: roles/bigquery.dataEditor }\n',
    });
    // WHEN
    const r = synthOne(project).resource!;
    // THEN
    expect(r.google_service_account).toEqual({
      sa_workflows: expect.objectContaining({ account_id: 'acme-sa-workflows-dv', project: 'acme-data-dv', display_name: 'acme workflows (dv)' }),
    });
    expect(r.google_project_iam_member).toEqual({
      iam_workflows_bigquery_jobuser: expect.objectContaining({
        project: 'acme-data-dv',
        role: 'roles/bigquery.jobUser',
        member: `serviceAccount:${DV_EMAIL('workflows')}`,
        depends_on: ['google_service_account.sa_workflows'],
      }),
    });
    expect(r.google_bigquery_dataset_iam_member).toEqual({
      iam_workflows_on_dataset_sales: expect.objectContaining({
        project: 'acme-data-dv',
        dataset_id: 'acme_c2_sales_eu_dv',
        role: 'roles/bigquery.dataEditor',
        member: `serviceAccount:${DV_EMAIL('workflows')}`,
        depends_on: ['google_bigquery_dataset.dataset_sales', 'google_service_account.sa_workflows'],
      }),
    });
    // AND each job waits for its dataset (graph), its account, baseline grant and dataset grant
    expect(r.google_workflows_workflow.job_a.depends_on).toEqual([
      'google_bigquery_dataset.dataset_sales',
      'google_bigquery_dataset_iam_member.iam_workflows_on_dataset_sales',
      'google_project_iam_member.iam_workflows_bigquery_jobuser',
      'google_service_account.sa_workflows',
    ]);
    expect(r.google_workflows_workflow.job_a.service_account).toBe(DV_EMAIL('workflows'));
    expect(r.google_workflows_workflow.job_a.source_contents).toBe('main:\n  steps:\n    - s: { return: $${sys.get_env("X")} }\n');
  });

  it('gives trigger accounts eventReceiver and invoker, and the Cloud Storage agent the publisher role through the data source', () => {
    const r = synthOne(compileJobs({ 'jobs/t.yaml': 'purpose: triggers\n' }));
    expect(Object.keys(r.resource!.google_project_iam_member).sort()).toEqual([
      'iam_gcs_service_agent_pubsub_publisher',
      'iam_triggers_eventarc_eventreceiver',
      'iam_triggers_workflows_invoker',
    ]);
    expect(r.resource!.google_project_iam_member.iam_gcs_service_agent_pubsub_publisher).toMatchObject({
      project: 'acme-data-dv',
      role: 'roles/pubsub.publisher',
      member: '${data.google_storage_project_service_account.gcs_service_agent.member}',
    });
    expect(r.data?.google_storage_project_service_account.gcs_service_agent).toMatchObject({ project: 'acme-data-dv' });
  });

  it('gives scheduler accounts only workflows.invoker', () => {
    const r = synthOne(compileJobs({ 'jobs/s.yaml': 'purpose: schedulers\n' }));
    expect(Object.keys(r.resource!.google_project_iam_member)).toEqual(['iam_schedulers_workflows_invoker']);
    expect(r.data).toBeUndefined();
  });

  it('creates one bucket grant per account and bucket with the strongest role, under an id of names only', () => {
    // GIVEN two jobs asking for viewer and admin on the same bucket, one on a bucket whose name holds dots
    const r = synthOne(
      compileJobs({
        'jobs/a.yaml': 'purpose: workflows\nbuckets: { acme-drop: roles/storage.objectViewer, files.acme.example: roles/storage.objectViewer }\n',
        'jobs/b.yaml': 'purpose: workflows\nbuckets: { acme-drop: roles/storage.objectAdmin }\n',
      }),
    ).resource!;
    // THEN one grant per bucket, the admin role wins, and it waits for the account it names
    expect(r.google_storage_bucket_iam_member).toEqual({
      'iam_workflows_on_bucket_acme-drop': expect.objectContaining({
        bucket: 'acme-drop',
        role: 'roles/storage.objectAdmin',
        member: `serviceAccount:${DV_EMAIL('workflows')}`,
        depends_on: ['google_service_account.sa_workflows'],
      }),
      iam_workflows_on_bucket_files_acme_example: expect.objectContaining({ bucket: 'files.acme.example', role: 'roles/storage.objectViewer' }),
    });
    expect(r.google_workflows_workflow.job_b.depends_on).toContain('google_storage_bucket_iam_member.iam_workflows_on_bucket_acme-drop');
  });

  it('uses an existing account named by the environment: no account resource, grants to that email', () => {
    // GIVEN dv names its own workflows account
    const envs = bundledEnvironments().map((f) => {
      if (f.relative !== 'dv.json') return f;
      const json = JSON.parse(Buffer.from(f.bytes).toString('utf8')) as Record<string, unknown>;
      return rawFile('dv.json', JSON.stringify({ ...json, service_accounts: { workflows: 'platform-wf@acme-data-dv.iam.gserviceaccount.com' } }), 'environments');
    });
    const project = compileJobs({ 'jobs/a.yaml': 'purpose: workflows\n' }, envs);
    // WHEN
    const r = synthOne(project).resource!;
    // THEN
    expect(r.google_service_account).toBeUndefined();
    expect(seen.a).toMatchObject({ created: false, email: 'platform-wf@acme-data-dv.iam.gserviceaccount.com', member: 'serviceAccount:platform-wf@acme-data-dv.iam.gserviceaccount.com' });
    expect(r.google_project_iam_member.iam_workflows_bigquery_jobuser).toMatchObject({ member: 'serviceAccount:platform-wf@acme-data-dv.iam.gserviceaccount.com' });
    expect(r.google_project_iam_member.iam_workflows_bigquery_jobuser).not.toHaveProperty('depends_on');
  });

  it('lets an entity depend on the resource of an entity it references, and refuses one that comes later', () => {
    const ok = synthOne(compileJobs({ 'jobs/a.yaml': 'purpose: workflows\nafter: b\n', 'jobs/b.yaml': 'purpose: workflows\n' })).resource!;
    expect(ok.google_workflows_workflow.job_a.depends_on).toContain('google_workflows_workflow.job_b');
    expect(() => synthOne(compileJobs({ 'jobs/a.yaml': 'purpose: workflows\npeek: b\n', 'jobs/b.yaml': 'purpose: workflows\n' }))).toThrow(
      /jobs\/a\.yaml \(jobs\/a\) asks for the resources of jobs\/b, which is synthesized later/,
    );
  });

  it('refuses two resources with the same construct id, naming the file', () => {
    expect(() => synthOne(compileJobs({ 'jobs/a.yaml': 'purpose: workflows\nduplicate_id: true\n' }))).toThrow(/construct id "job_a" is used by both/);
  });

  it('checks what a module synthesized against the provider schema (a gdp bug, naming the address)', () => {
    const project = compileJobs({ 'jobs/a.yaml': 'purpose: workflows\nbad_log_level: true\n' });
    expect(() => synthOne(project)).toThrow(SynthOutputError);
    expect(() => synthOne(project)).toThrow(/google_workflows_workflow\.job_a call_log_level: "LOG_EVERYTHING" is not one of the documented values/);
  });

  it('keeps every Terraform address when unrelated files are added, removed or reordered', () => {
    const base = { 'datasets/sales.yaml': SALES, 'jobs/m.yaml': 'purpose: workflows\ndatasets: { sales: roles/bigquery.dataEditor }\n' };
    const addresses = (p: Project): string[] => {
      const s = synthOne(p);
      return Object.entries(s.resource ?? {}).flatMap(([t, byName]) => Object.keys(byName).map((n) => `${t}.${n}`));
    };
    const before = addresses(compileJobs(base));
    const after = addresses(compileJobs({ 'jobs/a.yaml': 'purpose: schedulers\n', 'datasets/aaa.yaml': 'confidentiality: c1\n', ...base }));
    expect(after).toEqual(expect.arrayContaining(before));
  });
});

describe('bucket grants of loads from files', () => {
  /** A second files load: one URI in the bundled load's bucket, one in another. */
  const MORE_FILES = `target: transactions_landing_v1
pattern: upsert
source:
  files: { uris: ["gs://\${buckets.partner_drop}/late/*.csv", "gs://\${buckets.landing}/orders/*.csv", "gs://\${buckets.landing}/x/*.csv"], format: CSV }
  columns:
    - { name: transaction_id, type: STRING, mode: REQUIRED }
keys: [transaction_id]
`;

  it('lets the workflows account read the bundled transactions_files load’s bucket, and makes the procedure wait for it', () => {
    const r = synthOne(compileClean({}, { base: bundledConfiguration(), environments: ['dv'] }), 'dv').resource!;
    // gdp's own grants only (the bundled permissions file grants a group on the landing bucket)
    const own = Object.fromEntries(Object.entries(r.google_storage_bucket_iam_member).filter(([id]) => id.startsWith('iam_')));
    expect(own).toEqual({
      'iam_workflows_on_bucket_acme-gcs-partner-drop-eu-dv': expect.objectContaining({
        bucket: 'acme-gcs-partner-drop-eu-dv',
        role: 'roles/storage.objectViewer',
        member: `serviceAccount:${DV_EMAIL('workflows')}`,
        // the bucket is declared in configuration/buckets/: the grant waits for gdp to create it
        depends_on: ['google_service_account.sa_workflows', 'google_storage_bucket.bucket_partner_drop'],
      }),
    });
    expect(r.google_bigquery_routine.load_transactions_files.depends_on).toContain('google_storage_bucket_iam_member.iam_workflows_on_bucket_acme-gcs-partner-drop-eu-dv');
    expect(r.google_bigquery_routine.load_transactions_upsert.depends_on).not.toContain('google_storage_bucket_iam_member.iam_workflows_on_bucket_acme-gcs-partner-drop-eu-dv');
  });

  it('grants each bucket once however many loads and URIs read it', () => {
    const project = compileClean({ 'loads/transactions_more_files.yaml': MORE_FILES }, { base: bundledConfiguration(), environments: ['qa'] });
    const r = synthOne(project, 'qa').resource!;
    const member = 'serviceAccount:acme-sa-workflows-qa@acme-data-qa.iam.gserviceaccount.com';
    const grants = Object.values(r.google_storage_bucket_iam_member)
      .filter((g) => g.member === member)
      .map((g) => `${String(g.bucket)} ${String(g.role)} ${String(g.member)}`);
    expect(grants).toEqual([`acme-gcs-landing-eu-qa roles/storage.objectViewer ${member}`, `acme-gcs-partner-drop-eu-qa roles/storage.objectViewer ${member}`]);
    expect(r.google_bigquery_routine.load_transactions_more_files.depends_on).toEqual(
      expect.arrayContaining([
        'google_storage_bucket_iam_member.iam_workflows_on_bucket_acme-gcs-landing-eu-qa',
        'google_storage_bucket_iam_member.iam_workflows_on_bucket_acme-gcs-partner-drop-eu-qa',
      ]),
    );
  });
});
