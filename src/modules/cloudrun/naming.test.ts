import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentSchema } from '../../core/environment';
import { ROOT } from '../../testing';
import { jobRunUrl, runName, runtimeAccountEmail, runtimeAccountId, serviceUrl } from './naming';

const env = EnvironmentSchema.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'environments', 'np.json'), 'utf8')));

describe('Cloud Run names', () => {
  it('follows the naming convention, `_` becoming `-`', () => {
    expect(runName(env, 'gcr', 'orders_api')).toBe('acme-gcr-orders-api-ew4-np');
    expect(runName(env, 'gcrjob', 'orders_export')).toBe('acme-gcrjob-orders-export-ew4-np');
    expect(runtimeAccountId(env, 'gcrjob', 'orders_export')).toBe('acme-sa-gcrj-orders-export-np');
    expect(serviceUrl(env, 'orders_api')).toBe('https://acme-gcr-orders-api-ew4-np-104729000033.europe-west4.run.app');
    expect(jobRunUrl(env, 'x')).toBe('https://run.googleapis.com/v2/projects/acme-data-np/locations/europe-west4/jobs/acme-gcrjob-x-ew4-np:run');
  });

  it('evaluates a given runtime account written with references, and defaults to the one gdp creates', () => {
    expect(runtimeAccountEmail(env, 'gcr', 'api', 'api@${project}.iam.gserviceaccount.com')).toBe('api@acme-data-np.iam.gserviceaccount.com');
    expect(runtimeAccountEmail(env, 'gcr', 'api', '${service_accounts.workflows}')).toBe('acme-sa-workflows-np@acme-data-np.iam.gserviceaccount.com');
    expect(runtimeAccountEmail(env, 'gcr', 'api', undefined)).toBe('acme-sa-gcr-api-np@acme-data-np.iam.gserviceaccount.com');
  });
});
