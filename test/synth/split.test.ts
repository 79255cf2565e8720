import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'yaml';
import { ROOT } from '../../src/testing';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../src/core/environment';
import { cli } from '../../src/testing/cli';
import { checkStack, installedProviderSchema } from '../../src/synth/check/check-output';
import { runSynth } from '../../src/synth/run-synth';
import { readSplitManifest } from '../../src/synth/split';
import { ENVIRONMENTS_DIR, SALES, tempDir, writeFiles } from './helpers';

interface Tf {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: string }>;
  readonly terraform: { backend: { gcs: { bucket: string; prefix: string } } };
}

const table = (id: string, dataset: string): string =>
  `table_id: ${id}\ndataset: ${dataset}\nversion: 1\ndescription: "${id}"\nschema:\n  - name: id\n    type: STRING\n    mode: REQUIRED\n    description: "Key"\n`;
const procedure = (id: string, dataset: string, reads: string): string =>
  `routine_id: ${id}\ndataset_id: ${dataset}\ndescription: "${id}"\ndefinition_body: |-\n  BEGIN\n    SELECT id FROM \${tables["${reads}"].reference};\n  END\n`;

/** alpha holds a table; beta holds a table and a procedure reading alpha's table. */
const TWO_DATASETS = {
  'datasets/alpha.yaml': SALES,
  'datasets/beta.yaml': SALES,
  'tables/items_v1.yaml': table('items', 'alpha'),
  'tables/totals_v1.yaml': table('totals', 'beta'),
  'sql-scripts/sprocs/sum_items.yaml': procedure('sum_items', 'beta', 'items_v1'),
};

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

async function synthSplit(files: Record<string, string>, splitBy: 'dataset' | 'folder', configDir?: string, environments: EnvironmentName[] = ['dv']): Promise<{ code: number; out: string; stderr: string }> {
  const config = configDir ?? tempDir('gdp-split-config-');
  if (!configDir) writeFiles(config, files);
  const out = path.join(tempDir('gdp-split-out-'), 'cdktf.out');
  const stdout = new Capture();
  const stderr = new Capture();
  const { exitCode } = await runSynth({ configDir: config, environmentsDir: ENVIRONMENTS_DIR, environments, outdir: out, sqlCheck: false, splitBy }, { stdout, stderr });
  return { code: exitCode, out, stderr: stderr.text };
}

/** Synthesizes an empty configuration split by dataset with `--workflow workflowFile` into a new folder. */
async function synthWithWorkflow(workflowFile: string): Promise<{ exitCode: number; stderr: string; out: string }> {
  const out = path.join(tempDir(), 'cdktf.out');
  const stderr = new Capture();
  const { exitCode } = await runSynth(
    { configDir: tempDir(), environmentsDir: ENVIRONMENTS_DIR, environments: ['dv'], outdir: out, sqlCheck: false, splitBy: 'dataset', workflowFile },
    { stdout: new Capture(), stderr },
  );
  return { exitCode, stderr: stderr.text, out };
}

const readTf = (out: string, stack: string): Tf => JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Tf;

describe('gdp synth --split-by dataset', () => {
  it('writes one stack per dataset plus base, each with its own state, and a manifest with the apply order', async () => {
    const { code, out } = await synthSplit(TWO_DATASETS, 'dataset');
    expect(code).toBe(0);
    expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['dv-alpha', 'dv-base', 'dv-beta']);
    const cdktfManifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
    expect(Object.keys(cdktfManifest.stacks).sort()).toEqual(['dv-alpha', 'dv-base', 'dv-beta']);
    expect(cdktfManifest.stacks['dv-beta'].dependencies).toContain('dv-alpha');
    // The dataset's resources are in its stack
    expect(Object.keys(readTf(out, 'dv-alpha').resource!.google_bigquery_table)).toEqual(['table_items_v1']);
    expect(Object.keys(readTf(out, 'dv-beta').resource!.google_bigquery_routine)).toEqual(['procedure_sum_items']);
    // Each stack keeps its own state below the environment's prefix
    const prefixes = ['dv-alpha', 'dv-base', 'dv-beta'].map((s) => readTf(out, s).terraform.backend.gcs.prefix);
    expect(prefixes).toEqual(['gdp/dv/alpha', 'gdp/dv/base', 'gdp/dv/beta']);
    // beta reads alpha: alpha is applied in an earlier wave
    const manifest = readSplitManifest(out)!;
    expect(manifest.splitBy).toBe('dataset');
    const waves = manifest.environments.dv.waves;
    const waveOf = (s: string): number => waves.findIndex((w) => w.includes(s));
    expect(waveOf('dv-alpha')).toBeLessThan(waveOf('dv-beta'));
    for (const [name, stack] of Object.entries(manifest.environments.dv.stacks)) {
      for (const dep of stack.dependsOn) expect(waveOf(dep)).toBeLessThan(waveOf(name));
    }
  });

  it('turns a reference to a resource of another stack into an output there and a remote-state read here', async () => {
    const { out } = await synthSplit(TWO_DATASETS, 'dataset');
    const alpha = readTf(out, 'dv-alpha');
    const beta = readTf(out, 'dv-beta');
    const routine = beta.resource!.google_bigquery_routine.procedure_sum_items;
    const read = 'data.terraform_remote_state.cross-stack-reference-input-dv-alpha';
    // depends_on no longer names a resource beta does not hold, but alpha's state
    expect(routine.depends_on).toContain(read);
    expect(JSON.stringify(routine.depends_on)).not.toContain('google_bigquery_table.table_items_v1');
    // the remote state is read with alpha's own backend
    expect(beta.data!.terraform_remote_state['cross-stack-reference-input-dv-alpha']).toEqual({ backend: 'gcs', config: alpha.terraform.backend.gcs });
    // and alpha exports the table it waits for
    expect(alpha.output!['cross-stack-output-google_bigquery_table-table_items_v1-id']).toEqual({ value: '${google_bigquery_table.table_items_v1.id}' });
  });

  it('passes the provider-schema check on every stack', async () => {
    const { out } = await synthSplit(TWO_DATASETS, 'dataset');
    for (const stack of fs.readdirSync(path.join(out, 'stacks'))) {
      expect(checkStack(readTf(out, stack), installedProviderSchema())).toEqual([]);
    }
  });

  it('refuses stacks that need each other with one located error naming the cycle, and writes nothing', async () => {
    const cyclic = { ...TWO_DATASETS, 'sql-scripts/sprocs/back.yaml': procedure('back', 'alpha', 'totals_v1') };
    const { code, out, stderr } = await synthSplit(cyclic, 'dataset');
    expect(code).toBe(1);
    expect(stderr.match(/error GDP850/g)).toHaveLength(1);
    expect(stderr).toMatch(/sprocs\/back\.yaml:1:1: error GDP850: with --split-by dataset, the stacks alpha → beta → alpha depend on each other/);
    expect(stderr).toContain('--split-by folder');
    expect(fs.existsSync(out)).toBe(false);
    // the same files split by folder have no cycle
    expect((await synthSplit(cyclic, 'folder')).code).toBe(0);
  });
});

describe('gdp synth --split-by: every stack keeps its own state (GDP407 across stacks)', () => {
  it('refuses an environment whose state is the state of another environment\'s stack', async () => {
    const config = tempDir('gdp-split-config-');
    writeFiles(config, TWO_DATASETS);
    const environments = tempDir('gdp-split-envs-');
    for (const f of fs.readdirSync(ENVIRONMENTS_DIR)) fs.copyFileSync(path.join(ENVIRONMENTS_DIR, f), path.join(environments, f));
    const qa = JSON.parse(fs.readFileSync(path.join(environments, 'qa.json'), 'utf8')) as { state: { bucket: string; prefix?: string } };
    const dv = JSON.parse(fs.readFileSync(path.join(environments, 'dv.json'), 'utf8')) as { state: { bucket: string; prefix?: string } };
    qa.state = { bucket: dv.state.bucket, prefix: 'gdp/dv/alpha' };
    fs.writeFileSync(path.join(environments, 'qa.json'), JSON.stringify(qa));
    const out = path.join(tempDir(), 'cdktf.out');
    const stderr = new Capture();
    const { exitCode } = await runSynth({ configDir: config, environmentsDir: environments, environments: ['dv', 'qa'], outdir: out, sqlCheck: false, splitBy: 'dataset' }, { stdout: new Capture(), stderr });
    expect(exitCode).toBe(1);
    expect(stderr.text).toMatch(/dv\.json:1:1: error GDP407: with --split-by dataset, stack dv-alpha would keep its state at gs:\/\/[^ ]+\/gdp\/dv\/alpha, which is already the state of environment qa/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('gdp synth --split-by folder', () => {
  it('splits the bundled example in every environment, either way, into stacks that pass the output check', async () => {
    // qa's alert policy reads a notification channel of another stack: a remote-state output in a string.
    // Synthesis checks every stack it writes against the provider schema (an internal error otherwise).
    for (const splitBy of ['dataset', 'folder'] as const) {
      const { code, out, stderr } = await synthSplit({}, splitBy, path.join(ROOT, 'configuration'), [...ENVIRONMENT_NAMES]);
      expect(stderr).not.toContain('internal error');
      expect(code).toBe(0);
      expect(fs.readdirSync(path.join(out, 'stacks')).filter((s) => s.startsWith('qa-'))).not.toEqual([]);
    }
    const channel = 'cross-stack-output-google_monitoring_notification_channel-notification_channel_data_team-name';
    const { out } = await synthSplit({}, 'dataset', path.join(ROOT, 'configuration'), ['qa']);
    expect(JSON.stringify(readTf(out, 'qa-shared').resource)).toContain(`\${data.terraform_remote_state.cross-stack-reference-input-qa-base.outputs.${channel}}`);
  }, 180_000);

  it('splits the bundled example into one stack per top-level folder, in an order where every stack follows what it reads', async () => {
    const { code, out } = await synthSplit({}, 'folder', path.join(ROOT, 'configuration'));
    expect(code).toBe(0);
    const folders = fs.readdirSync(path.join(ROOT, 'configuration')).filter((f) => fs.statSync(path.join(ROOT, 'configuration', f)).isDirectory());
    const stacks = fs.readdirSync(path.join(out, 'stacks')).sort();
    // one stack per folder whose files create resources in dv (statemachine/ creates none of its own)
    expect(stacks).toEqual(['dv-base', ...folders.filter((f) => f !== 'statemachine').map((f) => `dv-${f}`)].sort());
    const manifest = readSplitManifest(out)!.environments.dv;
    expect(manifest.waves.flat().sort()).toEqual(stacks);
    const waveOf = (s: string): number => manifest.waves.findIndex((w) => w.includes(s));
    for (const [name, stack] of Object.entries(manifest.stacks)) for (const dep of stack.dependsOn) expect(waveOf(dep)).toBeLessThan(waveOf(name));
    expect(manifest.stacks['dv-tables'].dependsOn).toEqual(['dv-datasets']);
  });

  it('goes back to one stack per environment, and removes gdp-stacks.json, when synthesized without --split-by', async () => {
    const config = tempDir('gdp-split-config-');
    writeFiles(config, TWO_DATASETS);
    const out = path.join(tempDir(), 'cdktf.out');
    const io = { stdout: new Capture(), stderr: new Capture() };
    await runSynth({ configDir: config, environmentsDir: ENVIRONMENTS_DIR, environments: ['dv'], outdir: out, sqlCheck: false, splitBy: 'folder' }, io);
    expect(fs.existsSync(path.join(out, 'gdp-stacks.json'))).toBe(true);
    await runSynth({ configDir: config, environmentsDir: ENVIRONMENTS_DIR, environments: ['dv'], outdir: out, sqlCheck: false }, io);
    expect(fs.readdirSync(path.join(out, 'stacks'))).toEqual(['dv']);
    expect(fs.existsSync(path.join(out, 'gdp-stacks.json'))).toBe(false);
  });
});

describe('gdp synth --split-by on the command line', () => {
  it('rejects an unknown value before any work', async () => {
    const out = path.join(tempDir(), 'never');
    const run = await cli(['synth', '--split-by', 'team', '--out', out, '--config', path.join(ROOT, 'configuration'), '--environments', ENVIRONMENTS_DIR]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/split-by.*Given: "team".*Choices: "dataset", "folder"/s);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('gdp synth --split-by --workflow', () => {
  it('writes a GitHub workflow with one matrix job per wave that lists exactly the stacks of the manifest, in order', async () => {
    const config = tempDir('gdp-split-config-');
    writeFiles(config, TWO_DATASETS);
    const out = path.join(tempDir(), 'cdktf.out');
    const workflowFile = path.join(tempDir(), '.github', 'workflows', 'gdp-stacks.yml');
    const io = { stdout: new Capture(), stderr: new Capture() };
    const { exitCode } = await runSynth(
      { configDir: config, environmentsDir: ENVIRONMENTS_DIR, environments: ['dv', 'qa'], outdir: out, sqlCheck: false, splitBy: 'dataset', workflowFile },
      io,
    );
    expect(exitCode).toBe(0);
    const workflow = parse(fs.readFileSync(workflowFile, 'utf8')) as { jobs: Record<string, { needs: string; strategy?: { matrix: { stack: string[] } } }> };
    const manifest = readSplitManifest(out)!;
    expect(Object.keys(manifest.environments)).toEqual(['dv', 'qa']);
    for (const [env, { waves }] of Object.entries(manifest.environments)) {
      waves.forEach((stacks, i) => {
        const job = workflow.jobs[`${env}-wave-${i + 1}`];
        expect(job.strategy!.matrix.stack).toEqual(stacks);
        expect(job.needs).toBe(i === 0 ? 'synth' : `${env}-wave-${i}`);
      });
    }
    const listed = Object.values(workflow.jobs).flatMap((j) => j.strategy?.matrix.stack ?? []);
    expect(listed.sort()).toEqual(Object.values(manifest.environments).flatMap((e) => Object.keys(e.stacks)).sort());
    // CI synthesizes the folders this run read, not ./configuration
    const relative = (p: string): string => path.relative(process.cwd(), p).split(path.sep).join('/');
    expect(fs.readFileSync(workflowFile, 'utf8')).toContain(`npx gdp synth --config ${relative(config)} --environments ${relative(ENVIRONMENTS_DIR)} --env all --split-by dataset`);
  });

  it('refuses a --workflow that is a folder, or below a file, before any work', async () => {
    const file = path.join(tempDir(), 'plain-file');
    fs.writeFileSync(file, 'x');
    for (const [workflowFile, message] of [
      [tempDir(), 'is a folder'],
      [path.join(file, 'w.yml'), 'is a file'],
    ] as const) {
      const { exitCode, stderr, out } = await synthWithWorkflow(workflowFile);
      expect(exitCode).toBe(2);
      expect(stderr).toContain(message);
      expect(fs.existsSync(out)).toBe(false);
    }
  });

  it('never overwrites a workflow file gdp did not write, and says so before any work', async () => {
    const workflowFile = path.join(tempDir(), 'mine.yml');
    fs.writeFileSync(workflowFile, 'name: mine\n');
    const { exitCode, stderr, out } = await synthWithWorkflow(workflowFile);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('was not written by gdp');
    expect(fs.readFileSync(workflowFile, 'utf8')).toBe('name: mine\n');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses --workflow without --split-by on the command line', async () => {
    const run = await cli(['synth', '--workflow', path.join(tempDir(), 'w.yml'), '--out', path.join(tempDir(), 'o')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/split-by/);
  });
});
