import { splitStack } from '../../src/synth/split/split-stack';

/** Two datasets in their own parts, and stack-level grants (owned by no entity) waiting for none, one or both. */
const UNSPLIT = {
  '//': { metadata: { backend: 'gcs', stackName: 'dv', version: '0.21.0' }, outputs: {} },
  terraform: { backend: { gcs: { bucket: 'b', prefix: 'gdp/dv' } } },
  resource: {
    google_bigquery_dataset: {
      alpha: { dataset_id: 'alpha' },
      beta: { dataset_id: 'beta' },
    },
    google_project_iam_member: {
      everywhere: { role: 'roles/bigquery.jobUser', member: 'user:a@example.com' },
      on_alpha: { role: 'roles/bigquery.dataViewer', member: 'user:a@example.com', depends_on: ['google_bigquery_dataset.alpha'] },
      on_both: { role: 'roles/bigquery.dataViewer', member: 'user:b@example.com', depends_on: ['google_bigquery_dataset.alpha', 'google_bigquery_dataset.beta'] },
    },
  },
};

const owners = new Map([
  ['google_bigquery_dataset.alpha', 'alpha'],
  ['google_bigquery_dataset.beta', 'beta'],
]);

function stackOf(split: ReturnType<typeof splitStack>, type: string, name: string): string[] {
  return split.stacks.filter((s) => (s.tf.resource as Record<string, Record<string, unknown> | undefined>)[type]?.[name] !== undefined).map((s) => s.name);
}

describe('where a split puts a resource that belongs to no entity', () => {
  const split = splitStack(structuredClone(UNSPLIT), { env: 'dv', backend: { bucket: 'b', prefix: 'gdp/dv' }, owners });

  it('goes with the one part it waits for, or to base when it waits for none', () => {
    expect(stackOf(split, 'google_project_iam_member', 'on_alpha')).toEqual(['dv-alpha']);
    expect(stackOf(split, 'google_project_iam_member', 'everywhere')).toEqual(['dv-base']);
  });

  it('goes to the shared stack, applied after every part it waits for, when it waits for several', () => {
    expect(stackOf(split, 'google_project_iam_member', 'on_both')).toEqual(['dv-shared']);
    const shared = split.stacks.find((s) => s.name === 'dv-shared')!;
    expect(shared.dependsOn).toEqual(['dv-alpha', 'dv-beta']);
    const waveOf = (name: string): number => split.waves.findIndex((w) => w.includes(name));
    expect(waveOf('dv-shared')).toBeGreaterThan(Math.max(waveOf('dv-alpha'), waveOf('dv-beta')));
    // base is applied first: it must not wait for the parts
    expect(split.stacks.find((s) => s.name === 'dv-base')!.dependsOn).toEqual([]);
  });
});
