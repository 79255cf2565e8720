import { brief, bundledConfiguration, compileFiles, errors, synthFiles } from '../../testing';
import { bucketModule, bucketServesDataset } from '.';

const WORKFLOW = 'workflow_name: wf\nsteps:\n  - name: done\n    return: 1\n';
const trigger = (bucket: string): string =>
  `name: up\nevent_type: google.cloud.storage.object.v1.finalized\nbucket: ${bucket}\ndestination:\n  workflow: wf\n`;

describe('bucket module: references', () => {
  it('resolves ${buckets.<purpose>} and ${buckets["<purpose>"].name} to the declared bucket’s name', () => {
    const result = compileFiles({
      'buckets/landing.yaml': 'description: "Uploads"\n',
      'datasets/sales.yaml': 'confidentiality: c1\ndescription: \'a=${buckets.landing} b=${buckets["landing"].name} c=${buckets.landing.url}\'\n',
    });
    expect(errors(result)).toEqual([]);
    const description = (env: 'dv' | 'pd'): unknown => (result.project.environments.get(env)!.resolved.get('datasets/sales') as { description: string }).description;
    expect(description('dv')).toBe('a=acme-gcs-landing-eu-dv b=acme-gcs-landing-eu-dv c=gs://acme-gcs-landing-eu-dv');
    expect(description('pd')).toBe('a=acme-gcs-landing-eu-pd b=acme-gcs-landing-eu-pd c=gs://acme-gcs-landing-eu-pd');
  });

  it('reports an undeclared bucket once, where it is written, naming the declared ones', () => {
    const result = compileFiles({ 'buckets/landing.yaml': 'description: "Uploads"\n', 'datasets/sales.yaml': 'confidentiality: c1\ndescription: "${buckets.landig}"\n' });
    expect(brief(errors(result))).toEqual(['GDP301 configuration/datasets/sales.yaml:2:15']);
    expect(errors(result)[0].message).toBe('unknown reference ${buckets.landig}: no bucket is named "landig". Did you mean "landing"?');
  });

  it('gives an external bucket its real name per environment and never creates it', () => {
    const files = {
      'buckets/partner.yaml': 'external: true\nname: { dv: partner-dev, qa: partner-dev, np: partner, pd: partner }\nlocation: eu\n',
      'workflows/wf.yaml': WORKFLOW,
      'triggers/eventarc/up.yaml': trigger('${buckets.partner}'),
    };
    const stack = synthFiles(files, 'dv');
    expect(stack.resource!.google_storage_bucket).toBeUndefined();
    expect(stack.resource!.google_eventarc_trigger.eventarc_trigger_up).toMatchObject({
      location: 'eu',
      matching_criteria: [{ attribute: 'type', value: 'google.cloud.storage.object.v1.finalized' }, { attribute: 'bucket', value: 'partner-dev' }],
    });
    expect(synthFiles(files, 'pd').resource!.google_eventarc_trigger.eventarc_trigger_up.matching_criteria).toContainEqual({ attribute: 'bucket', value: 'partner' });
  });

  it('refuses an external bucket without a name, with settings it does not own, or without a name for an environment', () => {
    const result = compileFiles({
      'buckets/a.yaml': 'external: true\n',
      'buckets/b.yaml': 'external: true\nname: b-real\nversioning: true\n',
      'buckets/c.yaml': 'external: true\nname: { dv: c-dev }\n',
      'buckets/d.yaml': 'name: d-real\n',
    });
    expect(brief(errors(result))).toEqual([
      'GDP641 configuration/buckets/a.yaml:1:11',
      'GDP641 configuration/buckets/b.yaml:3:1',
      'GDP641 configuration/buckets/c.yaml:2:7',
      'GDP641 configuration/buckets/d.yaml:1:1',
    ]);
    expect(errors(result)[2].environments).toEqual(['qa', 'np', 'pd']);
  });
});

describe('bucket module: checks', () => {
  it('refuses a retention policy with versioning, and lifecycle rules without a condition or storage class', () => {
    const result = compileFiles({
      'buckets/x.yaml': 'versioning: true\nretention_days: 7\nlifecycle_rules:\n  - action: delete\n  - action: set_storage_class\n    age_days: 3\n',
    });
    expect(brief(errors(result))).toEqual(['GDP644 configuration/buckets/x.yaml:2:1', 'GDP643 configuration/buckets/x.yaml:4:5', 'GDP643 configuration/buckets/x.yaml:5:13']);
  });

  it('warns about conditions on noncurrent versions of a bucket without versioning', () => {
    const result = compileFiles({ 'buckets/x.yaml': 'lifecycle_rules:\n  - action: delete\n    num_newer_versions: 3\n' });
    expect(errors(result)).toEqual([]);
    expect(brief(result.diagnostics)).toEqual(['GDP645 configuration/buckets/x.yaml:2:5']);
  });

  it('refuses a bucket a load reads into a dataset of another location', () => {
    // GIVEN the bundled example, whose transactions_files load reads partner_drop into the eu landing dataset
    const result = compileFiles({ 'buckets/partner_drop.yaml': 'location: us-east1\n' }, { base: bundledConfiguration() });
    // THEN the bucket's location is reported once, naming the load and the dataset
    expect(brief(errors(result))).toEqual(['GDP642 configuration/buckets/partner_drop.yaml:1:11']);
    expect(errors(result)[0].message).toMatch(/load "transactions_files" .* into dataset landing, in EU/);
  });

  it('knows which bucket locations serve which datasets', () => {
    expect(bucketServesDataset('US', 'EU')).toBe(false);
    expect(bucketServesDataset('europe-west4', 'EU')).toBe(true);
    expect(bucketServesDataset('EUR4', 'EU')).toBe(true);
    expect(bucketServesDataset('us-east1', 'US')).toBe(true);
    expect(bucketServesDataset('EU', 'europe-west4')).toBe(false);
    expect(bucketServesDataset('europe-west4', 'europe-west4')).toBe(true);
  });

  it('puts a trigger on a regional bucket in that region, and refuses a trigger location that differs', () => {
    const files = { 'buckets/landing.yaml': 'location: europe-west1\n', 'workflows/wf.yaml': WORKFLOW, 'triggers/eventarc/up.yaml': trigger('${buckets.landing}') };
    expect(synthFiles(files).resource!.google_eventarc_trigger.eventarc_trigger_up.location).toBe('europe-west1');
    const result = compileFiles({ ...files, 'triggers/eventarc/up.yaml': trigger('${buckets.landing}') + 'location: eu\n' });
    expect(brief(errors(result))).toEqual(['GDP573 configuration/triggers/eventarc/up.yaml:6:11']);
  });
});

describe('bucket module: synthesis', () => {
  it('creates a private, uniformly controlled bucket with its settings and protection', () => {
    const stack = synthFiles({
      'buckets/landing.yaml':
        'storage_class: NEARLINE\nretention_days: 2\nlabels: { domain: sales }\nlifecycle_rules:\n  - action: set_storage_class\n    storage_class: COLDLINE\n    age_days: 30\n  - action: delete\n    age_days: 0\n    matches_suffix: [".tmp"]\n',
    });
    expect(stack.resource!.google_storage_bucket.bucket_landing).toMatchObject({
      name: 'acme-gcs-landing-eu-dv',
      project: 'acme-data-dv',
      location: 'EU',
      storage_class: 'NEARLINE',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      versioning: { enabled: false },
      retention_policy: { retention_period: 172_800 },
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
      labels: { app: 'acme', domain: 'sales', env: 'dv', 'managed-by': 'gdp' },
      lifecycle_rule: [
        { action: { type: 'SetStorageClass', storage_class: 'COLDLINE' }, condition: { age: 30 } },
        { action: { type: 'Delete' }, condition: { age: 0, matches_suffix: ['.tmp'], send_age_if_zero: true } },
      ],
    });
  });

  it('lets a load’s grant on a bucket gdp creates wait for the bucket', () => {
    const stack = synthFiles({}, 'dv', { base: bundledConfiguration() });
    const grant = stack.resource!.google_storage_bucket_iam_member['iam_workflows_on_bucket_acme-gcs-partner-drop-eu-dv'];
    expect(grant).toMatchObject({ bucket: 'acme-gcs-partner-drop-eu-dv', role: 'roles/storage.objectViewer' });
    expect(grant.depends_on).toContain('google_storage_bucket.bucket_partner_drop');
  });

  it('accepts its own example', () => {
    expect(compileFiles({ 'buckets/landing.yaml': bucketModule.example }).diagnostics).toEqual([]);
  });
});
