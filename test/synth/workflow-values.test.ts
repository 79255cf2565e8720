import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isScalar, parseDocument, visit } from 'yaml';
import { brief, compileFiles, errors, SEED_CONFIG } from '../../src/testing';
import { compileClean, synthOne } from './helpers';

/** source_contents as Cloud Workflows receives it (Terraform turns `$${` into `${`). */
function deployedSource(files: Record<string, string>): string {
  const stack = synthOne(compileClean(files), 'dv');
  const workflow = stack.resource?.google_workflows_workflow?.workflow_wf as { source_contents: string };
  return workflow.source_contents.split('$${').join('${');
}

/** Every scalar of a YAML 1.1 text as `path = type:value` (int and double told apart by their source). */
function typedScalars(text: string): string[] {
  const out: string[] = [];
  visit(parseDocument(text, { version: '1.1' }), {
    Scalar(key, node, path) {
      if (key === 'key') return;
      const where = path.filter((p) => !isScalar(p)).length;
      const type = typeof node.value === 'number' ? (/[.eE]/.test(node.source ?? '') ? 'double' : 'int') : node.value === null ? 'null' : typeof node.value;
      out.push(`${where}:${type}:${String(node.value)}`);
    },
  });
  return out;
}

describe('workflow synthesis: the deployed source is what was written', () => {
  const wf = [
    'workflow_name: wf',
    'steps:',
    '  - init:',
    '      assign:',
    '        - m: {}',
    '        - m["$${sys.get_env(\\"K\\")}"]: 1',
    '        - nested:',
    '            $${"key_" + string(2)}: $${2.0 * 3}',
    '            ${env}_fixed: gdp',
    '        - ratio: 2.0',
    '        - timeout: 60.0',
    '        - big: 1e3',
    '        - count: 2',
    '        - when: "2024-01-01T00:00:00Z"',
    '        - dot: "."',
    '        - yes_text: "yes"',
    '        - octal: "0755"',
    '        - flag: true',
    '        - nothing: null',
    '  - done:',
    '      return: $${nested}',
  ].join('\n');

  it('unescapes and resolves mapping keys like values ($${...} is a dynamic key)', () => {
    const doc = parseDocument(deployedSource({ 'workflows/wf.yaml': wf }), { version: '1.1' }).toJS() as { main: { steps: { init: { assign: Record<string, unknown>[] } }[] } };
    const assign = doc.main.steps[0].init.assign;
    expect(Object.keys(assign[1])).toEqual(['m["${sys.get_env(\\"K\\")}"]']);
    expect(assign[2]).toEqual({ nested: { '${"key_" + string(2)}': '${2.0 * 3}', dv_fixed: 'gdp' } });
  });

  it('keeps doubles as doubles, and the quotes a YAML 1.1 reader needs', () => {
    const source = deployedSource({ 'workflows/wf.yaml': wf });
    expect(source).toContain('- ratio: 2.0\n');
    expect(source).toContain('- timeout: 60.0\n');
    expect(source).toContain('- big: 1000.0\n');
    expect(source).toContain('- count: 2\n');
    const scalars = typedScalars(source);
    for (const expected of ['double:2', 'double:60', 'double:1000', 'int:2', 'string:2024-01-01T00:00:00Z', 'string:.', 'string:yes', 'string:0755', 'boolean:true', 'null:null']) {
      expect(scalars.some((s) => s.endsWith(`:${expected}`))).toBe(true);
    }
  });

  it('reports a gdp reference in a key that gdp cannot resolve, once, at the key', () => {
    const result = compileFiles({
      'workflows/wf.yaml': ['workflow_name: wf', 'steps:', '  - init:', '      assign:', '        - m:', '            ${nope}_key: 1', '  - done:', '      return: $${m}'].join('\n'),
    });
    expect(brief(errors(result))).toEqual(['GDP301 configuration/workflows/wf.yaml:6:13']);
    expect(errors(result)[0].environments).toEqual(['dv', 'qa', 'np', 'pd']);
  });

  it('deploys the seed workflow\'s unquoted CALL with its dashed project path in backticks', () => {
    const seed = (rel: string): string => readFileSync(path.join(SEED_CONFIG, rel), 'utf8');
    const project = compileClean({ 'workflows/process_transactions.yaml': seed('workflows/process_transactions.yaml'), 'datasets/dataset.yaml': seed('datasets/dataset.yaml') });
    const stack = synthOne(project, 'dv');
    const source = (stack.resource?.google_workflows_workflow?.workflow_process_transactions_workflow as { source_contents: string }).source_contents;
    expect(source).toContain('query: CALL `acme-data-dv.acme_c2_dataset_eu_dv.load_transactions`()');
  });
});
