import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileFiles, errors } from '../../src/testing';
import { ENVIRONMENTS_DIR, SALES, tempDir, writeFiles } from '../synth/helpers';
import { runCliAsUser } from './process';

describe('hostile input: what used to crash gdp', () => {
  it('reports YAML nested a thousand levels deep instead of overflowing the stack', () => {
    const deep = 'labels:\n' + Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i + 1)}k:\n`).join('');
    const flow = `labels: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const result = compileFiles({ 'datasets/deep.yaml': deep, 'datasets/flow.yaml': flow });
    expect(errors(result).map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['GDP114 configuration/datasets/deep.yaml:66', 'GDP114 configuration/datasets/flow.yaml:1']);
  });

  it('keeps ordinary nesting (64 levels) valid YAML', () => {
    const nested = `description: x\nconfidentiality: c2\nlabels: ${'['.repeat(64)}${']'.repeat(64)}\n`;
    expect(errors(compileFiles({ 'datasets/x.yaml': nested })).map((d) => d.code)).not.toContain('GDP114');
  });

  it('reports two tables whose names differ only in case, which synthesis could not build side by side', () => {
    const table = (id: string): string => `table_id: ${id}\ndataset: sales\nversion: 1\ndescription: d\nschema:\n  - name: id\n    type: STRING\n`;
    const result = compileFiles({ 'datasets/sales.yaml': SALES, 'tables/orders_v1.yaml': table('orders'), 'tables/Orders_v1.yaml': table('Orders') });
    const found = errors(result).filter((d) => d.code === 'GDP305');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/"Orders_v1" and "orders_v1" .*differ only in case/);
  });

  it('reports a folder it cannot read, with exit 1 and no internal error', () => {
    const config = tempDir('gdp-unreadable-');
    writeFiles(config, { 'datasets/sales.yaml': SALES, 'tables/x/readme.txt': 'x' });
    fs.chmodSync(config, 0o755);
    fs.chmodSync(path.join(config, 'datasets'), 0o755);
    fs.chmodSync(path.join(config, 'tables'), 0o000);
    try {
      const run = runCliAsUser(['validate', '--config', config, '--environments', ENVIRONMENTS_DIR, '--no-sql-check'], config);
      expect(run.stderr).toContain('error GDP112: cannot read the folder');
      expect(run.stderr).not.toContain('internal error');
      expect(run.status).toBe(1);
    } finally {
      fs.chmodSync(path.join(config, 'tables'), 0o755);
    }
  });

  it('reports an --out folder it cannot write into, with exit 2 and no internal error', () => {
    const config = tempDir('gdp-locked-');
    writeFiles(config, { 'datasets/sales.yaml': SALES });
    const locked = path.join(config, 'locked');
    fs.mkdirSync(locked);
    fs.chmodSync(config, 0o755);
    fs.chmodSync(locked, 0o555);
    const run = runCliAsUser(['synth', '--config', config, '--environments', ENVIRONMENTS_DIR, '--no-sql-check', '--out', path.join(locked, 'out')], config);
    expect(run.stderr).toContain('error GDP702');
    expect(run.stderr).not.toContain('internal error');
    expect(run.status).toBe(2);
  });
});
