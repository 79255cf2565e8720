import { buildStacks } from '../../src/synth/build-stacks';
import { compileJobs } from './job-module';
import { readTreeText, SALES, tempDir } from './helpers';

const FILES: Record<string, string> = {
  'datasets/sales.yaml': SALES,
  'datasets/hr.yaml': 'confidentiality: c3\ndeletion_protection: false\n',
  'jobs/load.yaml': 'purpose: workflows\ndatasets: { sales: roles/bigquery.dataEditor, hr: roles/bigquery.dataViewer }\n',
  'jobs/on_upload.yaml': 'purpose: triggers\nafter: load\n',
};

function build(files: Record<string, string>): Record<string, string> {
  const out = tempDir();
  buildStacks(compileJobs(files), ['dv'], out);
  return readTreeText(out);
}

describe('deterministic output', () => {
  it('is byte-identical for the same input', () => {
    expect(build(FILES)).toEqual(build(FILES));
  });

  it('does not depend on the order files are read in', () => {
    const reversed = Object.fromEntries(Object.entries(FILES).reverse());
    expect(build(reversed)).toEqual(build(FILES));
  });
});
