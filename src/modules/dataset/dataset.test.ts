import { brief, compileFiles, errors } from '../../testing';

const valid = `description: "Sales"
confidentiality: c2
location: eu
default_table_expiration_ms: 7776000000
`;

describe('dataset module', () => {
  it('accepts a valid dataset and exposes its attributes per environment', () => {
    // GIVEN a valid dataset file WHEN compiled for all environments
    const result = compileFiles({ 'datasets/sales.yaml': valid });
    // THEN there is no error and the generated dataset id follows the convention
    expect(errors(result)).toEqual([]);
    const entity = result.project.lookup('datasets', 'sales')!;
    const module = result.project.moduleOf(entity);
    const pd = result.project.environments.get('pd')!.env;
    expect(module.environment!.attributes!(entity, { env: pd, lookup: result.project.lookup, all: result.project.all })).toMatchObject({
      dataset_id: 'acme_c2_sales_eu_pd',
      project: 'acme-data-pd',
      reference: '`acme-data-pd.acme_c2_sales_eu_pd`',
      location: 'EU',
    });
  });

  it('rejects an unknown confidentiality with its position and a suggestion', () => {
    const result = compileFiles({ 'datasets/sales.yaml': 'confidentiality: c4\n' });
    expect(brief(errors(result))).toEqual(['GDP204 configuration/datasets/sales.yaml:1:18']);
    expect(errors(result)[0].message).toMatch(/c1, c2, c3/);
  });

  it('rejects an expiration under one hour', () => {
    const result = compileFiles({ 'datasets/sales.yaml': 'confidentiality: c1\ndefault_table_expiration_ms: 1000\n' });
    expect(brief(errors(result))).toEqual(['GDP205 configuration/datasets/sales.yaml:2:30']);
  });

  it('suggests the right spelling of an unknown field', () => {
    const result = compileFiles({ 'datasets/sales.yaml': 'confidentiality: c1\ndescripton: x\n' });
    const [e] = errors(result);
    expect(e.code).toBe('GDP201');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/Did you mean "description"\?/);
  });
});
