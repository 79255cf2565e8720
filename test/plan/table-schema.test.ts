/**
 * Every table schema and partitioning rule of reference/gcp-domain.md §2.3, each through a pair of real
 * configurations (base and head folders) planned end to end.
 */
import { COLUMNS, PROBE, changeOf, columns, planProbe, riskCodes } from './helpers';

const RECORD = (extra = '', recordMode = '') =>
  `schema:\n  - name: id\n    type: STRING\n  - name: address\n    type: RECORD\n${recordMode}    fields:\n      - name: city\n        type: STRING\n      - name: zip\n        type: STRING\n${extra}`;

describe('table schema changes (provider rules, §2.3)', () => {
  it('adds a NULLABLE column in place', async () => {
    // GIVEN a column added without mode WHEN planned THEN the table is updated in place, no risk
    const run = await planProbe(COLUMNS, `${COLUMNS}  - name: extra\n    type: STRING\n`);
    const c = changeOf(run, PROBE);
    expect(c?.action).toBe('update');
    expect(columns(c)).toEqual(['extra added in-place']);
    expect(c?.schema?.columns[0].after).toBe('STRING NULLABLE');
    expect(c?.risks).toEqual([]);
    expect(run.exitCode).toBe(0);
  });

  it('adds a REPEATED column in place', async () => {
    const c = changeOf(await planProbe(COLUMNS, `${COLUMNS}  - name: tags\n    type: STRING\n    mode: REPEATED\n`), PROBE);
    expect(c?.action).toBe('update');
    expect(columns(c)).toEqual(['tags added in-place']);
  });

  it('adds a nested NULLABLE field in place', async () => {
    const c = changeOf(await planProbe(RECORD(), RECORD('      - name: country\n        type: STRING\n')), PROBE);
    expect(c?.action).toBe('update');
    expect(columns(c)).toEqual(['address.country added in-place']);
  });

  it('replaces the table for a new REQUIRED column, top level or nested', async () => {
    const top = changeOf(await planProbe(COLUMNS, `${COLUMNS}  - name: must\n    type: STRING\n    mode: REQUIRED\n`), PROBE);
    expect(top?.action).toBe('replace');
    expect(columns(top)).toEqual(['must added replace']);
    expect(riskCodes(top)).toEqual(['GDP810']);
    expect(top?.replaceReasons).toEqual(['schema: must: a new REQUIRED column replaces the table']);
    const nested = changeOf(await planProbe(RECORD(), RECORD('      - name: country\n        type: STRING\n        mode: REQUIRED\n')), PROBE);
    expect(nested?.action).toBe('replace');
    expect(columns(nested)).toEqual(['address.country added replace']);
  });

  it('relaxes REQUIRED to NULLABLE in place', async () => {
    const c = changeOf(await planProbe(COLUMNS, COLUMNS.replace('    mode: REQUIRED\n', '')), PROBE);
    expect(c?.action).toBe('update');
    expect(columns(c)).toEqual(['id mode in-place']);
    expect(c?.schema?.columns[0]).toMatchObject({ before: 'REQUIRED', after: 'NULLABLE' });
  });

  it.each([
    ['NULLABLE → REQUIRED', '  - name: note\n    type: STRING\n', '  - name: note\n    type: STRING\n    mode: REQUIRED\n'],
    ['NULLABLE → REPEATED', '  - name: note\n    type: STRING\n', '  - name: note\n    type: STRING\n    mode: REPEATED\n'],
    ['REPEATED → NULLABLE', '  - name: note\n    type: STRING\n    mode: REPEATED\n', '  - name: note\n    type: STRING\n'],
    ['REQUIRED → REPEATED', '  - name: note\n    type: STRING\n    mode: REQUIRED\n', '  - name: note\n    type: STRING\n    mode: REPEATED\n'],
  ])('replaces the table for any other mode change (%s)', async (_name, before, after) => {
    const c = changeOf(await planProbe(COLUMNS.replace('  - name: note\n    type: STRING\n', before), COLUMNS.replace('  - name: note\n    type: STRING\n', after)), PROBE);
    expect(c?.action).toBe('replace');
    expect(columns(c)).toEqual(['note mode replace']);
  });

  it('replaces the table for a type change', async () => {
    const c = changeOf(await planProbe(COLUMNS, COLUMNS.replace('type: INTEGER', 'type: NUMERIC')), PROBE);
    expect(c?.action).toBe('replace');
    expect(columns(c)).toEqual(['amount type replace']);
    expect(c?.schema?.columns[0]).toMatchObject({ before: 'INTEGER', after: 'NUMERIC' });
  });

  it.each([
    ['INTEGER', 'INT64'],
    ['FLOAT', 'FLOAT64'],
    ['BOOLEAN', 'BOOL'],
  ])('sees no change between the aliases %s and %s', async (a, b) => {
    const run = await planProbe(COLUMNS.replace('type: INTEGER', `type: ${a}`), COLUMNS.replace('type: INTEGER', `type: ${b}`));
    expect(changeOf(run, PROBE)).toBeUndefined();
  });

  it('drops top-level columns in place, with data loss of those columns', async () => {
    const c = changeOf(await planProbe(COLUMNS, COLUMNS.replace('  - name: note\n    type: STRING\n', '')), PROBE);
    expect(c?.action).toBe('update');
    expect(columns(c)).toEqual(['note dropped in-place']);
    expect(c?.schema?.droppedInPlace).toEqual(['note']);
    expect(riskCodes(c)).toEqual(['GDP812']);
    expect(c?.risks[0]).toMatchObject({ kind: 'data-loss', message: expect.stringContaining('note of table probe_v1 is dropped in place (ALTER TABLE DROP COLUMN)') });
  });

  it('replaces the table for a drop plus an add in the same change (a rename)', async () => {
    const c = changeOf(await planProbe(COLUMNS, COLUMNS.replace('name: note', 'name: remark')), PROBE);
    expect(c?.action).toBe('replace');
    expect(columns(c)).toEqual(['remark added in-place', 'note dropped replace']);
    expect(riskCodes(c)).toEqual(['GDP810']);
  });

  it('replaces the table when a nested field is dropped', async () => {
    const c = changeOf(await planProbe(RECORD(), RECORD().replace('      - name: zip\n        type: STRING\n', '')), PROBE);
    expect(c?.action).toBe('replace');
    expect(columns(c)).toEqual(['address.zip dropped replace']);
  });

  it('sees no change when columns are reordered', async () => {
    const reordered = 'schema:\n  - name: note\n    type: STRING\n  - name: amount\n    type: INTEGER\n  - name: id\n    type: STRING\n    mode: REQUIRED\n';
    expect(changeOf(await planProbe(COLUMNS, reordered), PROBE)).toBeUndefined();
  });

  it('changes descriptions and policy tags in place', async () => {
    const tag = 'projects/acme-data-dv/locations/eu/taxonomies/1/policyTags/2';
    const head = COLUMNS.replace('  - name: note\n    type: STRING\n', `  - name: note\n    type: STRING\n    description: "Free text"\n    policy_tags: ["${tag}"]\n`);
    const c = changeOf(await planProbe(COLUMNS, head), PROBE);
    expect(c?.action).toBe('update');
    expect(columns(c)).toEqual(['note description in-place', 'note policy-tags in-place']);
    expect(c?.risks).toEqual([]);
  });

  it('treats a type or mode change of a RECORD column itself as a replacement and says the provider is not deterministic there', async () => {
    const c = changeOf(await planProbe(RECORD(), RECORD('', '    mode: REPEATED\n')), PROBE);
    expect(c?.action).toBe('replace');
    expect(columns(c)).toEqual(['address mode replace']);
    expect(riskCodes(c)).toEqual(['GDP810', 'GDP824']);
  });
});

describe('table partitioning changes (§2.3)', () => {
  const DATED = `${COLUMNS}  - name: day\n    type: DATE\n  - name: n\n    type: INTEGER\n`;

  it('replaces the table when time_partitioning.field changes', async () => {
    const dated = DATED.replace('  - name: n\n', '  - name: day2\n    type: DATE\n  - name: n\n');
    const c = changeOf(await planProbe(`time_partitioning: {type: DAY, field: day}\n${dated}`, `time_partitioning: {type: DAY, field: day2}\n${dated}`), PROBE);
    expect(c?.action).toBe('replace');
    expect(c?.replaceReasons).toEqual(['time_partitioning.field changes (ForceNew)']);
  });

  it('replaces the table when range_partitioning.field changes', async () => {
    const two = DATED.replace('  - name: n\n', '  - name: m\n    type: INTEGER\n  - name: n\n');
    const c = changeOf(await planProbe(`range_partitioning: {field: n, start: 0, end: 100, interval: 10}\n${two}`, `range_partitioning: {field: m, start: 0, end: 100, interval: 10}\n${two}`), PROBE);
    expect(c?.action).toBe('replace');
    expect(c?.replaceReasons).toEqual(['range_partitioning.field changes (ForceNew)']);
  });

  it.each([
    ['the partition type changes', 'time_partitioning: {type: DAY, field: day}\n', 'time_partitioning: {type: MONTH, field: day}\n', 'time_partitioning.type changes from DAY to MONTH'],
    ['ingestion-time partitioning is added', '', 'time_partitioning: {type: DAY}\n', 'ingestion-time partitioning (time_partitioning without a field) is added'],
    ['ingestion-time partitioning is removed', 'time_partitioning: {type: DAY}\n', '', 'ingestion-time partitioning (time_partitioning without a field) is removed'],
    ['the range bounds change', 'range_partitioning: {field: n, start: 0, end: 100, interval: 10}\n', 'range_partitioning: {field: n, start: 0, end: 200, interval: 10}\n', 'range_partitioning.range.end changes from 100 to 200'],
  ])('says the apply will fail and needs a manual replace when %s', async (_name, before, after, failure) => {
    const c = changeOf(await planProbe(`${before}${DATED}`, `${after}${DATED}`), PROBE);
    expect(c?.action).toBe('update');
    expect(riskCodes(c)).toEqual(['GDP817']);
    expect(c?.risks[0].message).toContain(failure);
    expect(c?.risks[0].advice).toContain('terraform apply -replace=google_bigquery_table.table_probe_v1');
  });

  it('updates expiration and clustering in place without risk', async () => {
    const c = changeOf(
      await planProbe(`time_partitioning: {type: DAY, field: day, expiration_ms: 86400000}\n${DATED}`, `time_partitioning: {type: DAY, field: day, expiration_ms: 172800000}\nclustering: {fields: [id]}\n${DATED}`),
      PROBE,
    );
    expect(c?.action).toBe('update');
    expect(c?.attributes.map((a) => a.path)).toEqual(['clustering', 'time_partitioning.expiration_ms']);
    expect(c?.risks).toEqual([]);
  });
});
