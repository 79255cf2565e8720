/**
 * The per-type provider rules on raw Terraform values: ForceNew attributes, diff suppressions, IAM
 * members, types gdp has no rules for, and schema analysis details the synthesizer never produces
 * (type aliases, external tables, unreadable schemas).
 */
import { compareResource } from '../../src/plan/classify';
import { assessRisks } from '../../src/plan/risks';
import { analyzeSchema } from '../../src/plan/table-schema';

const schema = (...fields: object[]): string => JSON.stringify(fields);

describe('ForceNew attributes and diff suppression per type', () => {
  it('compares dataset locations case-insensitively and replaces on a real location change', () => {
    expect(compareResource('google_bigquery_dataset', 'd', { dataset_id: 'x', location: 'eu' }, { dataset_id: 'x', location: 'EU' }).action).toBe('unchanged');
    const moved = compareResource('google_bigquery_dataset', 'd', { dataset_id: 'x', location: 'EU' }, { dataset_id: 'x', location: 'US' });
    expect(moved.action).toBe('replace');
    expect(assessRisks(moved, { offline: true }).map((r) => r.code)).toEqual(['GDP814']);
  });

  it('treats an unset dataset location as the provider default US', () => {
    expect(compareResource('google_bigquery_dataset', 'd', { dataset_id: 'x' }, { dataset_id: 'x', location: 'US' }).action).toBe('unchanged');
  });

  it('replaces a routine when routine_type changes, updates it when the body changes, and compares argument types as JSON', () => {
    const base = { dataset_id: 'd', routine_id: 'r', routine_type: 'PROCEDURE', definition_body: 'BEGIN END', arguments: [{ name: 'a', data_type: '{"typeKind":"INT64"}' }] };
    expect(compareResource('google_bigquery_routine', 'r', base, { ...base, routine_type: 'SCALAR_FUNCTION' }).action).toBe('replace');
    expect(compareResource('google_bigquery_routine', 'r', base, { ...base, definition_body: 'BEGIN SELECT 1; END' }).action).toBe('update');
    expect(compareResource('google_bigquery_routine', 'r', base, { ...base, arguments: [{ name: 'a', data_type: '{ "typeKind" : "INT64" }' }] }).action).toBe('unchanged');
  });

  it('compares Eventarc matching criteria as a set', () => {
    const a = { attribute: 'type', value: 't' };
    const b = { attribute: 'bucket', value: 'b' };
    expect(compareResource('google_eventarc_trigger', 't', { name: 'n', matching_criteria: [a, b] }, { name: 'n', matching_criteria: [b, a] }).action).toBe('unchanged');
  });

  it('replaces IAM members on any change and service accounts on account_id', () => {
    const grant = { project: 'p', role: 'roles/a', member: 'serviceAccount:x' };
    expect(compareResource('google_project_iam_member', 'g', grant, { ...grant, role: 'roles/b' }).action).toBe('replace');
    const bucketGrant = { bucket: 'b', role: 'roles/storage.objectViewer', member: 'serviceAccount:x' };
    const bucketChange = compareResource('google_storage_bucket_iam_member', 'g', bucketGrant, { ...bucketGrant, role: 'roles/storage.objectAdmin' });
    expect(bucketChange.action).toBe('replace');
    expect(assessRisks(bucketChange, { offline: true }).map((r) => r.code)).not.toContain('GDP828');
    expect(compareResource('google_service_account', 's', { account_id: 'a-sa', display_name: 'A' }, { account_id: 'a-sa', display_name: 'B' }).action).toBe('update');
    const sa = compareResource('google_service_account', 's', { account_id: 'a-sa' }, { account_id: 'b-sa' });
    expect(sa.action).toBe('replace');
    expect(assessRisks(sa, { offline: true }).map((r) => r.code)).toEqual(['GDP827']);
  });

  it('ignores meta-arguments (depends_on, lifecycle, metadata) and treats "168" and 168 alike', () => {
    const before = { '//': { metadata: { path: 'a' } }, dataset_id: 'x', location: 'EU', max_time_travel_hours: '168', depends_on: ['a'] };
    const after = { '//': { metadata: { path: 'b' } }, dataset_id: 'x', location: 'EU', max_time_travel_hours: 168, depends_on: ['b'], lifecycle: { prevent_destroy: true } };
    expect(compareResource('google_bigquery_dataset', 'd', before, after).action).toBe('unchanged');
  });

  it('takes an unset deletion_protection of a table as the provider default (true)', () => {
    const t = { dataset_id: 'd', table_id: 't', schema: schema({ name: 'a', type: 'STRING' }) };
    const replaced = compareResource('google_bigquery_table', 't', t, { ...t, table_id: 'u' });
    expect(assessRisks(replaced, { offline: true }).map((r) => r.code)).toEqual(['GDP810', 'GDP815']);
  });

  it('does not call the replacement of a view data loss', () => {
    const v = { dataset_id: 'd', table_id: 'v', view: { query: 'SELECT 1', use_legacy_sql: false }, deletion_protection: false };
    const replaced = compareResource('google_bigquery_table', 'v', v, { ...v, table_id: 'w' });
    expect(replaced.action).toBe('replace');
    expect(assessRisks(replaced, { offline: true })).toEqual([]);
  });

  it('replaces a bucket on a new location (same location in another case is no change), and a binding on a new role but not on new members', () => {
    expect(compareResource('google_storage_bucket', 'b', { name: 'x', location: 'EU' }, { name: 'x', location: 'US' }).action).toBe('replace');
    expect(compareResource('google_storage_bucket', 'b', { name: 'x', location: 'EU' }, { name: 'x', location: 'eu' }).action).toBe('unchanged');
    expect(compareResource('google_storage_bucket', 'b', { name: 'x', location: 'EU' }, { name: 'x', location: 'EU', storage_class: 'NEARLINE' }).action).toBe('update');
    const binding = { project: 'p', dataset_id: 'd', role: 'roles/bigquery.dataViewer', members: ['group:a@x.com'] };
    expect(compareResource('google_bigquery_dataset_iam_binding', 'g', binding, { ...binding, members: ['group:b@x.com'] }).action).toBe('update');
    expect(compareResource('google_bigquery_dataset_iam_binding', 'g', binding, { ...binding, role: 'roles/bigquery.dataEditor' }).action).toBe('replace');
  });

  it('shows changes of types without rules as updates, with a notice', () => {
    const c = compareResource('google_pubsub_topic', 'b', { name: 'x', labels: { a: 'b' } }, { name: 'x', labels: { a: 'c' } });
    expect(c.action).toBe('update');
    expect(assessRisks(c, { offline: true }).map((r) => r.code)).toEqual(['GDP828']);
    expect(assessRisks(c, { offline: false })).toEqual([]);
  });
});

describe('schema analysis on raw schema JSON', () => {
  it('folds the type aliases and letter case, and defaults mode and description', () => {
    const before = schema({ name: 'a', type: 'INTEGER' }, { name: 'b', type: 'FLOAT', mode: 'NULLABLE', description: '' }, { name: 'c', type: 'BOOLEAN' });
    const after = schema({ name: 'c', type: 'bool' }, { name: 'a', type: 'INT64' }, { name: 'b', type: 'FLOAT64' });
    expect(analyzeSchema(before, after)).toMatchObject({ changed: false, effect: 'none', columns: [] });
  });

  it('does not treat STRUCT as RECORD or DECIMAL as NUMERIC (the provider does not either)', () => {
    expect(analyzeSchema(schema({ name: 'n', type: 'NUMERIC' }), schema({ name: 'n', type: 'DECIMAL' })).effect).toBe('replace');
  });

  it('replaces an external table when a column is dropped', () => {
    const before = schema({ name: 'a', type: 'STRING' }, { name: 'b', type: 'STRING' });
    const after = schema({ name: 'a', type: 'STRING' });
    expect(analyzeSchema(before, after).effect).toBe('in-place');
    expect(analyzeSchema(before, after, { external: true })).toMatchObject({ effect: 'replace', droppedInPlace: [] });
  });

  it('drops several top-level columns in place and adds nested fields in the same change', () => {
    const before = schema({ name: 'a', type: 'STRING' }, { name: 'b', type: 'STRING' }, { name: 'c', type: 'STRING' }, { name: 'r', type: 'RECORD', fields: [{ name: 'x', type: 'STRING' }] });
    const after = schema({ name: 'a', type: 'STRING' }, { name: 'r', type: 'RECORD', fields: [{ name: 'x', type: 'STRING' }, { name: 'y', type: 'STRING' }] });
    expect(analyzeSchema(before, after)).toMatchObject({ effect: 'in-place', droppedInPlace: ['b', 'c'] });
  });

  it('reports a narrower maxLength as in place for the provider but flagged', () => {
    const a = analyzeSchema(schema({ name: 's', type: 'STRING', maxLength: '20' }), schema({ name: 's', type: 'STRING', maxLength: '10' }));
    expect(a).toMatchObject({ effect: 'in-place', narrowed: ['s'] });
    expect(a.columns).toEqual([{ column: 's', change: 'option', key: 'maxLength', before: '20', after: '10', effect: 'in-place', reason: 'maxLength gets smaller: the provider updates in place, BigQuery only accepts wider values' }]);
    expect(analyzeSchema(schema({ name: 's', type: 'STRING', maxLength: '10' }), schema({ name: 's', type: 'STRING', maxLength: '20' })).narrowed).toEqual([]);
  });

  it('replaces when a schema is not a JSON array, and sees no change in identical text', () => {
    expect(analyzeSchema('{"a":1}', '[]')).toMatchObject({ changed: true, effect: 'replace', unreadable: 'the schema is not a JSON array of fields with names' });
    expect(analyzeSchema('not json', 'not json')).toMatchObject({ changed: false, effect: 'none' });
  });
});
