/**
 * Rendering real Terraform plans: a plan produced offline in this test with `terraform_data` resources
 * (create, update in place, replace through triggers_replace, delete, a sensitive value), read, rendered
 * and compared with gdp's offline classification.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStacks } from '../../src/plan/classify';
import { renderMarkdown } from '../../src/plan/render-markdown';
import { renderText } from '../../src/plan/render-text';
import { compareWithTerraform, readTerraformPlan } from '../../src/plan/terraform-plan';
import { PlanUsageError } from '../../src/plan/sides';
import { tempDir } from '../../src/testing';
import { COLUMNS, PROBE, PROBE_DATASET, planWorkspace, probeTable, workspace } from './helpers';

const TERRAFORM = process.env.GDP_TERRAFORM_BIN ?? '/usr/local/bin/terraform';

function terraform(cwd: string, args: string[]): string {
  return execFileSync(TERRAFORM, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The resources before and after, as Terraform JSON (terraform_data needs no provider download). */
const BEFORE = {
  keep: { input: 'same' },
  upd: { input: { a: 'one', b: ['x'] } },
  rep: { input: 'r', triggers_replace: ['v1'] },
  gone: { input: 'bye' },
  secret: { input: '${sensitive("hunter2-old")}' },
};
const AFTER = {
  keep: { input: 'same' },
  upd: { input: { a: 'two', b: ['x'] } },
  rep: { input: 'r', triggers_replace: ['v2'] },
  fresh: { input: 'hello' },
  secret: { input: '${sensitive("hunter2-new")}' },
};

/** Applies BEFORE, plans AFTER, returns `terraform show -json` of the plan (written to plan.json too). */
function realPlan(): { dir: string; json: string } {
  const dir = tempDir('gdp-plan-tf-');
  const write = (resources: object): void => fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ resource: { terraform_data: resources } }, null, 2));
  write(BEFORE);
  terraform(dir, ['init', '-input=false', '-no-color']);
  terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
  write(AFTER);
  terraform(dir, ['plan', '-out=plan.bin', '-input=false', '-no-color']);
  const json = terraform(dir, ['show', '-json', 'plan.bin']);
  fs.writeFileSync(path.join(dir, 'plan.json'), json);
  return { dir, json };
}

describe('Terraform plans (terraform show -json)', () => {
  let plan: { dir: string; json: string };
  beforeAll(() => {
    plan = realPlan();
  });

  it('reads every action of a real plan, with changed paths and replacement reasons', () => {
    // GIVEN a real plan WHEN read
    const facts = readTerraformPlan('plan.json', plan.json).facts;
    // THEN each resource has Terraform's action
    expect(Object.fromEntries(facts.map((f) => [f.address, f.action]))).toEqual({
      'terraform_data.fresh': 'create',
      'terraform_data.gone': 'destroy',
      'terraform_data.keep': 'unchanged',
      'terraform_data.rep': 'replace',
      'terraform_data.secret': 'update',
      'terraform_data.upd': 'update',
    });
    const byAddress = new Map(facts.map((f) => [f.address, f]));
    expect(byAddress.get('terraform_data.upd')!.attributes).toEqual([
      { path: 'input.a', change: 'changed', before: 'one', after: 'two', forcesReplacement: false },
      { path: 'output', change: 'changed', before: { a: 'one', b: ['x'] }, after: '(known after apply)', forcesReplacement: false },
    ]);
    expect(byAddress.get('terraform_data.rep')!.replaceReasons).toEqual(['triggers_replace forces replacement']);
    expect(byAddress.get('terraform_data.rep')!.attributes).toEqual([{ path: 'triggers_replace', change: 'changed', before: ['v1'], after: ['v2'], forcesReplacement: true }]);
  });

  it('hides sensitive values, also where Terraform does not carry the mark (terraform_data output)', () => {
    expect(plan.json).toMatch(/"output":"hunter2-old"/);
    const facts = readTerraformPlan('plan.json', plan.json).facts;
    const secret = facts.find((f) => f.address === 'terraform_data.secret')!;
    expect(JSON.stringify(secret)).not.toMatch(/hunter2/);
    expect(secret.before).toMatchObject({ input: '(sensitive)', output: '(sensitive)' });
    expect(secret.attributes).toEqual([
      { path: 'output', change: 'changed', before: '(sensitive)', after: '(known after apply)', forcesReplacement: false },
      { path: 'input', change: 'changed', before: '(sensitive)', after: '(sensitive)', forcesReplacement: false },
    ]);
  });

  it('lists where gdp’s offline classification disagrees with Terraform', () => {
    // gdp has no rules for terraform_data: it sees the triggers_replace change as an update.
    const offline = compareStacks({ resource: { terraform_data: BEFORE } }, { resource: { terraform_data: AFTER } });
    expect(Object.fromEntries(offline.map((f) => [f.address, f.action]))).toMatchObject({ 'terraform_data.rep': 'update', 'terraform_data.upd': 'update', 'terraform_data.keep': 'unchanged' });
    const disagreements = compareWithTerraform(offline, readTerraformPlan('plan.json', plan.json).facts);
    expect(disagreements).toEqual([{ address: 'terraform_data.rep', gdp: 'update', terraform: 'replace' }]);
  });

  it('renders the Terraform plan next to the offline plan with --terraform-plan, and never prints sensitive values', async () => {
    const run = await planWorkspace(workspace(), { environments: ['dv'], terraformPlans: [`dv=${path.join(plan.dir, 'plan.json')}`] });
    const tf = run.plan!.environments[0].terraform!;
    expect(tf.counts).toEqual({ create: 1, update: 2, replace: 1, destroy: 1, unchanged: 1 });
    expect(tf.terraformVersion).toMatch(/^1\.\d+\.\d+$/);
    // Every gdp resource is absent from this plan, and every terraform_data resource from gdp's stack.
    expect(tf.disagreements).toContainEqual({ address: 'terraform_data.rep', gdp: 'absent', terraform: 'replace' });
    expect(tf.disagreements).toContainEqual({ address: 'google_bigquery_dataset.dataset_sales', gdp: 'unchanged', terraform: 'absent' });
    const markdown = renderMarkdown(run.plan!);
    expect(markdown).toContain('| dv (Terraform plan) | 1 | 2 | 1 | 1 | 1 | — |');
    expect(markdown).toContain('- `triggers_replace`: ["v1"] → ["v2"] (forces replacement)');
    expect(markdown).toContain('**gdp and Terraform disagree (GDP826)**');
    expect(renderText(run.plan!)).toContain('  -/+ terraform_data.rep (replace)');
    expect(markdown + renderText(run.plan!)).not.toMatch(/hunter2/);
  });

  it('applies the risk rules and the data-loss rule to Terraform plans too', async () => {
    // A plan (in the shape terraform show -json writes) that replaces a table whose state has deletion_protection.
    const table = { dataset_id: 'd', table_id: 'probe_v1', deletion_protection: true, schema: '[{"name":"a","type":"STRING"}]' };
    const json = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      resource_changes: [
        {
          address: PROBE,
          mode: 'managed',
          type: 'google_bigquery_table',
          name: 'table_probe_v1',
          change: { actions: ['delete', 'create'], before: table, after: { ...table, schema: '[{"name":"a","type":"INTEGER"}]' }, after_unknown: { id: true }, replace_paths: [['schema']] },
        },
      ],
    });
    const ws = workspace({ both: { 'datasets/probe.yaml': PROBE_DATASET, 'tables/probe_v1.yaml': probeTable(COLUMNS) } });
    fs.writeFileSync(path.join(ws.root, 'pd.json'), json);
    const run = await planWorkspace(ws, { environments: ['pd'], terraformPlans: ['pd=pd.json'] });
    const change = run.plan!.environments[0].terraform!.changes[0];
    expect(change.risks.map((r) => r.code)).toEqual(['GDP810', 'GDP815']);
    expect(change.schema?.columns.map((c) => `${c.column} ${c.change}`)).toEqual(['a type']);
    expect(change.blocked).toBe(true);
    expect(run.exitCode).toBe(1);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['GDP805']);
    // The plan lists only the table, so gdp's other resources show as absent from it.
    expect(run.plan!.environments[0].terraform!.disagreements).toContainEqual({ address: PROBE, gdp: 'unchanged', terraform: 'replace' });
  });

  it('rejects a file that is not a plan, and an environment that is not planned', async () => {
    expect(() => readTerraformPlan('x.json', '{"resource_changes": 3}')).toThrow(PlanUsageError);
    expect(() => readTerraformPlan('x.json', 'nope')).toThrow(/x.json is not JSON/);
    await expect(planWorkspace(workspace(), { environments: ['dv'], terraformPlans: [`pd=${path.join(plan.dir, 'plan.json')}`] })).rejects.toThrow(/pd is not among the planned environments/);
    await expect(planWorkspace(workspace(), { terraformPlans: ['dv'] })).rejects.toThrow(/is not <env>=<file>/);
  });
});
