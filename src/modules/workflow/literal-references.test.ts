import { compileFiles, errors } from '../../testing';

/** A workflow that starts another through its trigger URL. */
function starter(name: string, other: string): string {
  return [
    `workflow_name: ${name}`,
    'steps:',
    '  - start_other:',
    '      call: http.post',
    '      args:',
    `        url: \${workflows.${other}.trigger_url}`,
    '        auth: { type: OAuth2 }',
    `        body: { from: "\${workflows.${name}.name}" }`,
  ].join('\n');
}

describe('references to values gdp computes without the resource', () => {
  it('are not dependency edges: two workflows may start each other through their trigger URLs', () => {
    const result = compileFiles({ 'workflows/a.yaml': starter('a', 'b'), 'workflows/b.yaml': starter('b', 'a') });
    expect(errors(result)).toEqual([]);
    expect(result.project.graph.dependenciesOf('workflows/a')).toEqual([]);
    expect(result.project.graph.cycles()).toEqual([]);
  });

  it('leave real dependencies, and their cycles, as they are', () => {
    const result = compileFiles({
      'datasets/a.yaml': 'confidentiality: c1\ndescription: "see ${datasets.b.reference}"\n',
      'datasets/b.yaml': 'confidentiality: c1\ndescription: "see ${datasets.a.reference}"\n',
    });
    expect(errors(result).map((d) => `${d.code} ${d.message}`)).toEqual(['GDP306 dependency cycle: datasets/a → datasets/b → datasets/a']);
  });
});
