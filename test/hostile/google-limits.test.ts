import { bundledEnvironments, compileFiles, errors, rawFile } from '../../src/testing';
import { SALES, compileClean, synthOne } from '../synth/helpers';

const WORKFLOW = (extra = ''): string =>
  ['workflow_name: load_orders', 'steps:', '  - name: init', '    assign:', '      - day: 1', extra, '  - name: done', '    return: $${day}'].join('\n');

const SCHEDULER = (schedule: string): string =>
  ['name: nightly', `schedule: "${schedule}"`, 'timezone: Europe/Paris', 'http_target:', '  uri: https://example.com/run', '  http_method: GET'].join('\n');

const codesOf = (files: Record<string, string>, environments: ('dv' | 'pd')[] = ['dv']): string[] =>
  errors(compileFiles(files, { environments })).map((d) => `${d.code} ${d.file}:${d.line}`);

describe('hostile input: limits Google enforces at deploy, checked at validate', () => {
  it('refuses a workflow source over 128 KB (Workflows quotas) and accepts one just under', () => {
    const big = (n: number): string => WORKFLOW(`      - text: "${'x'.repeat(n * 1000)}"`);
    const over = errors(compileFiles({ 'workflows/load_orders.yaml': big(140) }, { environments: ['dv'] }));
    const limit = over.find((d) => d.code === 'GDP208')!;
    expect(limit.message).toMatch(/at most 131,072 .*cloud.google.com\/workflows\/quotas/);
    expect(codesOf({ 'workflows/load_orders.yaml': big(120) })).toEqual([]);
  });

  it('refuses a dataset location that is not a BigQuery location, with a suggestion', () => {
    const result = errors(compileFiles({ 'datasets/sales.yaml': SALES.replace('location: eu', 'location: mars-north1') }, { environments: ['dv'] }));
    expect(result.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['GDP501 configuration/datasets/sales.yaml:3']);
    expect(codesOf({ 'datasets/sales.yaml': SALES.replace('location: eu', 'location: europe-west4') })).toEqual([]);
    expect(codesOf({ 'datasets/sales.yaml': SALES.replace('location: eu', 'location: EU') })).toEqual([]);
  });

  it('refuses an environment whose default BigQuery location does not exist', () => {
    const environmentFiles = bundledEnvironments().map((f) =>
      f.relative === 'pd.json' ? rawFile('pd.json', Buffer.from(f.bytes).toString('utf8').replace('"bigquery_location": "EU"', '"bigquery_location": "mars-north1"'), 'environments') : f,
    );
    const found = errors(compileFiles({}, { environmentFiles, environments: ['pd'] }));
    expect(found.map((d) => `${d.code} ${d.file}`)).toEqual(['GDP402 environments/pd.json']);
    expect(found[0].message).toContain('cloud.google.com/bigquery/docs/locations');
  });

  it('refuses a cron schedule that never fires (30 February) and keeps 29 February', () => {
    const never = errors(compileFiles({ 'triggers/schedulers/nightly.yaml': SCHEDULER('0 0 30 2 *') }, { environments: ['dv'] }));
    expect(never.map((d) => d.code)).toEqual(['GDP580']);
    expect(never[0].message).toContain('never fires');
    expect(codesOf({ 'triggers/schedulers/nightly.yaml': SCHEDULER('0 0 29 2 *') })).toEqual([]);
  });

  it('refuses NUL and other control characters in values and keys, raw or escaped, and keeps tabs and newlines', () => {
    const file = (description: string): Record<string, string> => ({ 'datasets/sales.yaml': `${SALES}friendly_name: ${description}\n` });
    expect(codesOf(file('"a\\0b"'))).toEqual(['GDP117 configuration/datasets/sales.yaml:5']);
    expect(codesOf(file('"bell \u0007 here"'))).toEqual(['GDP117 configuration/datasets/sales.yaml:5']);
    expect(codesOf({ 'datasets/sales.yaml': `${SALES}labels:\n  "k\\x1b": v\n` })).toEqual(['GDP117 configuration/datasets/sales.yaml:6']);
    expect(codesOf(file('"tab\\there\\nand a new line"'))).toEqual([]);
  });

  it('escapes ${ and %{ in workflow environment-variable keys (Terraform evaluates JSON keys too)', () => {
    const project = compileClean({
      'workflows/load_orders.yaml': WORKFLOW(),
      'statemachine/orders.yaml': 'workflow_name: load_orders\ntrigger_type: http\nenvironment_variables:\n  "A${x}": one\n  "B%{y}": two\n',
    });
    const workflow = synthOne(project, 'dv').resource!.google_workflows_workflow.workflow_load_orders;
    expect(Object.keys(workflow.user_env_vars as object).sort()).toEqual(['A$${x}', 'B%%{y}']);
  });
});
