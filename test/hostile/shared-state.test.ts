import { DiagnosticBag } from '../../src/core/diagnostics';
import { checkEnvironmentFiles } from '../../src/core/environment-files';
import { bundledEnvironments, compileFiles, errors, rawFile } from '../../src/testing';

/** The bundled environment files with `state` replaced in some of them. */
function environmentsWithState(states: Partial<Record<string, object>>) {
  return bundledEnvironments().map((f) => {
    const env = f.relative.replace('.json', '');
    const state = states[env];
    if (!state) return f;
    const json = JSON.parse(Buffer.from(f.bytes).toString('utf8')) as Record<string, unknown>;
    return rawFile(f.relative, JSON.stringify({ ...json, state }, null, 2), 'environments');
  });
}

describe('hostile input: environments sharing one Terraform state', () => {
  it('reports two files with the same bucket and prefix once, located, naming both files', () => {
    // GIVEN qa with the state of dv
    const environmentFiles = environmentsWithState({ qa: { bucket: 'acme-tfstate-dv', prefix: 'gdp/dv' } });
    // WHEN only pd is validated (the check covers every file present)
    const result = compileFiles({}, { environmentFiles, environments: ['pd'] });
    // THEN one error at qa's state, naming dv.json
    const found = errors(result).filter((d) => d.code === 'GDP407');
    expect(found).toHaveLength(1);
    const qaText = Buffer.from(environmentFiles.find((f) => f.relative === 'qa.json')!.bytes).toString('utf8');
    const stateLine = qaText.split('\n').findIndex((l) => l.includes('"state"')) + 1;
    expect(found[0]).toMatchObject({ file: 'environments/qa.json', line: stateLine, column: 12 });
    expect(found[0].message).toContain('environments/dv.json');
  });

  it('gives environments without a prefix distinct default prefixes that include the environment', () => {
    const environmentFiles = environmentsWithState({ dv: { bucket: 'shared' }, qa: { bucket: 'shared' } });
    const result = compileFiles({}, { environmentFiles, environments: ['dv', 'qa'] });
    expect(errors(result).filter((d) => d.code === 'GDP407')).toEqual([]);
    expect(result.project.environments.get('qa')!.env.state.prefix).toBeUndefined();
  });

  it('treats prefixes that differ only by slashes as the same state', () => {
    const environmentFiles = environmentsWithState({ np: { bucket: 'b-1', prefix: '/x/' }, pd: { bucket: 'b-1', prefix: 'x' } });
    const bag = new DiagnosticBag();
    checkEnvironmentFiles(environmentFiles, bag);
    expect(bag.sorted().map((d) => `${d.code} ${d.file}`)).toEqual(['GDP407 environments/pd.json']);
  });

  it('reports a file of the environments folder that is not an environment', () => {
    const bag = new DiagnosticBag();
    checkEnvironmentFiles([...bundledEnvironments(), rawFile('prod.json', '{}', 'environments')], bag);
    expect(bag.sorted().map((d) => `${d.code} ${d.severity} ${d.file}`)).toEqual(['GDP408 warning environments/prod.json']);
  });
});
