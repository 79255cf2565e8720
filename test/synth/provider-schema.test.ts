import * as fs from 'node:fs';
import * as path from 'node:path';
import { FACTORY_TYPES, DATA_SOURCE_FACTORIES, DATA_SOURCE_TYPES, RESOURCE_TYPES } from '../../src/synth/cdk';
import { SynthOutputError, checkStack, installedProviderSchema } from '../../src/synth/check/check-output';
import { deriveProviderSchema, formatProviderSchema, readProviderAssembly } from '../../src/synth/check/derive-schema';
import { unescapedTemplate } from '../../src/synth/check/templates';
import { ROOT } from '../../src/testing';
import { compileClean, SALES, synthOne } from './helpers';

const schema = installedProviderSchema();

/** A minimal valid stack around one resource body. */
function stackWith(type: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return { resource: { [type]: { x: body }, ...extra } };
}

describe('provider schema', () => {
  it('is the committed file re-derived from the installed bindings’ jsii assembly', () => {
    // GIVEN the 95 MB assembly WHEN derived again THEN byte-identical to src/synth/provider-schema.json
    const derived = formatProviderSchema(deriveProviderSchema(readProviderAssembly()));
    expect(derived).toBe(fs.readFileSync(path.join(ROOT, 'src/synth/provider-schema.json'), 'utf8'));
    expect(Buffer.byteLength(derived)).toBeLessThan(30_000);
  });

  it('covers exactly the types the adapter has factories for', () => {
    const factoryTypes = Object.entries(FACTORY_TYPES)
      .filter(([k]) => !DATA_SOURCE_FACTORIES.includes(k))
      .map(([, t]) => t)
      .sort();
    expect(factoryTypes).toEqual([...RESOURCE_TYPES].sort());
    expect(Object.keys(schema.resources)).toEqual([...RESOURCE_TYPES].sort());
    expect(Object.keys(schema.dataSources)).toEqual([...DATA_SOURCE_TYPES]);
    expect(schema.terraformProvider).toBe('hashicorp/google 6.50.0');
  });

  it('knows required attributes, nested block shapes and documented enums', () => {
    expect(schema.resources.google_bigquery_dataset.required).toEqual(['dataset_id']);
    expect(schema.resources.google_bigquery_table.blocks?.time_partitioning).toMatchObject({ nesting: 'single', required: ['type'] });
    expect(schema.resources.google_eventarc_trigger.blocks?.matching_criteria).toMatchObject({ nesting: 'list', required: ['attribute', 'value'] });
    expect(schema.resources.google_workflows_workflow.enums?.call_log_level).toEqual(['CALL_LOG_LEVEL_UNSPECIFIED', 'LOG_ALL_CALLS', 'LOG_ERRORS_ONLY', 'LOG_NONE']);
  });
});

describe('output check', () => {
  it('passes real output', () => {
    const stack = synthOne(compileClean({ 'datasets/sales.yaml': SALES }));
    expect(checkStack(stack, schema)).toEqual([]);
  });

  it('names the address and path of an unknown attribute, a missing required one, a bad enum value and a wrong block shape', () => {
    // GIVEN hand-made bad resources
    const stack = {
      resource: {
        google_bigquery_dataset: { bad: { dataset_id: 'd', deletion_protection: true } },
        google_bigquery_table: { t: { dataset_id: 'd', time_partitioning: [{ type: 'DAY' }] } },
        google_bigquery_routine: { r: { dataset_id: 'd', routine_id: 'r', definition_body: 'x', routine_type: 'PROCEDUR', language: 'SQL' } },
        google_eventarc_trigger: {
          e: { name: 'n', location: 'eu', destination: { workflow: 'w' }, matching_criteria: { attribute: 'type', value: 'v' } },
        },
      },
    };
    // WHEN / THEN
    expect(checkStack(stack, schema)).toEqual([
      { address: 'google_bigquery_dataset.bad', path: 'deletion_protection', message: 'unknown attribute "deletion_protection"' },
      { address: 'google_bigquery_table.t', path: 'table_id', message: 'required attribute "table_id" is missing' },
      { address: 'google_bigquery_table.t', path: 'time_partitioning', message: 'block "time_partitioning" must be one object' },
      {
        address: 'google_bigquery_routine.r',
        path: 'routine_type',
        message: '"PROCEDUR" is not one of the documented values SCALAR_FUNCTION, PROCEDURE, TABLE_VALUED_FUNCTION',
      },
      { address: 'google_eventarc_trigger.e', path: 'matching_criteria', message: 'block "matching_criteria" must be a list of objects' },
    ]);
  });

  it('checks nested blocks, unknown types, data sources and depends_on targets', () => {
    const stack = {
      resource: {
        google_cloud_scheduler_job: { j: { name: 'j', http_target: { uri: 'u', oauth_token: {}, bogus: 1 }, depends_on: ['google_service_account.nope'] } },
        google_storage_bucket: { b: { name: 'b' } },
      },
      data: { google_storage_project_service_account: { a: { project: 'p', typo: 1 } } },
    };
    expect(checkStack(stack, schema).map((v) => `${v.address} ${v.path}: ${v.message}`)).toEqual([
      'google_cloud_scheduler_job.j http_target.oauth_token.service_account_email: required attribute "service_account_email" is missing',
      'google_cloud_scheduler_job.j http_target.bogus: unknown attribute "bogus"',
      'google_cloud_scheduler_job.j depends_on: depends on google_service_account.nope, which is not in the stack',
      'google_storage_bucket.b : gdp does not create google_storage_bucket (not in the provider schema of the types gdp uses)',
      'data.google_storage_project_service_account.a typo: unknown attribute "typo"',
    ]);
  });

  it('flags literal text Terraform would evaluate, and accepts escapes and adapter references', () => {
    const body = (description: string): unknown => stackWith('google_bigquery_dataset', { dataset_id: 'd', description });
    expect(checkStack(body('${sys.get_env("url")}'), schema)).toEqual([
      {
        address: 'google_bigquery_dataset.x',
        path: 'description',
        message: 'literal text "${sys.get_env("url")}" would be evaluated by Terraform: escape it with escapeTerraformTemplate',
      },
    ]);
    expect(checkStack(body('a %{ if x }'), schema)).toHaveLength(1);
    expect(checkStack(body('$${ok} %%{ok} ${google_service_account.sa_workflows.email} $ % {}'), schema)).toEqual([]);
    expect(unescapedTemplate('${data.google_storage_project_service_account.gcs_service_agent.member}')).toBeUndefined();
    expect(unescapedTemplate('${var.x}x')).toBe('${var.x}'); // gdp writes only resource and data references
    expect(unescapedTemplate('${local}')).toBe('${local}');
    // a split stack's read of another stack's output (names with hyphens, as cdktf writes them)
    expect(unescapedTemplate('${data.terraform_remote_state.cross-stack-reference-input-qa-base.outputs.cross-stack-output-a-b-name}')).toBeUndefined();
    expect(unescapedTemplate('${data.terraform_remote_state.x.attributes.a-b}')).toBe('${data.terraform_remote_state.x.attributes.a-b}');
  });

  it('is a gdp bug (GDP900) naming the stack and every address', () => {
    const err = new SynthOutputError('dv', [{ address: 'google_bigquery_dataset.x', path: 'foo', message: 'unknown attribute "foo"' }]);
    expect(err.message).toBe(
      'synthesized stack "dv" does not match the provider schema (a bug in gdp, not in your configuration):\n  google_bigquery_dataset.x foo: unknown attribute "foo"',
    );
  });
});
