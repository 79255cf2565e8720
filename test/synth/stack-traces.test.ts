import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';
import { applyStackTraceSetting, setTokenStackTraces, tokenStackTracesEnabled } from '../../src/synth/cdk';
import { buildStacks } from '../../src/synth/build-stacks';
import { compileJobs } from './job-module';
import { readTreeText, SALES, tempDir } from './helpers';

afterAll(() => applyStackTraceSetting(process.env));

describe('token stack traces (GDP_CDKTF_STACK_TRACES)', () => {
  it('are off by default and on with GDP_CDKTF_STACK_TRACES=1', () => {
    // GIVEN no variable WHEN applied THEN cdktf's capture returns nothing
    applyStackTraceSetting({});
    expect(tokenStackTracesEnabled()).toBe(false);
    expect(stackTrace.captureStackTrace()).toEqual([]);
    // GIVEN the variable set to 1 THEN cdktf captures traces again
    applyStackTraceSetting({ GDP_CDKTF_STACK_TRACES: '1' });
    expect(tokenStackTracesEnabled()).toBe(true);
    expect(stackTrace.captureStackTrace().length).toBeGreaterThan(0);
    applyStackTraceSetting({ GDP_CDKTF_STACK_TRACES: 'yes' });
    expect(tokenStackTracesEnabled()).toBe(false);
  });

  it('do not change a single byte of the output', () => {
    // GIVEN a project with tokens (the Cloud Storage agent's member) and every stack-level resource
    const project = compileJobs({
      'datasets/sales.yaml': SALES,
      'jobs/load.yaml': 'purpose: workflows\ndatasets: { sales: roles/bigquery.dataEditor }\n',
      'jobs/on_upload.yaml': 'purpose: triggers\nafter: load\n',
      'jobs/nightly.yaml': 'purpose: schedulers\nafter: load\n',
    });
    const on = tempDir();
    const off = tempDir();
    // WHEN built with the traces on, then off
    setTokenStackTraces(true);
    buildStacks(project, ['pd'], on);
    setTokenStackTraces(false);
    buildStacks(project, ['pd'], off);
    // THEN
    const a = readTreeText(on);
    expect(Object.keys(a)).toEqual(['manifest.json', 'stacks/pd/cdk.tf.json']);
    expect(a['stacks/pd/cdk.tf.json']).toContain('${data.google_storage_project_service_account.gcs_service_agent.member}');
    expect(readTreeText(off)).toEqual(a);
  });
});
