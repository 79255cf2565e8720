import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { brief, bundledEnvironments, compileFiles, errors, rawFile, SEED_CONFIG } from '../../testing';
import { stateMachineModule } from '.';

const FILE = 'configuration/statemachine/sm.yaml';
const at = (code: string, line: number, column: number, file = FILE): string => `${code} ${file}:${line}:${column}`;

/** A minimal workflow for the state machines to bind. */
const WORKFLOW = 'workflow_name: wf\nsteps:\n  - name: done\n    return: 1\n';

function compile(yaml: string, others: Record<string, string> = {}): ReturnType<typeof compileFiles> {
  return compileFiles({ 'workflows/wf.yaml': WORKFLOW, 'statemachine/sm.yaml': yaml, 'buckets/landing.yaml': 'description: "Files"\n', ...others });
}

const seed = (rel: string): string => readFileSync(path.join(SEED_CONFIG, rel), 'utf8');

describe('statemachine module: the users’ seed file', () => {
  it('compiles cleanly with its workflow', () => {
    // GIVEN the seed state machine unchanged, with the seed workflow and dataset it needs, in environments whose
    // project ids hold no "-" (the seed workflow's unquoted CALL is an error otherwise, see the workflow tests)
    const environmentFiles = bundledEnvironments().map((f) =>
      rawFile(f.relative, Buffer.from(f.bytes).toString('utf8').replace(/acme-data-([a-z]{2})/g, 'acmedata$1'), 'environments'),
    );
    const result = compileFiles(
      {
        'statemachine/transaction_trigger.yaml': seed('statemachine/transaction_trigger.yaml'),
        'workflows/process_transactions.yaml': seed('workflows/process_transactions.yaml'),
        'datasets/dataset.yaml': seed('datasets/dataset.yaml'),
      },
      { environmentFiles },
    );
    // THEN nothing is reported on it, and it is bound to its workflow
    expect(errors(result)).toEqual([]);
    expect(result.diagnostics.filter((d) => d.file.includes('statemachine/'))).toEqual([]);
    expect(result.project.lookup('statemachines', 'transaction_trigger')).toBeDefined();
    expect(result.project.graph.dependenciesOf('statemachines/transaction_trigger')).toEqual(['workflows/process_transactions_workflow']);
  });

  it('accepts its own example', () => {
    const result = compileFiles({
      'workflows/load_orders.yaml': 'workflow_name: load_orders\nsteps:\n  - name: done\n    return: 1\n',
      'statemachine/load_orders.yaml': stateMachineModule.example,
      'buckets/landing.yaml': 'description: "Files"\n',
    });
    expect(result.diagnostics).toEqual([]);
  });
});

describe('statemachine module: fields', () => {
  it('turns numbers and booleans of environment_variables into text', () => {
    const result = compile('workflow_name: wf\ntrigger_type: http\nenvironment_variables:\n  RETRIES: 3\n  DRY_RUN: false\n  MODE: full\n');
    expect(errors(result)).toEqual([]);
    const resolved = result.project.environments.get('dv')!.resolved.get('statemachines/sm') as { environment_variables: unknown };
    expect(resolved.environment_variables).toEqual({ RETRIES: '3', DRY_RUN: 'false', MODE: 'full' });
  });

  it('rejects an unknown trigger_type with a suggestion', () => {
    const result = compile('workflow_name: wf\ntrigger_type: htp\n');
    expect(brief(errors(result))).toEqual([at('GDP204', 2, 15)]);
    expect(errors(result)[0].message).toMatch(/http, file_arrival, schedule.*Did you mean "http"\?/);
  });

  it('rejects a workflow that is not declared, with a suggestion', () => {
    const result = compile('workflow_name: wff\ntrigger_type: http\n');
    expect(brief(errors(result))).toEqual([at('GDP308', 1, 16)]);
    expect(errors(result)[0].message).toMatch(/Did you mean "wf"\?/);
  });

  it('rejects a second state machine for the same workflow, naming the first file', () => {
    const result = compile('workflow_name: wf\ntrigger_type: http\n', { 'statemachine/another.yaml': 'workflow_name: wf\ntrigger_type: schedule\n' });
    expect(brief(errors(result))).toEqual([at('GDP560', 1, 16)]);
    expect(errors(result)[0].message).toContain('configuration/statemachine/another.yaml');
  });

  it('rejects a source bucket that is not a legal bucket name, and accepts a bucket reference', () => {
    const result = compile('workflow_name: wf\ntrigger_type: file_arrival\nsource_objects:\n  - bucket: Transaction_Data\n  - bucket: ${buckets.landing}\n    prefix: in/\n');
    expect(brief(errors(result))).toEqual([at('GDP561', 4, 13)]);
    expect(errors(result)[0].environments).toEqual(['dv', 'qa', 'np', 'pd']);
  });

  it('rejects a source object with an unknown field', () => {
    const result = compile('workflow_name: wf\ntrigger_type: http\nsource_objects:\n  - bucket: b-1\n    sufix: .csv\n');
    expect(brief(errors(result))).toEqual([at('GDP201', 5, 5)]);
    expect(errors(result)[0].message).toMatch(/Did you mean "suffix"\?/);
  });

  it('rejects environment variable names that Cloud Workflows reserves, and empty ones', () => {
    const result = compile('workflow_name: wf\ntrigger_type: http\nenvironment_variables:\n  GOOGLE_MODE: x\n  "": y\n  WORKFLOWS_X: z\n');
    expect(brief(errors(result))).toEqual([at('GDP562', 4, 3), at('GDP562', 5, 3), at('GDP562', 6, 3)]);
  });

  it('rejects more than 20 environment variables', () => {
    const vars = Array.from({ length: 21 }, (_, i) => `  V${i}: x\n`).join('');
    const result = compile(`workflow_name: wf\ntrigger_type: http\nenvironment_variables:\n${vars}`);
    expect(brief(errors(result))).toEqual([at('GDP563', 3, 1)]);
  });

  it('rejects a value over 4 KiB once resolved', () => {
    const result = compile(`workflow_name: wf\ntrigger_type: http\nenvironment_variables:\n  BIG: ${'x'.repeat(4090)}\${project}\n`);
    expect(brief(errors(result))).toEqual([at('GDP564', 4, 8)]);
  });

  it('rejects an environment variable without a value', () => {
    const result = compile('workflow_name: wf\ntrigger_type: http\nenvironment_variables:\n  EMPTY:\n');
    expect(brief(errors(result))).toEqual([at('GDP203', 4, 9)]);
  });
});
