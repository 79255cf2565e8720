import { ENVIRONMENT_NAMES } from '../../src/core/environment';
import { compileClean, SALES, synthOne } from './helpers';

describe('environment stacks', () => {
  const project = compileClean({ 'datasets/sales.yaml': SALES });

  it.each(ENVIRONMENT_NAMES)('%s has the Google provider for its project and a GCS backend of its own', (env) => {
    // GIVEN the bundled environments WHEN the stack is built
    const stack = synthOne(project, env);
    // THEN
    expect(stack.provider.google).toEqual([{ project: `acme-data-${env}`, region: 'europe-west4' }]);
    expect(stack.terraform.backend).toEqual({ gcs: { bucket: `acme-tfstate-${env}`, prefix: `gdp/${env}` } });
    expect(stack.terraform.required_providers).toEqual({ google: { source: 'google', version: '6.50.0' } });
  });
});
