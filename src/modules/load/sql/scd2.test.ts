/**
 * scd2 loads executed in DuckDB: several changes per key in one batch applied in order, unchanged rows
 * creating no version, hard deletes ignored or closing the current version, reruns changing nothing.
 */
import type { LoadSpec, SqlColumn } from './spec';
import { Duck, ref, type Row } from './__fixtures__/duckdb-harness';
import { ts } from './__fixtures__/fixtures';

let duck: Duck;
beforeEach(async () => {
  duck = await Duck.open();
});
afterEach(() => duck.close());

const T = ref('customers');
const DATA: SqlColumn[] = [
  { name: 'id', type: 'INTEGER', mode: 'REQUIRED' },
  { name: 'name', type: 'STRING', mode: 'NULLABLE' },
  { name: 'city', type: 'STRING', mode: 'NULLABLE' },
  { name: 'updated_at', type: 'TIMESTAMP', mode: 'NULLABLE' },
];
const TARGET: SqlColumn[] = [
  ...DATA,
  { name: 'valid_from', type: 'TIMESTAMP', mode: 'REQUIRED' },
  { name: 'valid_to', type: 'TIMESTAMP', mode: 'NULLABLE' },
  { name: 'is_current', type: 'BOOLEAN', mode: 'REQUIRED' },
];

function spec(overrides: Partial<LoadSpec> = {}, scd2: Partial<NonNullable<LoadSpec['scd2']>> = {}): LoadSpec {
  return {
    name: 'customers_history',
    pattern: 'scd2',
    target: { table: T, columns: TARGET, requirePartitionFilter: false },
    source: { kind: 'table', table: ref('customers_staging'), columns: DATA },
    keys: ['id'],
    orderBy: [{ column: 'updated_at', descending: true }],
    scd2: { validFrom: 'valid_from', validTo: 'valid_to', isCurrent: 'is_current', hardDeletes: 'ignore', ...scd2 },
    quality: [],
    logTable: ref('load_log'),
    ...overrides,
  };
}

const current = (id: number, name: string, city: string, from: string): Row => ({
  id,
  name,
  city,
  updated_at: from,
  valid_from: from,
  valid_to: null,
  is_current: true,
});
const change = (id: number, name: string, city: string, at: string): Row => ({ id, name, city, updated_at: at });

const TARGET_ROWS = [current(1, 'Ann', 'Paris', '2024-01-01 00:00:00'), current(2, 'Bob', 'Oslo', '2024-01-01 00:00:00'), current(3, 'Cy', 'Rome', '2024-01-01 00:00:00')];
const BATCH = [
  change(1, 'Ann', 'Lyon', '2024-02-01 00:00:00'),
  change(1, 'Ann', 'Nice', '2024-03-01 00:00:00'),
  // Same values as the row before: no new version.
  change(1, 'Ann', 'Nice', '2024-03-15 00:00:00'),
  // Same values as the current version: no new version.
  change(2, 'Bob', 'Oslo', '2024-02-01 00:00:00'),
  change(4, 'Dee', 'Bonn', '2024-02-10 00:00:00'),
  change(4, 'Dee', 'Kiel', '2024-02-20 00:00:00'),
  // Back to an earlier value: a change again.
  change(4, 'Dee', 'Bonn', '2024-02-25 00:00:00'),
];

async function load(s: LoadSpec, target: Row[], batch: Row[]) {
  await duck.table(T, TARGET, target);
  await duck.table(ref('customers_staging'), DATA, batch);
  await duck.logTables(s);
  return duck.runLoad(s);
}

const history = () => duck.rows(T, 'id, valid_from', ['id', 'city', 'valid_from', 'valid_to', 'is_current']);

const EXPECTED_HISTORY = [
  { id: 1, city: 'Paris', valid_from: ts('2024-01-01 00:00:00'), valid_to: ts('2024-02-01 00:00:00'), is_current: false },
  { id: 1, city: 'Lyon', valid_from: ts('2024-02-01 00:00:00'), valid_to: ts('2024-03-01 00:00:00'), is_current: false },
  { id: 1, city: 'Nice', valid_from: ts('2024-03-01 00:00:00'), valid_to: null, is_current: true },
  { id: 2, city: 'Oslo', valid_from: ts('2024-01-01 00:00:00'), valid_to: null, is_current: true },
  { id: 3, city: 'Rome', valid_from: ts('2024-01-01 00:00:00'), valid_to: null, is_current: true },
  { id: 4, city: 'Bonn', valid_from: ts('2024-02-10 00:00:00'), valid_to: ts('2024-02-20 00:00:00'), is_current: false },
  { id: 4, city: 'Kiel', valid_from: ts('2024-02-20 00:00:00'), valid_to: ts('2024-02-25 00:00:00'), is_current: false },
  { id: 4, city: 'Bonn', valid_from: ts('2024-02-25 00:00:00'), valid_to: null, is_current: true },
];

describe('scd2', () => {
  it('applies several changes per key in order and skips unchanged rows; hard deletes ignored', async () => {
    const counts = await load(spec(), TARGET_ROWS, BATCH);
    expect(await history()).toEqual(EXPECTED_HISTORY);
    expect(counts).toEqual({ inserted: 5, updated: 1, deleted: 0, rejected: 0 });
  });

  it('closes the current version of keys missing from the source when hard deletes close', async () => {
    const counts = await load(spec({}, { hardDeletes: 'close' }), TARGET_ROWS, BATCH);
    const startedAt = await duck.variable('_gdp_started_at');
    expect(await history()).toEqual(
      EXPECTED_HISTORY.map((r) => (r.id === 3 ? { ...r, valid_to: startedAt, is_current: false } : r)),
    );
    expect(counts).toEqual({ inserted: 5, updated: 1, deleted: 1, rejected: 0 });
  });

  it('changes nothing when the same batch is loaded again', async () => {
    const s = spec({}, { hardDeletes: 'close' });
    await load(s, TARGET_ROWS, BATCH);
    const before = await history();
    const counts = await duck.runLoad(s);
    expect(await history()).toEqual(before);
    expect(counts).toEqual({ inserted: 0, updated: 0, deleted: 0, rejected: 0 });
  });

  it('creates versions only for changes of the tracked columns', async () => {
    const counts = await load(spec({}, { trackColumns: ['city'] }), [current(1, 'Ann', 'Paris', '2024-01-01 00:00:00')], [
      change(1, 'Anna', 'Paris', '2024-02-01 00:00:00'),
      change(1, 'Anna', 'Lyon', '2024-03-01 00:00:00'),
    ]);
    expect(await duck.rows(T, 'valid_from', ['name', 'city', 'valid_from', 'is_current'])).toEqual([
      { name: 'Ann', city: 'Paris', valid_from: ts('2024-01-01 00:00:00'), is_current: false },
      { name: 'Anna', city: 'Lyon', valid_from: ts('2024-03-01 00:00:00'), is_current: true },
    ]);
    expect(counts.inserted).toBe(1);
  });

  it('keeps one row per key and effective time (exact duplicates make one version)', async () => {
    const dup = change(5, 'Eve', 'Graz', '2024-02-01 00:00:00');
    await load(spec(), [], [dup, dup, change(5, 'Eve', 'Linz', '2024-02-02 00:00:00')]);
    expect(await history()).toEqual([
      { id: 5, city: 'Graz', valid_from: ts('2024-02-01 00:00:00'), valid_to: ts('2024-02-02 00:00:00'), is_current: false },
      { id: 5, city: 'Linz', valid_from: ts('2024-02-02 00:00:00'), valid_to: null, is_current: true },
    ]);
  });

  it('ignores rows not newer than the current version', async () => {
    await load(spec(), [current(1, 'Ann', 'Nice', '2024-03-01 00:00:00')], [change(1, 'Ann', 'Lyon', '2024-02-01 00:00:00')]);
    expect(await history()).toEqual([{ id: 1, city: 'Nice', valid_from: ts('2024-03-01 00:00:00'), valid_to: null, is_current: true }]);
  });

  it('without an ordering column, starts versions at the load time (one per key and load)', async () => {
    const s = spec({ orderBy: [] });
    await load(s, [current(1, 'Ann', 'Paris', '2024-01-01 00:00:00')], [change(1, 'Ann', 'Lyon', '2024-02-01 00:00:00')]);
    const startedAt = await duck.variable('_gdp_started_at');
    expect(await history()).toEqual([
      { id: 1, city: 'Paris', valid_from: ts('2024-01-01 00:00:00'), valid_to: startedAt, is_current: false },
      { id: 1, city: 'Lyon', valid_from: startedAt, valid_to: null, is_current: true },
    ]);
  });

  it('gives the same history on a target partitioned by a data column', async () => {
    const columns: SqlColumn[] = [...TARGET.slice(0, 4), { name: 'region_day', type: 'DATE', mode: 'REQUIRED' }, ...TARGET.slice(4)];
    const dataColumns = columns.filter((c) => !['valid_from', 'valid_to', 'is_current'].includes(c.name));
    const s = spec({
      target: { table: T, columns, partition: { column: 'region_day', granularity: 'DAY', columnType: 'DATE' }, requirePartitionFilter: true },
      source: { kind: 'table', table: ref('customers_staging'), columns: dataColumns },
    });
    await duck.table(T, columns, [{ ...current(1, 'Ann', 'Paris', '2024-01-01 00:00:00'), region_day: '2024-01-01' }]);
    await duck.table(ref('customers_staging'), dataColumns, [{ ...change(1, 'Ann', 'Lyon', '2024-02-01 00:00:00'), region_day: '2024-01-01' }]);
    await duck.logTables(s);
    const counts = await duck.runLoad(s);
    expect(await history()).toEqual([
      { id: 1, city: 'Paris', valid_from: ts('2024-01-01 00:00:00'), valid_to: ts('2024-02-01 00:00:00'), is_current: false },
      { id: 1, city: 'Lyon', valid_from: ts('2024-02-01 00:00:00'), valid_to: null, is_current: true },
    ]);
    expect(counts).toEqual({ inserted: 1, updated: 1, deleted: 0, rejected: 0 });
  });
});
