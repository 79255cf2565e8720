/**
 * The SQL check inside `validateProject` and `gdp validate`: on by default, skipped with
 * --no-sql-check, a warning (never a crash or a silent pass) when the server cannot run, and no check
 * of files that already have errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateProject } from '../../src/api';
import { main } from '../../src/cli/main';
import { SqlService } from '../../src/sql/analyzer';
import { brief, ROOT, tempDir, useSqlService } from '../../src/testing';

const ENVIRONMENTS = path.join(ROOT, 'environments');
const BROKEN = `routine_id: broken
dataset_id: sales
definition_body: |-
  BEGIN
    SELECT amout FROM \${tables["transactions_v1"].reference};
  END;
`;

const sqlService = useSqlService();
let dir: string;
let configDir: string;

beforeAll(() => {
  dir = tempDir('gdp-sql-');
  configDir = path.join(dir, 'configuration');
  fs.cpSync(path.join(ROOT, 'configuration'), configDir, { recursive: true });
  fs.writeFileSync(path.join(configDir, 'sql-scripts/sprocs/broken.yaml'), BROKEN);
});

const BROKEN_FILE = () => path.join(configDir, 'sql-scripts/sprocs/broken.yaml');

function sqlCodes(diagnostics: readonly { code: string }[]): string[] {
  return diagnostics.map((d) => d.code).filter((c) => /^GDP6[23]\d$/.test(c));
}

describe('validateProject', () => {
  it('checks procedure SQL by default', async () => {
    const r = await validateProject({ configDir, environmentsDir: ENVIRONMENTS, sqlService: sqlService() });
    expect(brief(r.diagnostics.filter((d) => d.code === 'GDP620'))).toEqual([`GDP620 ${BROKEN_FILE()}:5:12`]);
  });

  it('skips the check with sqlCheck: false', async () => {
    const r = await validateProject({ configDir, environmentsDir: ENVIRONMENTS, sqlCheck: false });
    expect(sqlCodes(r.diagnostics)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('warns that SQL was not checked when the server binary is missing', async () => {
    const r = await validateProject({ configDir, environmentsDir: ENVIRONMENTS, sqlServerBinary: path.join(dir, 'no-such-server') });
    const warning = r.diagnostics.filter((d) => d.code === 'GDP629');
    expect(warning).toHaveLength(1);
    expect(warning[0].severity).toBe('warning');
    expect(warning[0].message).toMatch(/^the SQL of \d+ files was not checked: the ZetaSQL server binary .*no-such-server is missing or not executable$/);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('warns that SQL was not checked when the server exits at start', async () => {
    const fake = path.join(dir, 'crashing-server.sh');
    fs.writeFileSync(fake, '#!/bin/sh\necho "boom" >&2\nexit 3\n', { mode: 0o755 });
    const r = await validateProject({ configDir, environmentsDir: ENVIRONMENTS, sqlServerBinary: fake });
    const warning = r.diagnostics.filter((d) => d.code === 'GDP629');
    expect(warning).toHaveLength(1);
    expect(warning[0].message).toMatch(/^the SQL of \d+ files was not checked: the ZetaSQL server stopped while starting: it exited with code 3 \(boom\)$/);
  });

  it('warns when the server is gone during the check', async () => {
    const gone = await SqlService.start();
    await gone.close();
    const r = await validateProject({ configDir, environmentsDir: ENVIRONMENTS, sqlService: gone });
    expect(r.diagnostics.filter((d) => d.code === 'GDP629').map((d) => d.message)).toEqual([
      expect.stringMatching(/^the SQL of \d+ files was not checked: the ZetaSQL server failed during the check \(it was killed by SIGTERM\); findings may be incomplete$/),
    ]);
  });

  it('caches findings only for the bundled analyzer: another analyzer may find otherwise', async () => {
    const saved = process.env.GDP_CACHE_DIR;
    const entries = (folder: string): string[] => (fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).map(String) : []);
    try {
      const own = tempDir('gdp-own-analyzer-cache-');
      process.env.GDP_CACHE_DIR = own;
      await validateProject({ configDir, environmentsDir: ENVIRONMENTS, sqlService: sqlService(), cache: true });
      expect(entries(own)).toEqual([]);
      const bundled = tempDir('gdp-bundled-analyzer-cache-');
      process.env.GDP_CACHE_DIR = bundled;
      await validateProject({ configDir, environmentsDir: ENVIRONMENTS, cache: true });
      expect(entries(bundled).some((e) => e.includes('sql-findings/'))).toBe(true);
    } finally {
      process.env.GDP_CACHE_DIR = saved;
    }
  });

  it('does not check the SQL of a file that already has errors', async () => {
    const other = tempDir('gdp-sql-config-');
    fs.cpSync(configDir, other, { recursive: true });
    fs.writeFileSync(path.join(other, 'sql-scripts/sprocs/broken.yaml'), BROKEN.replace('transactions_v1', 'transactions_v9'));
    const r = await validateProject({ configDir: other, environmentsDir: ENVIRONMENTS, sqlService: sqlService() });
    expect(r.diagnostics.filter((d) => d.file.endsWith('broken.yaml')).map((d) => d.code)).toEqual(['GDP301']);
  });
});

describe('gdp validate', () => {
  async function run(args: string[]): Promise<{ code: number; stderr: string }> {
    let stderr = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
      stderr += String(s);
      return true;
    });
    try {
      return { code: await main(['validate', '--config', configDir, '--environments', ENVIRONMENTS, ...args]), stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('fails on a SQL error, and passes with --no-sql-check', async () => {
    const checked = await run([]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(`${BROKEN_FILE()}:5:12: error GDP620: Unrecognized name: amout; Did you mean amount? [dv, qa, np, pd]`);
    const skipped = await run(['--no-sql-check']);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).not.toContain('GDP62');
  });
});

describe('SQL that uses a broken table', () => {
  it('is not checked while the table has errors: the only error is the table’s own', async () => {
    // GIVEN a typo in the type of a column that procedures and loads read
    const tableFile = path.join(configDir, 'tables/transactions_v1.yaml');
    const original = fs.readFileSync(tableFile, 'utf8');
    fs.writeFileSync(tableFile, original.replace('type: NUMERIC', 'type: NUMERC'));
    fs.rmSync(BROKEN_FILE());
    try {
      // WHEN validated with the SQL check
      const result = await validateProject({ configDir, environmentsDir: ENVIRONMENTS, sqlService: sqlService() });
      // THEN only the unknown type is reported, with no cascade of SQL errors about its column
      const errs = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errs.map((d) => d.code)).toEqual(['GDP515']);
    } finally {
      fs.writeFileSync(tableFile, original);
      fs.writeFileSync(BROKEN_FILE(), BROKEN);
    }
  });
});
