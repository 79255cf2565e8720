/**
 * Files sources: BigQuery loads them with LOAD DATA into a temporary table outside the transaction;
 * DuckDB reads local files the same way so the rest of the load runs on them.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderLoadProcedure, type LoadSpec, type SqlColumn } from './spec';
import { Duck, ref } from './__fixtures__/duckdb-harness';
import { ORDER_COLUMNS, ordersSpec } from './__fixtures__/fixtures';
import { tempDir } from '../../../testing';

let duck: Duck;
let dir: string;
beforeEach(async () => {
  duck = await Duck.open();
  dir = tempDir('gdp-sql-files-');
});
afterEach(() => {
  duck.close();
});

const FILE_COLUMNS: SqlColumn[] = [
  { name: 'id', type: 'INTEGER', mode: 'NULLABLE' },
  { name: 'order_date', type: 'STRING', mode: 'NULLABLE' },
  { name: 'status', type: 'STRING', mode: 'NULLABLE' },
  { name: 'amount', type: 'NUMERIC', mode: 'NULLABLE' },
];

const filesSpec = (uris: string[], format: 'CSV' | 'JSON' = 'CSV'): LoadSpec =>
  ordersSpec('upsert', {
    source: { kind: 'files', uris, format, csv: format === 'CSV' ? { skipLeadingRows: 1, fieldDelimiter: ';' } : undefined, columns: FILE_COLUMNS },
    orderBy: [],
    casts: { order_date: 'DATE' },
  });

describe('files source', () => {
  it('loads CSV files (header skipped, custom delimiter), casts and upserts them', async () => {
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    writeFileSync(a, 'id;order_date;status;amount\n1;2024-01-05;new;10.5\n2;2024-01-06;new;20\n');
    writeFileSync(b, 'id;order_date;status;amount\n3;bad date;new;30\n');
    const spec = filesSpec([a, b]);
    await duck.table(ref('orders'), ORDER_COLUMNS, [{ id: 1, order_date: '2024-01-01', status: 'old', amount: 1, created_at: null, updated_at: null }]);
    await duck.logTables(spec);
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(ref('orders'), 'id', ['id', 'order_date', 'status', 'amount'])).toEqual([
      { id: 1, order_date: '2024-01-05', status: 'new', amount: 10.5 },
      { id: 2, order_date: '2024-01-06', status: 'new', amount: 20 },
      { id: 3, order_date: null, status: 'new', amount: 30 },
    ]);
    expect(counts).toEqual({ inserted: 2, updated: 1, deleted: 0, rejected: 0 });
  });

  it('loads newline-delimited JSON files', async () => {
    const a = path.join(dir, 'a.json');
    writeFileSync(a, '{"id": 4, "order_date": "2024-02-01", "status": "json", "amount": 4}\n');
    const spec = filesSpec([a], 'JSON');
    await duck.table(ref('orders'), ORDER_COLUMNS);
    await duck.logTables(spec);
    await duck.runLoad(spec);
    expect(await duck.rows(ref('orders'), 'id', ['id', 'order_date', 'status'])).toEqual([{ id: 4, order_date: '2024-02-01', status: 'json' }]);
  });

  it('loads Parquet files', async () => {
    const a = path.join(dir, 'a.parquet');
    await duck.conn.run(`COPY (SELECT 5::BIGINT AS id, '2024-03-01' AS order_date, 'pq' AS status, 5.5::DECIMAL(38,9) AS amount) TO '${a}' (FORMAT parquet)`);
    const spec = { ...filesSpec([a]), source: { kind: 'files' as const, uris: [a], format: 'PARQUET' as const, columns: FILE_COLUMNS } };
    await duck.table(ref('orders'), ORDER_COLUMNS);
    await duck.logTables(spec);
    await duck.runLoad(spec);
    expect(await duck.rows(ref('orders'), 'id', ['id', 'order_date', 'status', 'amount'])).toEqual([{ id: 5, order_date: '2024-03-01', status: 'pq', amount: 5.5 }]);
  });

  it('BigQuery: LOAD DATA into a temporary table comes before the transaction', () => {
    const sql = renderLoadProcedure(filesSpec(["gs://landing/orders/*.csv", "gs://landing/o'dd.csv"]));
    const load = sql.indexOf('LOAD DATA OVERWRITE TEMP TABLE _gdp_files (`id` INT64, `order_date` STRING, `status` STRING, `amount` NUMERIC)');
    expect(load).toBeGreaterThan(0);
    expect(sql).toContain(
      "FROM FILES (\n  format = 'CSV',\n  uris = ['gs://landing/orders/*.csv', 'gs://landing/o\\'dd.csv'],\n  skip_leading_rows = 1,\n  field_delimiter = ';'\n)",
    );
    expect(load).toBeLessThan(sql.indexOf('BEGIN TRANSACTION'));
    // Inside the exception block, so a failed load is logged.
    expect(load).toBeGreaterThan(sql.indexOf('\n  BEGIN\n'));
    expect(sql).toContain('FROM _gdp_files');
  });
});
