/**
 * On a platform the ZetaSQL package has no server binary for (it ships Linux and macOS ones), validation
 * runs without the SQL check and says so once: never a crash, never a silent pass.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateProject } from '../../src/api';
import { main } from '../../src/cli/main';
import { ROOT } from '../../src/testing';

const CONFIG = path.join(ROOT, 'configuration');
const ENVIRONMENTS = path.join(ROOT, 'environments');

/** Runs `body` while Node reports another platform. */
async function onPlatform<T>(platform: NodeJS.Platform, body: () => Promise<T>): Promise<T> {
  const real = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { ...real, value: platform });
  try {
    return await body();
  } finally {
    Object.defineProperty(process, 'platform', real);
  }
}

describe('the SQL check on a platform without a ZetaSQL binary', () => {
  it('is skipped with one warning that names the platform and the way out', async () => {
    const r = await onPlatform('win32', () => validateProject({ configDir: CONFIG, environmentsDir: ENVIRONMENTS }));
    const warnings = r.diagnostics.filter((d) => d.code === 'GDP629');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].severity).toBe('warning');
    expect(warnings[0].message).toMatch(/^the SQL of \d+ files was not checked: the ZetaSQL server is only built for Linux and macOS on x64 and arm64, not win32-/);
    expect(warnings[0].hint).toMatch(/Pass --no-sql-check to skip the SQL check/);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('lets gdp validate pass (exit 0) and print the warning once', async () => {
    let stderr = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
    try {
      const code = await onPlatform('aix', () => main(['validate', '--config', CONFIG, '--environments', ENVIRONMENTS]));
      expect(code).toBe(0);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(stderr.match(/GDP629/g)).toHaveLength(1);
    expect(stderr).not.toMatch(/internal error|\n\s+at /i);
  });

  it('reports the same with a cache filled on a machine that had the binary as a run without the cache', async () => {
    const saved = process.env.GDP_CACHE_DIR;
    process.env.GDP_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-platform-cache-'));
    try {
      const options = { configDir: CONFIG, environmentsDir: ENVIRONMENTS };
      const filled = await validateProject({ ...options, cache: true });
      // The SQL was checked (and its findings cached) on this machine: the comparison below is not two warnings.
      expect(filled.diagnostics.filter((d) => d.code === 'GDP629')).toEqual([]);
      const warm = await onPlatform('win32', () => validateProject({ ...options, cache: true }));
      const cold = await onPlatform('win32', () => validateProject(options));
      expect(warm.diagnostics.filter((d) => d.code === 'GDP629')).toHaveLength(1);
      expect(warm.diagnostics).toEqual(cold.diagnostics);
    } finally {
      fs.rmSync(process.env.GDP_CACHE_DIR, { recursive: true, force: true });
      if (saved === undefined) delete process.env.GDP_CACHE_DIR;
      else process.env.GDP_CACHE_DIR = saved;
    }
  });
});
