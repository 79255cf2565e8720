/** The cache folder itself: damaged entries are misses, writes are atomic, the size stays bounded. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDirOf, DiskCache, openCache } from '../../src/core/cache';
import { createRegistry } from '../../src/api';
import { tempDir } from '../../src/testing';
import { cli } from '../../src/testing/cli';
import { datasetModule } from '../../src/modules/dataset';

const entriesOf = (dir: string): string[] =>
  fs
    .readdirSync(path.join(dir, 'v1'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, 'v1', f));

describe('DiskCache', () => {
  it('gives back what was stored, under the same salt only', () => {
    const dir = tempDir();
    new DiskCache(dir, 'salt').set('ns', 'key', { a: [1, 'x'] });
    expect(new DiskCache(dir, 'salt').get('ns', 'key')).toEqual({ a: [1, 'x'] });
    expect(new DiskCache(dir, 'other gdp').get('ns', 'key')).toBeUndefined();
    expect(new DiskCache(dir, 'salt').get('ns', 'other key')).toBeUndefined();
    expect(new DiskCache(dir, 'salt').get('other', 'key')).toBeUndefined();
  });

  it('treats truncated, foreign and unreadable entries as misses', () => {
    const dir = tempDir();
    const cache = new DiskCache(dir, 'salt');
    cache.set('ns', 'key', 'value');
    const [file] = entriesOf(dir);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, text.length - 3));
    expect(cache.get('ns', 'key')).toBeUndefined();
    fs.writeFileSync(file, JSON.stringify({ format: 'gdp-cache/1', key: 'someone else', value: 'x' }));
    expect(cache.get('ns', 'key')).toBeUndefined();
    fs.writeFileSync(file, 'null');
    expect(cache.get('ns', 'key')).toBeUndefined();
    fs.rmSync(file);
    fs.mkdirSync(file);
    expect(cache.get('ns', 'key')).toBeUndefined();
  });

  it('leaves no temporary file behind and survives its folder being deleted', () => {
    const dir = tempDir();
    const cache = new DiskCache(dir, 'salt');
    cache.set('ns', 'a', 1);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(cache.get('ns', 'a')).toBeUndefined();
    cache.set('ns', 'b', 2);
    cache.finish();
    expect(cache.get('ns', 'b')).toBe(2);
    expect(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('evicts the least recently used entries when over its bound', () => {
    const dir = tempDir();
    const big = 'x'.repeat(1000);
    const first = new DiskCache(dir, 'salt', 10_000);
    for (let i = 0; i < 8; i++) first.set('ns', `old${i}`, big);
    first.finish();
    expect(entriesOf(dir)).toHaveLength(8);
    // Age them, then read one: reading makes it recent again.
    const past = new Date(Date.now() - 3_600_000);
    for (const f of entriesOf(dir)) fs.utimesSync(f, past, past);
    const second = new DiskCache(dir, 'salt', 10_000);
    expect(second.get('ns', 'old3')).toBe(big);
    for (let i = 0; i < 6; i++) second.set('ns', `new${i}`, big);
    second.finish();
    const total = entriesOf(dir).reduce((n, f) => n + fs.statSync(f).size, 0);
    expect(total).toBeLessThanOrEqual(10_000);
    expect(second.get('ns', 'old3')).toBe(big);
    expect(second.get('ns', 'new5')).toBe(big);
    expect(second.get('ns', 'old0')).toBeUndefined();
  });
});

describe('DiskCache eviction in a shared folder', () => {
  it('never deletes a file it did not write, even an old one in its own v1/ folder, over the bound', () => {
    const dir = tempDir();
    const foreign = [path.join(dir, 'v1', 'notes.txt'), path.join(dir, 'v1', 'ns', 'ab', 'mine.json'), path.join(dir, 'v1', 'ns', 'old.tmp')];
    const past = new Date(Date.now() - 2 * 3_600_000);
    for (const f of foreign) {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, 'y'.repeat(5000));
      fs.utimesSync(f, past, past);
    }
    const cache = new DiskCache(dir, 'salt', 4_000);
    for (let i = 0; i < 8; i++) cache.set('ns', `k${i}`, 'x'.repeat(1000));
    cache.finish();
    for (const f of foreign) expect(fs.existsSync(f)).toBe(true);
    // its own entries were evicted down to the bound
    expect(entriesOf(dir).filter((f) => !foreign.includes(f)).length).toBeLessThan(8);
  });
});

describe('openCache', () => {
  it('lives in .gdp-cache/ of the project folder unless GDP_CACHE_DIR says otherwise', () => {
    expect(cacheDirOf('/work/project', {})).toBe(path.resolve('/work/project/.gdp-cache'));
    expect(cacheDirOf('/work/project', { GDP_CACHE_DIR: '/var/cache/gdp' })).toBe(path.resolve('/var/cache/gdp'));
  });

  it('is off with --no-cache, and for module types whose code it cannot identify', () => {
    const projectDir = tempDir();
    expect(openCache({ projectDir, registry: createRegistry(), env: {} })?.dir).toBe(path.join(projectDir, '.gdp-cache'));
    expect(openCache({ projectDir, registry: createRegistry(), env: {}, disabled: true })).toBeUndefined();
    const handMade = { ...datasetModule, kind: 'dataset_copy', folder: 'dataset-copies', namespace: 'dataset_copies' };
    expect(openCache({ projectDir, registry: createRegistry([handMade]), env: {} })).toBeUndefined();
  });
});

describe('GDP_CACHE_MAX_MB', () => {
  it('is checked with the arguments, before any work: a value that is not a size is a usage error', async () => {
    process.env.GDP_CACHE_MAX_MB = '256MB';
    try {
      const run = await cli(['validate', '--config', tempDir(), '--no-sql-check']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('GDP_CACHE_MAX_MB="256MB" is not a size');
      // --no-cache does not read it
      expect((await cli(['validate', '--config', tempDir(), '--no-sql-check', '--no-cache'])).stderr).not.toContain('GDP_CACHE_MAX_MB');
    } finally {
      delete process.env.GDP_CACHE_MAX_MB;
    }
  });
});
