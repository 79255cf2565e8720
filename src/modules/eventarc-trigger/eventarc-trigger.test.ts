import { NAME_RULES } from '../../core/naming';
import { brief, errors } from '../../testing';
import type { Diagnostic } from '../../core/diagnostics';
import type { CompileResult } from '../../core/project';
import { compileWithCompanions, seedCompanions, seedText } from './__fixtures__/companions';
import { globToRegex, pathPatternProblem } from './path-pattern';

const SEED = 'triggers/eventarc/transaction_upload.yaml';
const FILE = `configuration/${SEED}`;

/** Compiles a trigger file with the seed's workflow (and its dataset) beside it. */
function compileTrigger(text: string, extra: Record<string, string> = {}): CompileResult {
  return compileWithCompanions({ ...seedCompanions(), [SEED]: text, ...extra });
}

/** Diagnostics of the trigger file only (the companions are other module types' business). */
function ofTrigger(result: CompileResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.file === FILE);
}

const trigger = (fields: string): string => `name: orders_upload
event_type: google.cloud.storage.object.v1.finalized
destination:
  workflow: process_transactions_workflow
${fields}`;

describe('eventarc_trigger module', () => {
  it('accepts the seed trigger unchanged and explains how path_pattern is honoured', () => {
    // GIVEN the seed trigger, its workflow and its state machine WHEN compiled for every environment
    const result = compileTrigger(seedText(SEED), { 'statemachine/transaction_trigger.yaml': seedText('statemachine/transaction_trigger.yaml') });
    // THEN the trigger has no error, only the path_pattern warning at the pattern's value
    expect(errors(result).filter((d) => d.file === FILE)).toEqual([]);
    const diagnostics = ofTrigger(result);
    expect(brief(diagnostics)).toEqual([`GDP571 ${FILE}:5:15`]);
    expect(diagnostics[0].severity).toBe('warning');
    expect(diagnostics[0].message).toContain('guard step at its start');
    expect(diagnostics[0].message).toContain('^daily/[^/]*\\.csv$');
    expect(diagnostics[0].message).toContain('process_transactions_workflow');
  });

  it('names the trigger after the convention, in the environment region for a bucket gdp does not know', () => {
    const result = compileTrigger(seedText(SEED));
    const entity = result.project.lookup('eventarc_triggers', 'transaction_data_trigger')!;
    const module = result.project.moduleOf(entity);
    const dv = result.project.environments.get('dv')!.env;
    expect(module.environment!.attributes!(entity, { env: dv, lookup: result.project.lookup, all: result.project.all })).toEqual({
      name: 'acme-evt-transaction-data-trigger-ew4-dv',
      location: 'europe-west4',
      id: 'projects/acme-data-dv/locations/europe-west4/triggers/acme-evt-transaction-data-trigger-ew4-dv',
    });
    expect(module.environment!.generatedNames!(entity, { env: dv, lookup: result.project.lookup, all: result.project.all })).toEqual([
      { rule: NAME_RULES.trigger, value: 'acme-evt-transaction-data-trigger-ew4-dv', path: ['name'] },
    ]);
    expect(result.project.graph.dependenciesOf('eventarc_triggers/transaction_data_trigger')).toContain('workflows/process_transactions_workflow');
  });

  it('puts a trigger on a gdp bucket in the bucket location by default', () => {
    const result = compileTrigger(trigger('bucket: ${buckets.landing}\n'));
    expect(errors(result).filter((d) => d.file === FILE)).toEqual([]);
    const entity = result.project.lookup('eventarc_triggers', 'orders_upload')!;
    const pd = result.project.environments.get('pd')!.env;
    expect(result.project.moduleOf(entity).environment!.attributes!(entity, { env: pd, lookup: result.project.lookup, all: result.project.all })).toMatchObject({
      location: 'eu',
      name: 'acme-evt-orders-upload-eu-pd',
    });
  });

  it('rejects a location that differs from the location of a gdp bucket', () => {
    const result = compileTrigger(trigger('bucket: ${buckets.landing}\nlocation: europe-west4\n'));
    expect(brief(ofTrigger(result))).toEqual([`GDP573 ${FILE}:6:11`]);
    expect(ofTrigger(result)[0].message).toBe(
      'location is "europe-west4" but bucket ${buckets.landing} is in "eu"; Cloud Storage triggers must be in the bucket\'s location',
    );
    expect(ofTrigger(result)[0].environments).toEqual(['dv', 'qa', 'np', 'pd']);
  });

  it('suggests the right spelling of an unknown event type', () => {
    const result = compileTrigger(trigger('bucket: landing-bucket\n').replace('object.v1.finalized', 'object.v1.finalised'));
    expect(brief(ofTrigger(result))).toEqual([`GDP204 ${FILE}:2:13`]);
    expect(ofTrigger(result)[0].message).toMatch(/Did you mean "google\.cloud\.storage\.object\.v1\.finalized"\?/);
  });

  it('rejects a bucket written with gs://', () => {
    const result = compileTrigger(trigger('bucket: gs://landing-bucket\n'));
    const [d] = ofTrigger(result);
    expect(brief(ofTrigger(result))).toEqual([`GDP570 ${FILE}:5:9`]);
    expect(d.message).toContain('"gs://landing-bucket" starts with gs://');
    expect(d.hint).toBe('Write bucket: landing-bucket.');
  });

  it('rejects a bucket name holding a folder and points to path_pattern', () => {
    const result = compileTrigger(trigger('bucket: landing-bucket/daily\n'));
    const [d] = ofTrigger(result);
    expect(brief(ofTrigger(result))).toEqual([`GDP570 ${FILE}:5:9`]);
    expect(d.message).toContain('may only contain');
    expect(d.hint).toMatch(/path_pattern/);
  });

  it('checks a bucket given through an environment variable after resolution', () => {
    // external_table_reference (in the bundled environments) resolves to a BigQuery reference, not a bucket name
    const result = compileTrigger(trigger('bucket: ${external_table_reference}\n'));
    const found = errors(result).filter((d) => d.file === FILE);
    // one per environment: the resolved name (and so the message) differs in each
    expect(brief(found)).toEqual(Array(4).fill(`GDP570 ${FILE}:5:9`));
    expect(found.map((d) => d.environments).sort()).toEqual([['dv'], ['np'], ['pd'], ['qa']]);
    expect(found.find((d) => d.environments?.[0] === 'dv')!.message).toContain('`acme-data-dv.landing_external.transactions`');
  });

  it('rejects a path pattern that starts with "/"', () => {
    const result = compileTrigger(trigger('bucket: landing-bucket\npath_pattern: /daily/*.csv\n'));
    expect(brief(ofTrigger(result))).toEqual([`GDP572 ${FILE}:6:15`]);
  });

  it('warns when the workflow’s state machine watches another bucket', () => {
    const result = compileTrigger(trigger('bucket: other-bucket\n'), {
      'statemachine/transaction_trigger.yaml': seedText('statemachine/transaction_trigger.yaml'),
    });
    const diagnostics = ofTrigger(result);
    expect(brief(diagnostics)).toEqual([`GDP574 ${FILE}:5:9`]);
    expect(diagnostics[0].severity).toBe('warning');
    expect(diagnostics[0].message).toContain('"transaction-data-bucket"');
  });

  it('rejects a service account that is not an email', () => {
    const result = compileTrigger(trigger('bucket: landing-bucket\nservice_account: workflows\n'));
    expect(brief(ofTrigger(result))).toEqual([`GDP575 ${FILE}:6:18`]);
  });

  it('reports a destination workflow that is not declared', () => {
    const result = compileTrigger(trigger('bucket: landing-bucket\n').replace('process_transactions_workflow', 'process_transaction_workflow'));
    expect(brief(ofTrigger(result))).toEqual([`GDP308 ${FILE}:4:13`]);
    expect(ofTrigger(result)[0].message).toMatch(/Did you mean "process_transactions_workflow"\?/);
  });

  it('reports a logical name too long for a trigger name', () => {
    const result = compileTrigger(trigger('bucket: landing-bucket\n').replace('orders_upload', 'x'.repeat(50)));
    expect(brief(ofTrigger(result))).toEqual([`GDP403 ${FILE}:1:7`]);
  });
});

describe('globToRegex', () => {
  it.each([
    ['daily/*.csv', '^daily/[^/]*\\.csv$'],
    ['incoming/**', '^incoming/.*$'],
    ['a?c', '^a[^/]c$'],
    ['data (1)+[x].json', '^data \\(1\\)\\+\\[x\\]\\.json$'],
    ['x/***', '^x/.*$'],
  ])('converts %s', (glob, regex) => {
    expect(globToRegex(glob)).toBe(regex);
  });

  it.each([
    ['daily/*.csv', 'daily/2024-01-01.csv', true],
    ['daily/*.csv', 'daily/sub/2024-01-01.csv', false],
    ['daily/*.csv', 'daily/x.csv.bak', false],
    ['daily/*.csv', 'xdaily/x.csv', false],
    ['daily/**.csv', 'daily/sub/x.csv', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['v1.2/*', 'v1x2/a', false],
  ])('%s against %s gives %s', (glob, name, matches) => {
    expect(new RegExp(globToRegex(glob)).test(name)).toBe(matches);
  });

  it('tells which patterns cannot match an object name', () => {
    expect(pathPatternProblem('daily/*.csv')).toBeUndefined();
    expect(pathPatternProblem('')).toBe('is empty');
    expect(pathPatternProblem('gs://b/x')).toMatch(/gs:\/\//);
    expect(pathPatternProblem('/x')).toMatch(/"\/"/);
  });
});
