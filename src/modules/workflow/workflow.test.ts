import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../../core/diagnostics';
import { brief, bundledEnvironments, compileFiles, errors, rawFile, SEED_CONFIG } from '../../testing';
import { datasetModule } from '../dataset';
import { procedureModule } from '../procedure';
import { tableModule } from '../table';
import { workflowModule } from '.';

const FILE = 'configuration/workflows/wf.yaml';
const at = (code: string, line: number, column: number): string => `${code} ${FILE}:${line}:${column}`;

/** Compiles one workflow file `workflows/wf.yaml` (plus optional other files). */
function compile(yaml: string, others: Record<string, string> = {}): ReturnType<typeof compileFiles> {
  return compileFiles({ 'workflows/wf.yaml': yaml, ...others });
}

/** A workflow named wf whose steps start on line 3. */
function steps(body: string): string {
  return `workflow_name: wf\nsteps:\n${body}`;
}

function warnings(result: ReturnType<typeof compileFiles>): Diagnostic[] {
  return result.diagnostics.filter((d) => d.severity === 'warning');
}

/** The bundled environments with project ids without "-" (BigQuery accepts those unquoted). */
function environmentsWithoutDash(): ReturnType<typeof bundledEnvironments> {
  return bundledEnvironments().map((f) =>
    rawFile(f.relative, Buffer.from(f.bytes).toString('utf8').replace(/acme-data-([a-z]{2})/g, 'acmedata$1'), 'environments'),
  );
}

const seed = (rel: string): string => readFileSync(path.join(SEED_CONFIG, rel), 'utf8');

describe('workflow module: the users’ seed file', () => {
  const files = {
    'workflows/process_transactions.yaml': seed('workflows/process_transactions.yaml'),
    'datasets/dataset.yaml': seed('datasets/dataset.yaml'),
  };

  it('compiles without errors when the project ids hold no "-", warning about jobs.query running a CALL', () => {
    // GIVEN the seed workflow unchanged, with its dataset WHEN compiled in environments whose project ids have no dash
    const result = compileFiles(files, { environmentFiles: environmentsWithoutDash() });
    // THEN there is no error, and one warning on the jobs.query call
    expect(errors(result)).toEqual([]);
    expect(brief(warnings(result))).toEqual(['GDP554 configuration/workflows/process_transactions.yaml:17:11']);
  });

  it('says once, for every environment whose project id holds a "-", that the unquoted CALL path is deployed quoted', () => {
    const result = compileFiles(files);
    expect(errors(result)).toEqual([]);
    const e = result.diagnostics.find((d) => d.code === 'GDP555')!;
    expect(brief([e])).toEqual(['GDP555 configuration/workflows/process_transactions.yaml:21:16']);
    expect(e.severity).toBe('info');
    expect(e.environments).toEqual(['dv', 'qa', 'np', 'pd']);
    expect(e.message).toBe('the path of "load_transactions" names its project without backticks; gdp quotes it in the deployed SQL (`project.dataset.load_transactions`)');
    expect(e.hint).toContain('${procedures["load_transactions"].reference}');
  });

  it('exposes name, id, trigger_url, region and service_account per environment', () => {
    const result = compileFiles(files);
    const entity = result.project.lookup('workflows', 'process_transactions_workflow')!;
    const dv = result.project.environments.get('dv')!.env;
    expect(workflowModule.environment!.attributes!(entity as never, { env: dv, lookup: result.project.lookup, all: result.project.all })).toEqual({
      name: 'acme-wkf-process_transactions_workflow-ew4-dv',
      id: 'projects/acme-data-dv/locations/europe-west4/workflows/acme-wkf-process_transactions_workflow-ew4-dv',
      trigger_url:
        'https://workflowexecutions.googleapis.com/v1/projects/acme-data-dv/locations/europe-west4/workflows/acme-wkf-process_transactions_workflow-ew4-dv/executions',
      region: 'europe-west4',
      service_account: 'acme-sa-workflows-dv@acme-data-dv.iam.gserviceaccount.com',
    });
  });
});

describe('workflow module: accepted forms', () => {
  const full = `workflow_name: full
params: [args]
steps:
  - name: init
    assign:
      - items: [1, 2]
      - total: 0
  - native_step:
      call: helper
      args:
        a: 1
      result: r
  - name: guarded
    try:
      call: http.get
      args:
        url: https://example.com
      result: resp
    retry: $\${http.default_retry}
    except:
      as: e
      steps:
        - name: on_error
          switch:
            - condition: $\${e.code == 404}
              next: done
            - condition: true
              raise: $\${e}
  - name: loop
    for:
      value: item
      index: i
      in: $\${items}
      steps:
        - name: add
          assign:
            - total: $\${total + item}
        - stop:
            switch:
              - condition: $\${total > 10}
                next: break
  - name: fan_out
    parallel:
      shared: [total]
      concurrency_limit: 2
      exception_policy: continueAll
      branches:
        - name: left
          steps:
            - name: left_log
              call: sys.log
              args:
                data: left
        - right:
            steps:
              - right_log:
                  call: sys.log
                  args:
                    data: right
  - name: fan_for
    parallel:
      for:
        value: x
        in: [1, 2]
        steps:
          - name: each
            next: continue
  - name: group
    steps:
      - name: inner
        next: done
  - name: done
    return: $\${total}
subworkflows:
  helper:
    params: [a, b: 2]
    steps:
      - name: init
        return: $\${a + b}
`;

  it('accepts users’ and native steps mixed, at every depth, with subworkflows', () => {
    const result = compileFiles({ 'workflows/full.yaml': full });
    expect(result.diagnostics).toEqual([]);
    expect(result.project.lookup('workflows', 'full')).toBeDefined();
  });

  it('accepts its own example, beside the procedure it calls', () => {
    const result = compileFiles({
      'workflows/load_orders.yaml': workflowModule.example,
      'sql-scripts/sprocs/load_orders.yaml': procedureModule.example,
      'tables/orders_v2.yaml': tableModule.example,
      'datasets/sales.yaml': datasetModule.example,
    });
    expect(errors(result)).toEqual([]);
    expect(result.diagnostics.filter((d) => d.file.endsWith('workflows/load_orders.yaml'))).toEqual([]);
    expect(result.project.lookup('workflows', 'load_orders')).toBeDefined();
  });

  it('uses a literal service account email as the service_account attribute', () => {
    const result = compile(steps('  - name: a\n    return: 1\n').replace('steps:', 'service_account: runner@other-project.iam.gserviceaccount.com\nsteps:'));
    expect(errors(result)).toEqual([]);
    const entity = result.project.lookup('workflows', 'wf')!;
    const pd = result.project.environments.get('pd')!.env;
    expect(workflowModule.environment!.attributes!(entity as never, { env: pd, lookup: result.project.lookup, all: result.project.all }).service_account).toBe('runner@other-project.iam.gserviceaccount.com');
  });
});

describe('workflow module: file fields', () => {
  it('rejects a workflow_name with characters other than letters, digits and "_"', () => {
    const result = compile('workflow_name: my-flow\nsteps:\n  - name: a\n    return: 1\n');
    expect(brief(errors(result))).toEqual([at('GDP206', 1, 16)]);
  });

  it('rejects a workflow_name whose generated name exceeds 64 characters', () => {
    const result = compile(`workflow_name: ${'w'.repeat(50)}\nsteps:\n  - name: a\n    return: 1\n`);
    expect(brief(errors(result))).toEqual([at('GDP403', 1, 16)]);
  });

  it('rejects a description over 1000 characters', () => {
    const result = compile(`workflow_name: wf\ndescription: ${'x'.repeat(1001)}\nsteps:\n  - name: a\n    return: 1\n`);
    expect(brief(errors(result))).toEqual([at('GDP205', 2, 14)]);
  });

  it('rejects an unknown call_log_level with a suggestion', () => {
    const result = compile('workflow_name: wf\ncall_log_level: LOG_ERROR_ONLY\nsteps:\n  - name: a\n    return: 1\n');
    expect(brief(errors(result))).toEqual([at('GDP204', 2, 17)]);
    expect(errors(result)[0].message).toMatch(/Did you mean "LOG_ERRORS_ONLY"\?/);
  });

  it('rejects two parameters for main at the second one', () => {
    const result = compile('workflow_name: wf\nparams: [a, b]\nsteps:\n  - name: a\n    return: 1\n');
    expect(brief(errors(result))).toEqual([at('GDP556', 2, 13)]);
  });

  it('rejects a subworkflow parameter mapping with two keys', () => {
    const result = compile(steps('  - name: a\n    return: 1\nsubworkflows:\n  sub:\n    params: [{a: 1, b: 2}]\n    steps:\n      - name: x\n        return: 1\n'));
    expect(brief(errors(result))).toEqual([at('GDP556', 7, 14)]);
  });

  it('rejects a subworkflow named main', () => {
    const result = compile(steps('  - name: a\n    return: 1\nsubworkflows:\n  main:\n    steps:\n      - name: x\n        return: 1\n'));
    expect(brief(errors(result))).toEqual([at('GDP557', 6, 3)]);
  });

  it('rejects a service_account that is not an email', () => {
    const result = compile('workflow_name: wf\nservice_account: workflows-runner\nsteps:\n  - name: a\n    return: 1\n');
    expect(brief(errors(result))).toEqual([at('GDP559', 2, 18)]);
  });
});

describe('workflow module: step shape', () => {
  it('rejects a nested step that is not a mapping', () => {
    const result = compile(steps('  - name: g\n    steps:\n      - just_text\n'));
    expect(brief(errors(result))).toEqual([at('GDP540', 5, 9)]);
  });

  it('explains a native step whose fields are not indented under its name', () => {
    const result = compile(steps('  - a:\n    call: sys.log\n'));
    expect(brief(errors(result))).toEqual([at('GDP540', 3, 5)]);
    expect(errors(result)[0].message).toMatch(/not indented/);
  });

  it('rejects a step without a name', () => {
    const result = compile(steps('  - call: sys.log\n    args: {}\n'));
    expect(brief(errors(result))).toEqual([at('GDP540', 3, 5)]);
  });

  it('suggests the right spelling of an unknown step field', () => {
    const result = compile(steps('  - name: a\n    call: sys.log\n    arg:\n      data: x\n'));
    expect(brief(errors(result))).toEqual([at('GDP541', 5, 5)]);
    expect(errors(result)[0].message).toMatch(/Did you mean "args"\?/);
  });

  it('rejects a step that both calls and switches, at the second action', () => {
    const result = compile(steps('  - name: a\n    call: sys.log\n    switch:\n      - condition: true\n        next: end\n'));
    expect(brief(errors(result))).toEqual([at('GDP542', 5, 5)]);
  });

  it('rejects a step with nothing to do', () => {
    expect(brief(errors(compile(steps('  - a: {}\n'))))).toEqual([at('GDP543', 3, 5)]);
    expect(brief(errors(compile(steps('  - name: a\n'))))).toEqual([at('GDP543', 3, 11)]);
  });

  it('rejects args without call', () => {
    const result = compile(steps('  - name: a\n    args:\n      x: 1\n'));
    expect(brief(errors(result))).toEqual([at('GDP543', 4, 5)]);
  });

  it('rejects a step name used twice in the workflow, even in a nested block', () => {
    const result = compile(steps('  - name: a\n    next: b\n  - b:\n      steps:\n        - name: a\n          return: 1\n'));
    expect(brief(errors(result))).toEqual([at('GDP544', 7, 17)]);
    expect(errors(result)[0].message).toMatch(/steps\[0\]\.name/);
  });

  it('warns about next after return', () => {
    const result = compile(steps('  - name: a\n    return: 1\n    next: b\n  - name: b\n    return: 2\n'));
    expect(errors(result)).toEqual([]);
    expect(brief(warnings(result))).toEqual([at('GDP558', 5, 5)]);
  });
});

describe('workflow module: jumps', () => {
  it('suggests the closest step name for an unknown next', () => {
    const result = compile(steps('  - name: first\n    next: secnd\n  - name: second\n    return: 1\n'));
    expect(brief(errors(result))).toEqual([at('GDP545', 4, 11)]);
    expect(errors(result)[0].message).toMatch(/Did you mean "second"\?/);
  });

  it('rejects break outside a for loop', () => {
    const result = compile(steps('  - name: a\n    next: break\n'));
    expect(brief(errors(result))).toEqual([at('GDP545', 4, 11)]);
  });

  it('rejects a jump into a nested block', () => {
    const result = compile(steps('  - name: a\n    next: inner\n  - name: g\n    steps:\n      - name: inner\n        return: 1\n'));
    expect(brief(errors(result))).toEqual([at('GDP545', 4, 11)]);
    expect(errors(result)[0].message).toMatch(/inside another block/);
  });

  it('rejects a jump out of a for loop', () => {
    const yaml = steps(
      '  - name: loop\n    for:\n      value: x\n      in: [1, 2]\n      steps:\n        - name: body\n          next: after\n  - name: after\n    return: 1\n',
    );
    expect(brief(errors(compile(yaml)))).toEqual([at('GDP545', 9, 17)]);
  });
});

describe('workflow module: actions', () => {
  it('rejects an assignment with two keys', () => {
    const result = compile(steps('  - name: a\n    assign:\n      - x: 1\n        y: 2\n'));
    expect(brief(errors(result))).toEqual([at('GDP546', 5, 9)]);
  });

  it('rejects more than 50 assignments in one step, at the 51st', () => {
    const items = Array.from({ length: 51 }, (_, i) => `      - v${i}: ${i}\n`).join('');
    const result = compile(steps(`  - name: a\n    assign:\n${items}`));
    expect(brief(errors(result))).toEqual([at('GDP546', 55, 9)]);
  });

  it('rejects a switch condition without condition', () => {
    const result = compile(steps('  - name: a\n    switch:\n      - next: end\n'));
    expect(brief(errors(result))).toEqual([at('GDP547', 5, 9)]);
  });

  it('rejects a condition that is neither an expression nor a boolean', () => {
    const result = compile(steps('  - name: a\n    switch:\n      - condition: always\n        next: end\n'));
    expect(brief(errors(result))).toEqual([at('GDP547', 5, 20)]);
  });

  it('rejects more than 50 switch conditions, at the 51st', () => {
    const items = Array.from({ length: 51 }, () => '      - condition: true\n        next: end\n').join('');
    const result = compile(steps(`  - name: a\n    switch:\n${items}`));
    expect(brief(errors(result))).toEqual([at('GDP547', 105, 9)]);
  });

  it('rejects try without retry or except', () => {
    const result = compile(steps('  - name: a\n    try:\n      call: sys.log\n'));
    expect(brief(errors(result))).toEqual([at('GDP548', 4, 5)]);
  });

  it('rejects a retry policy without predicate', () => {
    const result = compile(steps('  - name: a\n    try:\n      call: sys.log\n    retry:\n      max_retries: 3\n'));
    expect(brief(errors(result))).toEqual([at('GDP548', 6, 5)]);
  });

  it('rejects except without as', () => {
    const result = compile(steps('  - name: a\n    try:\n      call: sys.log\n    except:\n      steps:\n        - name: b\n          return: 1\n'));
    expect(brief(errors(result))).toEqual([at('GDP548', 6, 5)]);
  });

  it('rejects a for loop with both in and range', () => {
    const result = compile(
      steps('  - name: loop\n    for:\n      value: x\n      in: [1]\n      range: [1, 2]\n      steps:\n        - name: b\n          return: 1\n'),
    );
    expect(brief(errors(result))).toEqual([at('GDP549', 7, 7)]);
  });

  it('rejects a for loop without value', () => {
    const result = compile(steps('  - name: loop\n    for:\n      in: [1]\n      steps:\n        - name: b\n          return: 1\n'));
    expect(brief(errors(result))).toEqual([at('GDP549', 4, 5)]);
  });

  it('suggests continueAll for a misspelt exception_policy', () => {
    const result = compile(
      steps('  - name: p\n    parallel:\n      exception_policy: continueall\n      branches:\n        - name: b\n          steps:\n            - name: x\n              return: 1\n'),
    );
    expect(brief(errors(result))).toEqual([at('GDP550', 5, 25)]);
    expect(errors(result)[0].message).toMatch(/Did you mean "continueAll"\?/);
  });

  it('rejects more than 10 branches, at the 11th', () => {
    const branches = Array.from({ length: 11 }, (_, i) => `        - name: b${i}\n          steps:\n            - name: x${i}\n              return: ${i}\n`).join('');
    const result = compile(steps(`  - name: p\n    parallel:\n      branches:\n${branches}`));
    expect(brief(errors(result))).toEqual([at('GDP550', 46, 11)]);
  });

  it('rejects parallel steps nested three deep', () => {
    const yaml = steps(`  - name: p1
    parallel:
      branches:
        - name: b1
          steps:
            - name: p2
              parallel:
                branches:
                  - name: b2
                    steps:
                      - name: p3
                        parallel:
                          branches:
                            - name: b3
                              steps:
                                - name: leaf
                                  return: 1
`);
    expect(brief(errors(compile(yaml)))).toEqual([at('GDP550', 14, 25)]);
  });

  it('rejects a call to an unknown subworkflow with a suggestion', () => {
    const result = compile(steps('  - name: a\n    call: helpr\nsubworkflows:\n  helper:\n    steps:\n      - name: x\n        return: 1\n'));
    expect(brief(errors(result))).toEqual([at('GDP552', 4, 11)]);
    expect(errors(result)[0].message).toMatch(/Did you mean "helper"\?/);
  });

  it('rejects args that are not a mapping and a result that is not a variable name', () => {
    const result = compile(steps('  - name: a\n    call: sys.log\n    args: [1]\n    result: 3x\n'));
    expect(brief(errors(result))).toEqual([at('GDP553', 5, 11), at('GDP553', 6, 13)]);
  });
});

describe('workflow module: expressions and embedded SQL', () => {
  it('rejects a run-time expression over 400 characters, at its $${', () => {
    const result = compile(steps(`  - name: a\n    return: \${project}-$\${"${'a'.repeat(400)}"}\n`));
    expect(brief(errors(result))).toEqual([at('GDP551', 4, 24)]);
    expect(errors(result)[0].message).toMatch(/402 characters/);
  });

  it('does not warn when jobs.insert runs a CALL, nor flag backtick-quoted paths', () => {
    const result = compile(
      steps(`  - name: a
    call: googleapis.bigquery.v2.jobs.insert
    args:
      projectId: \${project}
      body:
        configuration:
          query:
            query: CALL \`\${project}.sales.load\`(); SELECT * FROM \`\${project}.sales.orders\`
`),
    );
    expect(result.diagnostics).toEqual([]);
  });

  it('quotes unquoted dashed project paths of routines and tables, with one info each', () => {
    const result = compile(
      steps(`  - name: a
    call: googleapis.bigquery.v2.jobs.insert
    args:
      body:
        configuration:
          query:
            query: SELECT \${project}.sales.to_eur(amount) FROM \${project}.sales.orders
`),
    );
    const infos = result.diagnostics.filter((d) => d.code === 'GDP555');
    expect(brief(infos)).toEqual([at('GDP555', 9, 20), at('GDP555', 9, 20)]);
    expect(infos.map((d) => d.message.split(';')[0])).toEqual(['the path of "orders" names its project without backticks', 'the path of "to_eur" names its project without backticks']);
  });
});
