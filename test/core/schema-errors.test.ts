import { brief, compileFiles, errors } from '../../src/testing';

describe('schema errors', () => {
  it('points at a map key that breaks its rule (labels)', () => {
    const result = compileFiles({ 'datasets/sales.yaml': 'confidentiality: c1\nlabels:\n  Team: data\n' });
    expect(brief(errors(result))).toEqual(['GDP206 configuration/datasets/sales.yaml:3:3']);
    expect(errors(result)[0].message).toMatch(/key "Team" in labels/);
  });

  it('reports a missing required field at its parent', () => {
    const result = compileFiles({ 'datasets/sales.yaml': 'description: x\n' });
    expect(brief(errors(result))).toEqual(['GDP202 configuration/datasets/sales.yaml:1:1']);
    expect(errors(result)[0].message).toMatch(/missing required field "confidentiality"/);
  });

  it('reports a wrong type with the value given', () => {
    const result = compileFiles({ 'datasets/sales.yaml': 'confidentiality: c1\ndeletion_protection: "yes"\n' });
    expect(brief(errors(result))).toEqual(['GDP203 configuration/datasets/sales.yaml:2:22']);
    expect(errors(result)[0].message).toMatch(/true or false, but the string "yes" was given/);
  });
});
