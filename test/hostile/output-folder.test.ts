import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENVIRONMENT_NAMES } from '../../src/core/environment';
import { OUTPUT_LIST_FILE, claimOutputFolder, OutputFolderError } from '../../src/synth/output-folder';
import { runSynth } from '../../src/synth/run-synth';
import { synthesize } from '../../src/synth/synthesize';
import { compileJobs } from '../synth/job-module';
import { ENVIRONMENTS_DIR, SALES, readTreeText, tempDir, writeFiles } from '../synth/helpers';
import { Capture } from './capture';

const TERRAFORM_FILES = {
  'stacks/dv/.terraform/providers/x': 'provider',
  'stacks/dv/.terraform.lock.hcl': 'lock',
  'stacks/dv/terraform.tfstate': 'state',
};

describe('hostile input: the output folder', () => {
  it('keeps the files of `terraform init` in a stack folder across synths', async () => {
    // GIVEN a synthesized folder in which terraform was initialised
    const project = compileJobs({ 'datasets/sales.yaml': SALES });
    const out = tempDir();
    await synthesize({ project, environments: ['dv', 'qa'], outdir: out, inProcess: true });
    writeFiles(out, TERRAFORM_FILES);
    // WHEN synthesized again, then for one environment only (pruning qa)
    await synthesize({ project, environments: ['dv', 'qa'], outdir: out, inProcess: true });
    await synthesize({ project, environments: ['dv'], outdir: out });
    // THEN terraform's files are untouched, and qa's stack (gdp's) is gone
    const files = readTreeText(out);
    for (const [rel, text] of Object.entries(TERRAFORM_FILES)) expect(files[rel]).toBe(text);
    expect(Object.keys(files).filter((f) => f.startsWith('stacks/qa'))).toEqual([]);
    const list = JSON.parse(fs.readFileSync(path.join(out, OUTPUT_LIST_FILE), 'utf8')) as { files: string[] };
    expect(list.files).toEqual(['manifest.json', 'stacks/dv/cdk.tf.json']);
  });

  it('keeps files beside a pruned stack and its folder', async () => {
    const project = compileJobs({ 'datasets/sales.yaml': SALES });
    const out = tempDir();
    await synthesize({ project, environments: ENVIRONMENT_NAMES, outdir: out, inProcess: true });
    writeFiles(out, { 'stacks/pd/terraform.tfstate': 'pd state' });
    await synthesize({ project, environments: ['dv'], outdir: out });
    expect(Object.keys(readTreeText(out)).sort()).toEqual(['manifest.json', 'stacks/dv/cdk.tf.json', 'stacks/pd/terraform.tfstate']);
  });

  it('refuses, before any work, a non-empty folder it did not write, and a path through a file', async () => {
    const project = compileJobs({ 'datasets/sales.yaml': SALES });
    const foreign = tempDir();
    writeFiles(foreign, { 'notes.txt': 'mine' });
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    await expect(synthesize({ project, environments: ['dv'], outdir: foreign })).rejects.toMatchObject({ code: 'GDP701' });
    expect(readTreeText(foreign)).toEqual({ 'notes.txt': 'mine' });
    expect(() => claimOutputFolder(file)).toThrow(OutputFolderError);
    expect(() => claimOutputFolder(path.join(file, 'below'))).toThrow(/is a file/);
    // AND from gdp synth: a located diagnostic and exit 2, with the configuration not even read
    const stderr = new Capture();
    const run = await runSynth({ configDir: '/nonexistent', environmentsDir: ENVIRONMENTS_DIR, environments: ['dv'], outdir: foreign }, { stdout: new Capture(), stderr });
    expect(run.exitCode).toBe(2);
    expect(stderr.text).toContain('error GDP701');
    expect(stderr.text).not.toContain('GDP100');
  });

  it('adopts a folder synthesized before the list existed (manifest.json and stacks/ only)', () => {
    const out = tempDir();
    writeFiles(out, { 'manifest.json': '{}', 'stacks/dv/cdk.tf.json': '{}', 'stacks/dv/.terraform.lock.hcl': 'lock' });
    expect([...claimOutputFolder(out)].sort()).toEqual(['manifest.json', 'stacks/dv/cdk.tf.json']);
  });
});
