/** `gdp plan` on permissions: an authoritative binding that removes members the base grants is warned about. */
import { changeOf, planWorkspace, riskCodes, workspace } from './helpers';

const grant = (authoritative: boolean, ...members: string[]): string =>
  `dv:\n  - members: [${members.join(', ')}]\n    roles: [roles/bigquery.dataViewer]\n    datasets: [landing]\n${authoritative ? '    authoritative: true\n' : ''}`;

describe('plan: authoritative IAM bindings', () => {
  it('warns when a binding replaces additive members the base grants, naming the members that lose the role', async () => {
    // GIVEN a base granting two groups additively, and a head binding the role to one of them
    const ws = workspace({
      base: { 'permissions/landing_readers.yaml': grant(false, 'group:a@acme.com', 'group:b@acme.com') },
      head: { 'permissions/landing_readers.yaml': grant(true, 'group:a@acme.com') },
    });
    const run = await planWorkspace(ws);
    const change = changeOf(run, 'google_bigquery_dataset_iam_binding.permission_landing_readers_dataset_landing_bigquery_dataviewer_binding');
    // THEN the binding's creation carries GDP669, naming group b
    expect(change?.action).toBe('create');
    expect(riskCodes(change)).toEqual(['GDP669']);
    expect(change!.risks[0].message).toContain('group:b@acme.com loses the role');
    expect(change!.risks[0].message).not.toContain('group:a@acme.com');
  });

  it('says nothing when the binding keeps every member the base grants', async () => {
    const ws = workspace({
      base: { 'permissions/landing_readers.yaml': grant(true, 'group:a@acme.com') },
      head: { 'permissions/landing_readers.yaml': grant(true, 'group:a@acme.com', 'group:b@acme.com') },
    });
    const run = await planWorkspace(ws);
    const change = changeOf(run, 'google_bigquery_dataset_iam_binding.permission_landing_readers_dataset_landing_bigquery_dataviewer_binding');
    expect(change?.action).toBe('update');
    expect(riskCodes(change)).toEqual([]);
  });
});
