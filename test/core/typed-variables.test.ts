import { brief, bundledEnvironments, compileFiles, errors, rawFile } from '../../src/testing';
import type { RawFile } from '../../src/core/loader';

/** The bundled environments with `variables` replaced per environment. */
function environmentsWith(variables: Record<string, Record<string, unknown>>): RawFile[] {
  return bundledEnvironments().map((f) => {
    const json = JSON.parse(Buffer.from(f.bytes).toString('utf8')) as { name: string; variables?: Record<string, unknown> };
    json.variables = { ...json.variables, ...(variables[json.name] ?? {}) };
    return rawFile(f.relative, JSON.stringify(json, null, 2), 'environments');
  });
}

const dataset = (expiry: string): string => `confidentiality: c2\ndefault_table_expiration_ms: ${expiry}\ndeletion_protection: \${protect}\n`;

describe('environment variables holding numbers and booleans', () => {
  it('fill number and boolean fields with each environment’s value', () => {
    // GIVEN expiry and protect variables of their own type in every environment
    const environmentFiles = environmentsWith({
      dv: { expiry: 3_600_000, protect: false },
      qa: { expiry: 7_200_000, protect: false },
      np: { expiry: 7_200_000, protect: true },
      pd: { expiry: 86_400_000, protect: true },
    });
    // WHEN a dataset refers to them as whole values (both spellings)
    const result = compileFiles({ 'datasets/sales.yaml': dataset('${variables.expiry}') }, { environmentFiles });
    // THEN it validates, and each environment's resolved configuration holds the typed values
    expect(errors(result)).toEqual([]);
    const resolved = (env: 'dv' | 'pd'): unknown => result.project.environments.get(env)!.resolved.get('datasets/sales');
    expect(resolved('dv')).toMatchObject({ default_table_expiration_ms: 3_600_000, deletion_protection: false });
    expect(resolved('pd')).toMatchObject({ default_table_expiration_ms: 86_400_000, deletion_protection: true });
  });

  it('checks each environment’s value against the field’s rules, naming the environment', () => {
    const environmentFiles = environmentsWith({ dv: { expiry: 1000, protect: false }, qa: { expiry: 3_600_000, protect: false }, np: { expiry: 3_600_000, protect: true }, pd: { expiry: 3_600_000, protect: true } });
    const result = compileFiles({ 'datasets/sales.yaml': dataset('${expiry}') }, { environmentFiles });
    expect(brief(errors(result))).toEqual(['GDP205 configuration/datasets/sales.yaml:2:30']);
    expect(errors(result)[0].environments).toEqual(['dv']);
  });

  it('refuses a string variable in a number field', () => {
    const environmentFiles = environmentsWith({ dv: { expiry: 'soon', protect: false }, qa: { expiry: 3_600_000, protect: false }, np: { expiry: 3_600_000, protect: true }, pd: { expiry: 3_600_000, protect: true } });
    const result = compileFiles({ 'datasets/sales.yaml': dataset('${expiry}') }, { environmentFiles });
    expect(brief(errors(result))).toEqual(['GDP203 configuration/datasets/sales.yaml:2:30']);
  });

  it('reports a variable one environment lacks once, as an unknown reference', () => {
    const environmentFiles = environmentsWith({ dv: { protect: false }, qa: { expiry: 3_600_000, protect: false }, np: { expiry: 3_600_000, protect: true }, pd: { expiry: 3_600_000, protect: true } });
    const result = compileFiles({ 'datasets/sales.yaml': dataset('${expiry}') }, { environmentFiles });
    expect(brief(errors(result))).toEqual(['GDP301 configuration/datasets/sales.yaml:2:30']);
    expect(errors(result)[0].environments).toEqual(['dv']);
  });

  it('keeps numbers as text inside a longer string', () => {
    const environmentFiles = environmentsWith({ dv: { expiry: 3_600_000, protect: false }, qa: { expiry: 3_600_000, protect: false }, np: { expiry: 3_600_000, protect: true }, pd: { expiry: 3_600_000, protect: true } });
    const result = compileFiles({ 'datasets/sales.yaml': 'confidentiality: c2\ndescription: "expires after ${expiry} ms"\n' }, { environmentFiles });
    expect(errors(result)).toEqual([]);
    expect(result.project.environments.get('dv')!.resolved.get('datasets/sales')).toMatchObject({ description: 'expires after 3600000 ms' });
  });
});
