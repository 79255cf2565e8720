import { brief, compileFiles, errors } from '../../testing';

const FILE = 'configuration/workflows/wf.yaml';

describe('workflow module: a ${name} that is both a gdp built-in and a workflow variable', () => {
  it('reports one located error, for every environment, naming both meanings and how to write each', () => {
    // GIVEN a sample that assigns location and reads ${location} (gdp would deploy the BigQuery location)
    const result = compileFiles({
      'workflows/wf.yaml': [
        'workflow_name: wf',
        'steps:',
        '  - init:',
        '      assign:',
        '        - location: "us-central1"',
        '  - done:',
        '      return: ${location}',
      ].join('\n'),
    });
    // THEN one error at the ${ of line 7, listing all four environments once
    expect(brief(errors(result))).toEqual([`GDP610 ${FILE}:7:15`]);
    const [d] = errors(result);
    expect(d.message).toBe(
      '${location} is ambiguous: it is gdp\'s built-in location (the environment\'s BigQuery location), replaced when gdp deploys, and also the variable "location" of main (line 5), read at run time',
    );
    expect(d.hint).toContain('write $${location}');
    expect(d.hint).toContain('rename the variable');
  });

  it('covers parameters and loop variables of subworkflows', () => {
    const result = compileFiles({
      'workflows/wf.yaml': [
        'workflow_name: wf',
        'steps:',
        '  - go:',
        '      call: sub',
        '      args: { project: p }',
        'subworkflows:',
        '  sub:',
        '    params: [project]',
        '    steps:',
        '      - loop:',
        '          for:',
        '            value: env',
        '            in: [a, b]',
        '            steps:',
        '              - log:',
        '                  call: sys.log',
        '                  args: { data: "${env} in ${project}" }',
      ].join('\n'),
    });
    expect(brief(errors(result))).toEqual([`GDP610 ${FILE}:17:34`, `GDP610 ${FILE}:17:44`]);
    expect(errors(result).map((d) => d.message.replace(/ \(.*?\)/g, ''))).toEqual([
      '${env} is ambiguous: it is gdp\'s built-in env, replaced when gdp deploys, and also the loop variable "env" of subworkflow sub, read at run time',
      '${project} is ambiguous: it is gdp\'s built-in project, replaced when gdp deploys, and also the parameter "project" of subworkflow sub, read at run time',
    ]);
  });

  it('accepts the escaped run-time form and built-ins that no variable shadows', () => {
    const result = compileFiles({
      'workflows/wf.yaml': [
        'workflow_name: wf',
        'steps:',
        '  - init:',
        '      assign:',
        '        - location: "us-central1"',
        '        - where: ${region}',
        '  - done:',
        '      return: $${location + where}',
      ].join('\n'),
    });
    expect(errors(result)).toEqual([]);
  });

  it('covers environment variables too, reported once for the environments that define them', () => {
    const result = compileFiles({
      'workflows/wf.yaml': ['workflow_name: wf', 'steps:', '  - init:', '      assign:', '        - external_table_reference: "x"', '  - done:', '      return: ${external_table_reference}'].join('\n'),
    });
    expect(brief(errors(result))).toEqual([`GDP610 ${FILE}:7:15`]);
    expect(errors(result)[0].message).toMatch(/^\$\{external_table_reference\} is ambiguous: it is gdp's external_table_reference \(an environment variable/);
    expect(errors(result)[0].environments).toEqual(['dv', 'qa', 'np', 'pd']);
  });
});
