import { compareResource } from '../../src/plan/classify';
import { assessRisks } from '../../src/plan/risks';

const service = (image: string, name = 'acme-gcr-api-ew4-dv'): Record<string, unknown> => ({
  name,
  location: 'europe-west4',
  project: 'acme-data-dv',
  deletion_protection: false,
  ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
  template: { containers: [{ image, resources: { limits: { cpu: '1', memory: '512Mi' } } }] },
});

describe('plan: Cloud Run', () => {
  it('updates a service in place for a new image and says a new revision rolls out', () => {
    const c = compareResource('google_cloud_run_v2_service', 'gcr_api', service('repo/api:1.0.0'), service('repo/api:1.1.0'));
    expect(c.action).toBe('update');
    expect(assessRisks(c, { offline: true }).map((r) => [r.code, r.kind])).toEqual([['GDP731', 'notice']]);
    expect(assessRisks(c, { offline: true })[0].message).toContain('template.containers[0].image');
  });

  it('updates ingress in place without a new revision', () => {
    const after = { ...service('repo/api:1.0.0'), ingress: 'INGRESS_TRAFFIC_ALL' };
    const c = compareResource('google_cloud_run_v2_service', 'gcr_api', service('repo/api:1.0.0'), after);
    expect(c.action).toBe('update');
    expect(assessRisks(c, { offline: true })).toEqual([]);
  });

  it('replaces a service whose name changes, and a job whose location changes', () => {
    const c = compareResource('google_cloud_run_v2_service', 'gcr_api', service('repo/api:1.0.0'), service('repo/api:1.0.0', 'acme-gcr-api2-ew4-dv'));
    expect(c.action).toBe('replace');
    expect(assessRisks(c, { offline: true }).map((r) => r.code)).toEqual(['GDP732']);
    const job = { name: 'acme-gcrjob-x-ew4-dv', location: 'europe-west4', deletion_protection: false, template: { task_count: 1 } };
    const moved = compareResource('google_cloud_run_v2_job', 'gcrjob_x', job, { ...job, location: 'europe-west1' });
    expect(moved.action).toBe('replace');
    expect(assessRisks(moved, { offline: true }).map((r) => r.code)).toEqual(['GDP732']);
    const tasks = compareResource('google_cloud_run_v2_job', 'gcrjob_x', job, { ...job, template: { task_count: 4 } });
    expect(tasks.action).toBe('update');
  });

  it('warns that a protected service cannot be replaced', () => {
    const before = { ...service('repo/api:1.0.0'), deletion_protection: true };
    const c = compareResource('google_cloud_run_v2_service', 'gcr_api', before, service('repo/api:1.0.0', 'acme-gcr-api2-ew4-dv'));
    expect(assessRisks(c, { offline: true }).map((r) => r.code)).toEqual(['GDP815', 'GDP732']);
  });
});
