import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { validateProject } from '../../src/api';
import { main } from '../../src/cli/main';
import { ENVIRONMENT_NAMES } from '../../src/core/environment';
import type { Project } from '../../src/core/project';
import { buildStacks } from '../../src/synth/build-stacks';
import { environmentsFromVariable } from '../../src/synth/cdktf-app';
import { runSynth } from '../../src/synth/run-synth';
import { synthesize } from '../../src/synth/synthesize';
import { compileJobs, jobModule } from './job-module';
import { ENVIRONMENTS_DIR, readTreeText, SALES, tempDir, writeFiles } from './helpers';

const CONFIG = { 'datasets/sales.yaml': SALES, 'datasets/hr.yaml': 'confidentiality: c3\ndeletion_protection: false\n' };

/** A configuration folder on disk (worker processes read it). */
function configOnDisk(files: Record<string, string> = CONFIG): string {
  const dir = tempDir('gdp-config-');
  writeFiles(dir, files);
  return dir;
}

async function compiled(configDir: string): Promise<Project> {
  const r = await validateProject({ configDir, environmentsDir: ENVIRONMENTS_DIR });
  expect(r.diagnostics).toEqual([]);
  return r.project!;
}

/** Collects what is written to it. */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('synthesize: all environments', () => {
  it('builds each environment in its own process and writes the manifest cdktf itself writes for the four stacks', async () => {
    // GIVEN a configuration on disk
    const configDir = configOnDisk();
    const project = await compiled(configDir);
    const out = tempDir();
    // WHEN synthesized with child processes
    const result = await synthesize({ project, environments: ENVIRONMENT_NAMES, outdir: out });
    // THEN four distinct worker processes each built one environment
    expect(result.environments.map((e) => e.env)).toEqual(['dv', 'qa', 'np', 'pd']);
    const pids = new Set(result.environments.map((e) => e.pid));
    expect(pids.size).toBe(4);
    expect(pids.has(process.pid)).toBe(false);
    // AND the output equals, byte for byte, cdktf's own synth of one app holding all four stacks
    const reference = tempDir();
    buildStacks(project, ENVIRONMENT_NAMES, reference);
    const files = readTreeText(out);
    expect(Object.keys(files).sort()).toEqual(['manifest.json', 'stacks/dv/cdk.tf.json', 'stacks/np/cdk.tf.json', 'stacks/pd/cdk.tf.json', 'stacks/qa/cdk.tf.json']);
    expect(files).toEqual(readTreeText(reference));
    expect(Object.keys(result.manifest)).toEqual(['dv', 'np', 'pd', 'qa']);
  });

  it('gives the same bytes in child processes, in one process one app per environment, and on every run', async () => {
    const configDir = configOnDisk();
    const project = await compiled(configDir);
    const [children, again, inProcess] = [tempDir(), tempDir(), tempDir()];
    await synthesize({ project, environments: ENVIRONMENT_NAMES, outdir: children });
    await synthesize({ project, environments: ENVIRONMENT_NAMES, outdir: again, parallelism: 1 });
    const sequential = await synthesize({ project, environments: ENVIRONMENT_NAMES, outdir: inProcess, inProcess: true });
    expect(sequential.environments.every((e) => e.pid === process.pid)).toBe(true);
    expect(readTreeText(again)).toEqual(readTreeText(children));
    expect(readTreeText(inProcess)).toEqual(readTreeText(children));
  });
});

describe('synthesize: one environment', () => {
  it('builds only the stack asked for: no other environment is synthesized', async () => {
    // GIVEN a module that records the environments it is synthesized in
    const calls: string[] = [];
    const original = jobModule.synth!;
    jobModule.synth = (entity, ctx) => {
      calls.push(ctx.env.name);
      original(entity, ctx);
    };
    try {
      const project = compileJobs({ 'datasets/sales.yaml': SALES, 'jobs/a.yaml': 'purpose: workflows\n' });
      const out = tempDir();
      // WHEN only qa is asked for
      const result = await synthesize({ project, environments: ['qa'], outdir: out });
      // THEN
      expect(calls).toEqual(['qa']);
      expect(Object.keys(readTreeText(out))).toEqual(['manifest.json', 'stacks/qa/cdk.tf.json']);
      expect(Object.keys(result.manifest)).toEqual(['qa']);
    } finally {
      jobModule.synth = original;
    }
  });

  it('removes stale stack folders like `cdktf synth` (unless told not to, for the cdktf CLI)', async () => {
    const project = compileJobs({ 'datasets/sales.yaml': SALES });
    const out = tempDir();
    writeFiles(out, { 'stacks/old/cdk.tf.json': '{}', 'stacks/pd/cdk.tf.json': '{}' });
    await synthesize({ project, environments: ['dv'], outdir: out, prune: false });
    expect(Object.keys(readTreeText(out)).sort()).toEqual(['manifest.json', 'stacks/dv/cdk.tf.json', 'stacks/old/cdk.tf.json', 'stacks/pd/cdk.tf.json']);
    await synthesize({ project, environments: ['dv'], outdir: out });
    expect(Object.keys(readTreeText(out))).toEqual(['manifest.json', 'stacks/dv/cdk.tf.json']);
  });

  it('leaves the output folder untouched when synthesis fails', async () => {
    // GIVEN an existing output and a module whose output breaks the provider schema
    const project = compileJobs({ 'jobs/a.yaml': 'purpose: workflows\nbad_log_level: true\n' });
    const out = tempDir();
    writeFiles(out, { 'manifest.json': 'previous', 'stacks/dv/cdk.tf.json': 'previous' });
    // WHEN / THEN
    await expect(synthesize({ project, environments: ['dv'], outdir: out })).rejects.toThrow(/call_log_level/);
    expect(readTreeText(out)).toEqual({ 'manifest.json': 'previous', 'stacks/dv/cdk.tf.json': 'previous' });
    // AND a folder that did not exist is not left behind
    const fresh = path.join(tempDir(), 'cdktf.out');
    await expect(synthesize({ project, environments: ['dv'], outdir: fresh })).rejects.toThrow(/call_log_level/);
    expect(fs.existsSync(fresh)).toBe(false);
  });
});

describe('gdp synth', () => {
  it('validates first and writes nothing when there are errors, printing diagnostics like validate', async () => {
    // GIVEN a dataset with a misspelled field
    const configDir = configOnDisk({ 'datasets/sales.yaml': 'confidentialty: c2\n' });
    const out = path.join(tempDir(), 'cdktf.out');
    const stdout = new Capture();
    const stderr = new Capture();
    // WHEN
    const { exitCode } = await runSynth({ configDir, environmentsDir: ENVIRONMENTS_DIR, environments: ['dv'], outdir: out }, { stdout, stderr });
    // THEN
    expect(exitCode).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    expect(stderr.text).toMatch(/datasets\/sales\.yaml:1:1: error GDP201: unknown field "confidentialty"/);
    expect(stderr.text).toContain('gdp: nothing was synthesized: fix the errors above.');
    expect(stdout.text).toBe('');
  });

  it('prints resources per type per environment', async () => {
    const configDir = configOnDisk();
    const out = tempDir();
    const stdout = new Capture();
    const { exitCode } = await runSynth(
      { configDir, environmentsDir: ENVIRONMENTS_DIR, environments: ['dv', 'pd'], outdir: out },
      { stdout, stderr: new Capture() },
    );
    expect(exitCode).toBe(0);
    const lines = stdout.text.split('\n');
    expect(lines[0]).toMatch(/^gdp: synthesized dv, pd into .+ \(\d+\.\d s\)$/);
    expect(lines.slice(1, 4)).toEqual([
      '  resource type             dv   pd',
      '  google_bigquery_dataset    2    2',
      '  total                      2    2',
    ]);
  });

  it('runs from the command line', async () => {
    const configDir = configOnDisk();
    const out = tempDir();
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const code = await main(['synth', '--env', 'np', '--config', configDir, '--environments', ENVIRONMENTS_DIR, '--out', out]);
      expect(code).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(Object.keys(readTreeText(out))).toEqual(['manifest.json', 'stacks/np/cdk.tf.json']);
  });

  it('reads GDP_ENV for the cdktf app: one environment, all when unset, nothing for an unknown name', () => {
    expect(environmentsFromVariable(undefined)).toEqual(['dv', 'qa', 'np', 'pd']);
    expect(environmentsFromVariable('pd')).toEqual(['pd']);
    expect(environmentsFromVariable('prod')).toBeUndefined();
  });
});
