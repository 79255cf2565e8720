/**
 * append and upsert loads executed in DuckDB: exact target rows, de-duplication of the source per key,
 * column control, casts and audit columns.
 */
import { Duck, ref } from './__fixtures__/duckdb-harness';
import { AUDIT_COLUMNS, ORDER_COLUMNS, ordersSpec, partitioned, setUp, ts } from './__fixtures__/fixtures';

let duck: Duck;
beforeEach(async () => {
  duck = await Duck.open();
});
afterEach(() => duck.close());

const T = ref('orders');
const COLS = ['id', 'order_date', 'status', 'amount', 'created_at', 'updated_at'];

describe('append', () => {
  it('inserts the source rows, one per key (the newest), and never touches existing rows', async () => {
    // GIVEN a target row and a source with two rows for key 2
    const spec = ordersSpec('append');
    await setUp(
      duck,
      spec,
      [{ id: 1, order_date: '2024-01-01', status: 'old', amount: 1, created_at: '2024-01-01 00:00:00', updated_at: '2024-01-01 00:00:00' }],
      [
        { id: 2, order_date: '2024-01-02', status: 'first', amount: 2, created_at: '2024-01-02 00:00:00', updated_at: '2024-01-02 08:00:00' },
        { id: 2, order_date: '2024-01-02', status: 'latest', amount: 3, created_at: '2024-01-02 00:00:00', updated_at: '2024-01-02 09:00:00' },
        { id: 3, order_date: '2024-01-03', status: 'new', amount: 4, created_at: '2024-01-03 00:00:00', updated_at: null },
      ],
    );
    // WHEN
    const counts = await duck.runLoad(spec);
    // THEN DuckDB would accept both rows of key 2: the de-duplication is the load's doing
    expect(await duck.rows(T, 'id', COLS)).toEqual([
      { id: 1, order_date: '2024-01-01', status: 'old', amount: 1, created_at: ts('2024-01-01 00:00:00'), updated_at: ts('2024-01-01 00:00:00') },
      { id: 2, order_date: '2024-01-02', status: 'latest', amount: 3, created_at: ts('2024-01-02 00:00:00'), updated_at: ts('2024-01-02 09:00:00') },
      { id: 3, order_date: '2024-01-03', status: 'new', amount: 4, created_at: ts('2024-01-03 00:00:00'), updated_at: null },
    ]);
    expect(counts).toEqual({ inserted: 2, updated: 0, deleted: 0, rejected: 0 });
  });

  it('keeps every source row when there are no keys', async () => {
    const spec = ordersSpec('append', { keys: [], orderBy: [] });
    const row = { id: 7, order_date: '2024-01-01', status: 'dup', amount: 1, created_at: null, updated_at: null };
    await setUp(duck, spec, [], [row, row]);
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status'])).toEqual([
      { id: 7, status: 'dup' },
      { id: 7, status: 'dup' },
    ]);
  });

  it('fills the audit columns with the load start time and id, and writes a success log row', async () => {
    const spec = ordersSpec('append', {
      target: { table: T, columns: [...ORDER_COLUMNS, ...AUDIT_COLUMNS], requirePartitionFilter: false },
      audit: { loadTime: 'loaded_at', loadId: 'load_id' },
    });
    await setUp(duck, spec, [], [{ id: 1, order_date: '2024-01-01', status: 'a', amount: 1, created_at: null, updated_at: null }]);
    await duck.runLoad(spec);
    const loadId = await duck.variable('_gdp_load_id');
    const startedAt = await duck.variable('_gdp_started_at');
    expect(loadId).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await duck.query(`SELECT CAST(loaded_at AS VARCHAR) AS loaded_at, load_id FROM "test-proj".sales.orders`);
    expect(row).toEqual({ loaded_at: startedAt, load_id: loadId });
    expect(await duck.rows(ref('load_log'), 'status', ['load_name', 'load_id', 'status', 'rows_inserted', 'rows_updated', 'rows_deleted', 'rows_rejected', 'message'])).toEqual([
      { load_name: 'orders_load', load_id: loadId, status: 'success', rows_inserted: 1, rows_updated: 0, rows_deleted: 0, rows_rejected: 0, message: null },
    ]);
  });
});

describe('upsert', () => {
  const target = [
    { id: 1, order_date: '2024-01-01', status: 'keep', amount: 10, created_at: '2024-01-01 00:00:00', updated_at: '2024-01-01 00:00:00' },
    { id: 2, order_date: '2024-01-02', status: 'before', amount: 20, created_at: '2024-01-02 00:00:00', updated_at: '2024-01-02 00:00:00' },
  ];
  const source = [
    { id: 2, order_date: '2024-01-02', status: 'older', amount: 21, created_at: '2024-02-01 00:00:00', updated_at: '2024-02-01 08:00:00' },
    { id: 2, order_date: '2024-01-02', status: 'newest', amount: 22, created_at: '2024-02-01 00:00:00', updated_at: '2024-02-01 09:00:00' },
    { id: 2, order_date: '2024-01-02', status: 'no time', amount: 23, created_at: '2024-02-01 00:00:00', updated_at: null },
    { id: 3, order_date: '2024-01-03', status: 'new', amount: 30, created_at: '2024-02-01 00:00:00', updated_at: '2024-02-01 00:00:00' },
  ];

  it('updates matched keys from the newest source row, inserts new keys and deletes nothing', async () => {
    const spec = ordersSpec('upsert');
    await setUp(duck, spec, target, source);
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status', 'amount', 'created_at'])).toEqual([
      { id: 1, status: 'keep', amount: 10, created_at: ts('2024-01-01 00:00:00') },
      { id: 2, status: 'newest', amount: 22, created_at: ts('2024-02-01 00:00:00') },
      { id: 3, status: 'new', amount: 30, created_at: ts('2024-02-01 00:00:00') },
    ]);
    expect(counts).toEqual({ inserted: 1, updated: 1, deleted: 0, rejected: 0 });
  });

  it('keeps excluded columns (created_at) on update but inserts them for new keys', async () => {
    const spec = ordersSpec('upsert', { excludeColumns: ['created_at'] });
    await setUp(duck, spec, target, source);
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status', 'created_at'])).toEqual([
      { id: 1, status: 'keep', created_at: ts('2024-01-01 00:00:00') },
      { id: 2, status: 'newest', created_at: ts('2024-01-02 00:00:00') },
      { id: 3, status: 'new', created_at: ts('2024-02-01 00:00:00') },
    ]);
  });

  it('updates only the update columns', async () => {
    const spec = ordersSpec('upsert', { updateColumns: ['status'] });
    await setUp(duck, spec, target, source);
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status', 'amount'])).toEqual([
      { id: 1, status: 'keep', amount: 10 },
      { id: 2, status: 'newest', amount: 20 },
      { id: 3, status: 'new', amount: 30 },
    ]);
  });

  it('casts source columns with a safe cast (NULL when a value does not convert)', async () => {
    const textColumns = ORDER_COLUMNS.map((c) => (c.name === 'amount' || c.name === 'order_date' ? { ...c, type: 'STRING' } : c));
    const spec = ordersSpec('upsert', {
      source: { kind: 'table', table: ref('orders_staging'), columns: textColumns },
      casts: { amount: 'NUMERIC', order_date: 'DATE' },
    });
    await duck.table(T, ORDER_COLUMNS);
    await duck.table(ref('orders_staging'), textColumns, [
      { id: 1, order_date: '2024-03-04', status: 'ok', amount: '12.50', created_at: null, updated_at: null },
      { id: 2, order_date: 'not a date', status: 'bad', amount: 'abc', created_at: null, updated_at: null },
    ]);
    await duck.logTables(spec);
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'order_date', 'amount'])).toEqual([
      { id: 1, order_date: '2024-03-04', amount: 12.5 },
      { id: 2, order_date: null, amount: null },
    ]);
  });

  it('gives the same rows on a partitioned target with a required partition filter', async () => {
    const spec = partitioned(ordersSpec('upsert'));
    // Key 9 lives in a partition outside the source's range and must stay untouched.
    await setUp(duck, spec, [...target, { id: 9, order_date: '2023-06-01', status: 'far', amount: 90, created_at: null, updated_at: null }], source);
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status'])).toEqual([
      { id: 1, status: 'keep' },
      { id: 2, status: 'newest' },
      { id: 3, status: 'new' },
      { id: 9, status: 'far' },
    ]);
    expect(counts).toEqual({ inserted: 1, updated: 1, deleted: 0, rejected: 0 });
    expect(await duck.variable('_gdp_part_lo')).toBe('2024-01-02');
    expect(await duck.variable('_gdp_part_hi')).toBe('2024-01-03');
  });

  it('is idempotent: loading the same source twice gives the same rows', async () => {
    const spec = ordersSpec('upsert');
    await setUp(duck, spec, target, source);
    await duck.runLoad(spec);
    const first = await duck.rows(T, 'id', COLS);
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', COLS)).toEqual(first);
    expect(counts).toEqual({ inserted: 0, updated: 2, deleted: 0, rejected: 0 });
  });
});
