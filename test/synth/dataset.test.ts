import { compileClean, SALES, synthOne } from './helpers';

describe('dataset synthesis', () => {
  it('creates the dataset with its final name, explicit location, labels, expiration and protection', () => {
    // GIVEN the seed-style dataset WHEN synthesized for dv
    const stack = synthOne(compileClean({ 'datasets/sales.yaml': SALES }), 'dv');
    // THEN
    const dataset = stack.resource?.google_bigquery_dataset?.dataset_sales;
    expect(dataset).toEqual({
      '//': { metadata: { path: 'dv/dataset_sales', uniqueId: 'dataset_sales' } },
      dataset_id: 'acme_c2_sales_eu_dv',
      location: 'EU',
      description: 'Orders and customers',
      default_table_expiration_ms: 7776000000,
      delete_contents_on_destroy: false,
      labels: { app: 'acme', env: 'dv', confidentiality: 'c2', 'managed-by': 'gdp', 'cost-center': 'data-platform', owner: 'data-eng' },
      lifecycle: { prevent_destroy: true },
    });
  });

  it('leaves prevent_destroy out when deletion_protection is false, except where the environment forces it', () => {
    // GIVEN an unprotected dataset
    const project = compileClean({ 'datasets/scratch.yaml': 'confidentiality: c1\ndeletion_protection: false\n' });
    // WHEN synthesized for dv (no forcing) and pd (force_deletion_protection: true)
    const dv = synthOne(project, 'dv').resource?.google_bigquery_dataset?.dataset_scratch;
    const pd = synthOne(project, 'pd').resource?.google_bigquery_dataset?.dataset_scratch;
    // THEN
    expect(dv).not.toHaveProperty('lifecycle');
    expect(dv).toMatchObject({ dataset_id: 'acme_c1_scratch_eu_dv', delete_contents_on_destroy: false });
    expect(pd).toMatchObject({ dataset_id: 'acme_c1_scratch_eu_pd', lifecycle: { prevent_destroy: true } });
  });

  it('writes optional attributes in the provider types (max_time_travel_hours is a string) and file labels', () => {
    // GIVEN every optional field
    const project = compileClean({
      'datasets/hr.yaml': [
        'description: "People $${run_time.value} and %{ directives }"',
        'friendly_name: HR',
        'confidentiality: c3',
        'location: europe-west4',
        'default_partition_expiration_ms: 86400000',
        'max_time_travel_hours: 72',
        'labels: { team: people, app: ignored }',
      ].join('\n'),
    });
    // WHEN
    const dataset = synthOne(project, 'qa').resource?.google_bigquery_dataset?.dataset_hr;
    // THEN gdp's own labels win over the file's; literal text is escaped for Terraform
    expect(dataset).toMatchObject({
      dataset_id: 'acme_c3_hr_ew4_qa',
      location: 'europe-west4',
      friendly_name: 'HR',
      default_partition_expiration_ms: 86400000,
      max_time_travel_hours: '72',
      labels: { app: 'acme', env: 'qa', team: 'people', confidentiality: 'c3' },
    });
    expect(dataset?.description).toBe('People $${run_time.value} and %%{ directives }');
  });
});
