import { validateProject } from '../../src/api';
import { buildStacks } from '../../src/synth/build-stacks';
import * as path from 'node:path';
import { isPlainData, projectFromSnapshot, readSnapshot, snapshotFor, writeSnapshot } from '../../src/synth/snapshot';
import { runJob } from '../../src/synth/worker';
import { compileJobs, jobRegistry } from './job-module';
import { ENVIRONMENTS_DIR, readTreeText, SALES, tempDir, writeFiles } from './helpers';

const FILES = {
  'datasets/sales.yaml': SALES,
  'jobs/load.yaml': 'purpose: workflows\ndatasets: { sales: roles/bigquery.dataEditor }\n',
  'jobs/on_upload.yaml': 'purpose: triggers\nafter: load\n',
};

describe('project snapshots for worker processes', () => {
  it('rebuild a project that synthesizes byte-identical stacks', () => {
    // GIVEN a compiled project and its snapshot for np, through the file a worker reads
    const project = compileJobs(FILES);
    const folder = tempDir();
    const files = { shared: path.join(folder, 'shared.snapshot'), environment: path.join(folder, 'np.snapshot') };
    writeSnapshot(files, snapshotFor(project, 'np')!);
    const snapshot = readSnapshot(files);
    // WHEN both are built
    const [direct, rebuilt] = [tempDir(), tempDir()];
    buildStacks(project, ['np'], direct);
    buildStacks(projectFromSnapshot(snapshot, jobRegistry()), ['np'], rebuilt);
    // THEN
    expect(readTreeText(rebuilt)).toEqual(readTreeText(direct));
  });

  it('parse a file again only when a module asks for a position in it', () => {
    const snapshot = snapshotFor(compileJobs(FILES), 'dv')!;
    const rebuilt = projectFromSnapshot(snapshot, jobRegistry());
    const job = rebuilt.lookup('jobs', 'load')!;
    expect(job.config).toMatchObject({ purpose: 'workflows' });
    expect(job.file.path).toBe('configuration/jobs/load.yaml');
    expect(job.file.locate(['purpose']).line).toBe(1);
    expect(rebuilt.environments.get('dv')!.file.path).toBe('environments/dv.json');
  });

  it('refuse configuration that is not plain data (a class instance would lose its methods)', () => {
    expect(isPlainData({ a: [1, 'x', null, undefined, { b: true }] })).toBe(true);
    expect(isPlainData({ a: new Date(0) })).toBe(false);
    expect(isPlainData({ a: new Map() })).toBe(false);
    expect(isPlainData({ f: () => 1 })).toBe(false);
    const project = compileJobs(FILES);
    (project.lookup('datasets', 'sales')!.config as Record<string, unknown>).when = new Date(0);
    expect(snapshotFor(project, 'dv')).toBeUndefined();
  });

  it('are not needed by a worker given the configuration folders instead', async () => {
    // GIVEN the same project on disk
    const configDir = tempDir('gdp-config-');
    writeFiles(configDir, { 'datasets/sales.yaml': SALES });
    const project = (await validateProject({ configDir, environmentsDir: ENVIRONMENTS_DIR })).project!;
    // WHEN a worker job compiles it itself, and another gets a snapshot
    const [compiled, snapped] = [tempDir(), tempDir()];
    await runJob({ env: 'qa', outdir: compiled, plugins: [], source: { configDir, environmentsDir: ENVIRONMENTS_DIR } });
    const folder = tempDir();
    const files = { shared: path.join(folder, 'shared.snapshot'), environment: path.join(folder, 'qa.snapshot') };
    writeSnapshot(files, snapshotFor(project, 'qa')!);
    await runJob({ env: 'qa', outdir: snapped, plugins: [], snapshot: files });
    // THEN
    expect(readTreeText(compiled)).toEqual(readTreeText(snapped));
  });
});
