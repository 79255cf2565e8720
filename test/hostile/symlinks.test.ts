import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateProject } from '../../src/api';
import { ENVIRONMENTS_DIR, SALES, tempDir, writeFiles } from '../synth/helpers';

async function validate(config: string) {
  const result = await validateProject({ configDir: config, environmentsDir: ENVIRONMENTS_DIR, sqlCheck: false });
  return { result, codes: result.diagnostics.map((d) => `${d.code} ${path.basename(d.file)}`) };
}

describe('hostile input: symbolic links and special files', () => {
  it('follows a linked file and a linked folder (monorepos share files that way)', async () => {
    const shared = tempDir('gdp-shared-');
    writeFiles(shared, { 'sales.yaml': SALES, 'datasets/hr.yaml': 'confidentiality: c3\n' });
    fs.symlinkSync(path.join(shared, 'sales.yaml'), path.join(shared, 'datasets', 'sales.yaml'));
    const config = tempDir('gdp-links-');
    fs.symlinkSync(path.join(shared, 'datasets'), path.join(config, 'datasets'));
    const { result, codes } = await validate(config);
    expect(codes).toEqual([]);
    expect(result.project!.entities.map((e) => e.name).sort()).toEqual(['hr', 'sales']);
  });

  it('reports a dangling link, a link loop, a folder linking to its parent and a pipe: nothing skipped silently', async () => {
    const config = tempDir('gdp-links-');
    writeFiles(config, { 'datasets/sales.yaml': SALES });
    const datasets = path.join(config, 'datasets');
    fs.symlinkSync(path.join(config, 'gone.yaml'), path.join(datasets, 'dangling.yaml'));
    fs.symlinkSync(path.join(datasets, 'loop-b.yaml'), path.join(datasets, 'loop-a.yaml'));
    fs.symlinkSync(path.join(datasets, 'loop-a.yaml'), path.join(datasets, 'loop-b.yaml'));
    fs.symlinkSync(config, path.join(datasets, 'up'));
    execFileSync('mkfifo', [path.join(datasets, 'pipe.yaml')]);
    const { codes, result } = await validate(config);
    expect(codes).toEqual(['GDP115 dangling.yaml', 'GDP116 loop-a.yaml', 'GDP116 loop-b.yaml', 'GDP115 pipe.yaml', 'GDP116 up']);
    expect(result.diagnostics.find((d) => d.code === 'GDP115')!.message).toContain('gone.yaml, which does not exist');
  });
});
