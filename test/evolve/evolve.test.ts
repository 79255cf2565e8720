/**
 * `gdp evolve table` on the bundled example in a temporary git repository: a type change that would
 * replace transactions_v1 becomes transactions_v2 + a backfill load; the plan then shows no data loss
 * and recognizes the evolution; the backfill (checked by ZetaSQL when evolve validates it) runs on
 * fixture rows in DuckDB and casts the changed column.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRegistry } from '../../src/api';
import { compileProject } from '../../src/core/project';
import { backfillLoad, moveReaders, runEvolve } from '../../src/evolve';
import { buildLoadSpec } from '../../src/modules/load/build-spec';
import type { LoadConfig } from '../../src/modules/load/schema';
import type { TableConfig } from '../../src/modules/table/schema';
import { runPlan } from '../../src/plan';
import type { TableSource } from '../../src/modules/load/sql/spec';
import { bundledEnvironments, readFolder, ROOT, tempDir } from '../../src/testing';
import { Duck, ref } from '../../src/modules/load/sql/__fixtures__/duckdb-harness';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=gdp test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

const table = (schema: string, extra = ''): TableConfig => ({ table_id: 't', dataset: 'sales', version: 1, schema: JSON.parse(schema), deletion_protection: true, ...JSON.parse(extra || '{}') }) as TableConfig;

describe('the backfill load', () => {
  it('casts changed types with GoogleSQL names and picks a pattern that can run again', () => {
    const oldT = table('[{"name":"id","type":"STRING","mode":"REQUIRED"},{"name":"n","type":"STRING"},{"name":"gone","type":"STRING"}]');
    const newT = table('[{"name":"id","type":"STRING","mode":"REQUIRED"},{"name":"n","type":"INTEGER"},{"name":"extra","type":"DATE"}]', '{"primary_key":["id"]}');
    const out = backfillLoad({ oldName: 't_v1', newName: 't_v2', oldConfig: oldT, newConfig: newT });
    expect(out).toMatchObject({ ok: true, pattern: 'upsert', casts: { n: 'INT64' } });
    expect(out.ok && out.text).toContain('keys: [id]\ncasts: { n: INT64 }\n');
    expect(backfillLoad({ oldName: 't_v1', newName: 't_v2', oldConfig: oldT, newConfig: table('[{"name":"id","type":"STRING"}]') })).toMatchObject({ ok: true, pattern: 'append', casts: {} });
  });

  it('refuses a new REQUIRED column and a RECORD type change, saying why', () => {
    const oldT = table('[{"name":"id","type":"STRING"}]');
    expect(backfillLoad({ oldName: 't_v1', newName: 't_v2', oldConfig: oldT, newConfig: table('[{"name":"id","type":"STRING"},{"name":"x","type":"STRING","mode":"REQUIRED"}]') })).toEqual({
      ok: false,
      problem: expect.stringContaining('column x is new in t_v2 and REQUIRED'),
    });
    expect(backfillLoad({ oldName: 't_v1', newName: 't_v2', oldConfig: oldT, newConfig: table('[{"name":"id","type":"RECORD","fields":[{"name":"a","type":"STRING"}]}]') })).toMatchObject({ ok: false });
  });
});

it('moves readers (references and load sources), not writers', () => {
  expect(moveReaders('sql-scripts/sprocs/p.yaml', 'FROM ${tables["t_v1"].reference} JOIN ${tables.t_v1.reference} JOIN ${tables["t_v10"].reference}', 't_v1', 't_v2')).toBe(
    'FROM ${tables["t_v2"].reference} JOIN ${tables.t_v2.reference} JOIN ${tables["t_v10"].reference}',
  );
  expect(moveReaders('loads/l.yaml', 'target: t_v1\nsource: { table: t_v1, filter: "x" }\n', 't_v1', 't_v2')).toBe('target: t_v1\nsource: { table: t_v2, filter: "x" }\n');
  expect(moveReaders('loads/l.yaml', 'source:\n  table: t_v1  # old\n', 't_v1', 't_v2')).toBe('source:\n  table: t_v2  # old\n');
  expect(moveReaders('loads/l.yaml', 'target: x\n', 't_v1', 't_v2')).toBeUndefined();
});

describe('a type change of transactions_v1', () => {
  const repo = tempDir('gdp-evolve-');
  const config = path.join(repo, 'configuration');
  const tableFile = path.join(config, 'tables/transactions_v1.yaml');
  let original: string;
  beforeAll(() => {
    fs.cpSync(path.join(ROOT, 'configuration'), config, { recursive: true });
    fs.cpSync(path.join(ROOT, 'environments'), path.join(repo, 'environments'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'example');
    original = fs.readFileSync(tableFile, 'utf8');
    fs.writeFileSync(tableFile, original.replace('  - name: amount\n    type: NUMERIC', '  - name: amount\n    type: BIGNUMERIC'));
  });
  const options = { table: 'transactions_v1', configDir: 'configuration', environmentsDir: 'environments', cwd: repo };

  it('refuses when moving readers would break them, and writes nothing', async () => {
    const run = await runEvolve({ ...options, moveReaders: true });
    expect(run.exitCode).toBe(1);
    expect(run.diagnostics.map((d) => `${d.code} ${d.file}`)).toContain('GDP620 configuration/loads/sales_daily.yaml');
    expect(fs.existsSync(path.join(config, 'tables/transactions_v2.yaml'))).toBe(false);
  });

  it('writes the new version and the backfill, and puts the old file back', async () => {
    const run = await runEvolve(options);
    expect(run.problem).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.written.map((w) => w.path).sort()).toEqual(['configuration/loads/backfill_transactions_v2.yaml', 'configuration/tables/transactions_v1.yaml', 'configuration/tables/transactions_v2.yaml']);
    expect(fs.readFileSync(tableFile, 'utf8')).toBe(original);
    const v2 = fs.readFileSync(path.join(config, 'tables/transactions_v2.yaml'), 'utf8');
    expect(v2).toContain('version: 2\n');
    expect(v2).toContain('  - name: amount\n    type: BIGNUMERIC');
    expect(run.next.join('\n')).toContain('remove configuration/tables/transactions_v1.yaml and configuration/loads/backfill_transactions_v2.yaml');
  });

  it('then plans no data loss and recognizes the evolution', async () => {
    const run = await runPlan({ base: 'HEAD', cwd: repo, environments: ['pd'] });
    expect(run.exitCode).toBe(0);
    const pd = run.plan!.environments[0];
    expect(pd.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['create google_bigquery_routine.load_backfill_transactions_v2', 'create google_bigquery_table.table_transactions_v2']);
    expect(pd.changes.flatMap((c) => c.risks).filter((r) => r.kind === 'data-loss')).toEqual([]);
    expect(pd.impact?.evolutions).toEqual([
      {
        oldTable: 'transactions_v1',
        newTable: 'transactions_v2',
        backfill: 'backfill_transactions_v2',
        removeLater: ['configuration/tables/transactions_v1.yaml', 'configuration/loads/backfill_transactions_v2.yaml'],
        stillUsingOld: ['loads/sales_daily', 'loads/transactions_upsert', 'procedures/load_transactions'],
      },
    ]);
  });

  it('evolving again refuses: the old file has no change left', async () => {
    const run = await runEvolve(options);
    expect(run.exitCode).toBe(2);
    expect(run.problem).toContain('is the same as in HEAD');
  });

  it('runs the backfill on fixture rows in DuckDB', async () => {
    const compiled = compileProject({ registry: createRegistry(), configFiles: readFolder(config, 'configuration'), environmentFiles: bundledEnvironments(), environments: ['dv'] });
    const load = compiled.project.lookup<LoadConfig>('loads', 'backfill_transactions_v2')!;
    const built = buildLoadSpec(load.name, load.config, compiled.project.environments.get('dv')!.env, compiled.project);
    const source = built.source as TableSource;
    // The same statements, on tables of DuckDB's test project.
    const spec = { ...built, target: { ...built.target, table: ref('transactions_v2') }, source: { ...source, table: ref('transactions_v1') }, logTable: ref('gdp_load_log'), rejectedTable: undefined };
    expect(spec.casts).toEqual({ amount: 'BIGNUMERIC' });
    const duck = await Duck.open();
    try {
      await duck.table(spec.target.table, spec.target.columns);
      const rows = [
        { transaction_id: 'a', customer_id: 'c1', transaction_date: '2026-01-01', amount: '12.50', product_category: 'BOOKS', updated_at: '2026-01-01 10:00:00' },
        { transaction_id: 'b', customer_id: 'c2', transaction_date: '2026-01-02', amount: '3.00', product_category: null, updated_at: '2026-01-02 10:00:00' },
      ];
      await duck.table(spec.source.table, source.columns, rows);
      await duck.logTables(spec);
      const counts = await duck.runLoad(spec);
      expect(counts.inserted).toBe(2);
      // A second run replaces the same partitions: still two rows.
      await duck.runLoad(spec);
      const out = await duck.rows(spec.target.table, 'transaction_id', ['transaction_id', 'transaction_date', 'amount', 'product_category']);
      expect(out.map((r) => [r.transaction_id, String(r.transaction_date), Number(r.amount), r.product_category])).toEqual([
        ['a', '2026-01-01', 12.5, 'BOOKS'],
        ['b', '2026-01-02', 3, null],
      ]);
      const [type] = await duck.query(`SELECT typeof(amount) AS t FROM "test-proj"."sales"."transactions_v2" LIMIT 1`);
      expect(type.t).toMatch(/^DECIMAL/);
    } finally {
      duck.close();
    }
  });
});
