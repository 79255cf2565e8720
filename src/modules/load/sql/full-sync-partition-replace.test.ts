/**
 * full_sync and partition_replace loads executed in DuckDB: deletes inside and outside the window, and
 * replacement of exactly the partitions present in the source.
 */
import type { SqlColumn } from './spec';
import { Duck, isoDate, ref } from './__fixtures__/duckdb-harness';
import { ORDER_COLUMNS, ordersSpec, partitioned, setUp, ts } from './__fixtures__/fixtures';

let duck: Duck;
beforeEach(async () => {
  duck = await Duck.open();
});
afterEach(() => duck.close());

const T = ref('orders');
const row = (id: number, daysAgo: number, status: string) => ({
  id,
  order_date: isoDate(-daysAgo),
  status,
  amount: id,
  created_at: null,
  updated_at: null,
});

describe('full_sync', () => {
  const target = [row(1, 30, 'old, missing'), row(2, 2, 'recent, missing'), row(3, 1, 'recent, present')];
  const source = [row(3, 1, 'updated'), row(4, 0, 'new'), row(5, 40, 'old, present')];

  it('without a window: upserts and deletes every target row missing from the source', async () => {
    const spec = ordersSpec('full_sync');
    await setUp(duck, spec, target, source);
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status'])).toEqual([
      { id: 3, status: 'updated' },
      { id: 4, status: 'new' },
      { id: 5, status: 'old, present' },
    ]);
    expect(counts).toEqual({ inserted: 2, updated: 1, deleted: 2, rejected: 0 });
  });

  it.each([
    ['unpartitioned', (s: ReturnType<typeof ordersSpec>) => s],
    ['partitioned on the window column', (s: ReturnType<typeof ordersSpec>) => partitioned(s)],
  ])('with a 7-day window (%s): deletes missing rows inside the window only, and ignores older source rows', async (_label, shape) => {
    const spec = shape(ordersSpec('full_sync', { window: { column: 'order_date', days: 7 } }));
    await setUp(duck, spec, target, source);
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status'])).toEqual([
      { id: 1, status: 'old, missing' },
      { id: 3, status: 'updated' },
      { id: 4, status: 'new' },
    ]);
    expect(counts).toEqual({ inserted: 1, updated: 1, deleted: 1, rejected: 0 });
    expect(await duck.variable('_gdp_window_start')).toBe(isoDate(-7));
  });

  it('on a partitioned target with a window on another column: deletes by the window across partitions', async () => {
    const columns: SqlColumn[] = [...ORDER_COLUMNS, { name: 'seen_on', type: 'DATE', mode: 'NULLABLE' }];
    const spec = partitioned(
      ordersSpec('full_sync', {
        target: { table: T, columns, requirePartitionFilter: true },
        source: { kind: 'table', table: ref('orders_staging'), columns },
        window: { column: 'seen_on', days: 3 },
      }),
    );
    const seen = (r: ReturnType<typeof row>, daysAgo: number) => ({ ...r, seen_on: isoDate(-daysAgo) });
    await setUp(
      duck,
      spec,
      [seen(row(1, 300, 'old order, seen recently, missing'), 1), seen(row(2, 300, 'old order, seen long ago, missing'), 10)],
      [seen(row(3, 0, 'new'), 0)],
    );
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status'])).toEqual([
      { id: 2, status: 'old order, seen long ago, missing' },
      { id: 3, status: 'new' },
    ]);
    expect(counts).toEqual({ inserted: 1, updated: 0, deleted: 1, rejected: 0 });
  });

  it('with an empty source deletes everything inside the window (the source is the truth)', async () => {
    const spec = partitioned(ordersSpec('full_sync', { window: { column: 'order_date', days: 7 } }));
    await setUp(duck, spec, target, []);
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id'])).toEqual([{ id: 1 }]);
  });
});

describe('partition_replace', () => {
  it('replaces exactly the day partitions present in the source', async () => {
    const spec = partitioned(ordersSpec('partition_replace'));
    const at = (id: number, date: string, status: string, updatedAt: string | null = null) => ({ id, order_date: date, status, amount: 1, created_at: null, updated_at: updatedAt });
    await setUp(
      duck,
      spec,
      [at(1, '2024-01-01', 'd1'), at(2, '2024-01-01', 'd1'), at(3, '2024-01-02', 'd2 old'), at(4, '2024-01-03', 'd3 old'), at(5, '2024-01-04', 'd4')],
      // The source covers 2024-01-02 and 2024-01-04 (not 2024-01-03 between them), with key 7 twice.
      [at(6, '2024-01-02', 'd2 new'), at(7, '2024-01-04', 'd4 new', '2024-01-05 10:00:00'), at(7, '2024-01-04', 'd4 older', '2024-01-05 09:00:00')],
    );
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'order_date', 'status'])).toEqual([
      { id: 1, order_date: '2024-01-01', status: 'd1' },
      { id: 2, order_date: '2024-01-01', status: 'd1' },
      { id: 4, order_date: '2024-01-03', status: 'd3 old' },
      { id: 6, order_date: '2024-01-02', status: 'd2 new' },
      { id: 7, order_date: '2024-01-04', status: 'd4 new' },
    ]);
    expect(counts).toEqual({ inserted: 2, updated: 0, deleted: 2, rejected: 0 });
  });

  it('replaces whole month partitions of a TIMESTAMP column, up to the last instant of the month', async () => {
    const columns: SqlColumn[] = [
      { name: 'id', type: 'INTEGER', mode: 'REQUIRED' },
      { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
    ];
    const spec = ordersSpec('partition_replace', {
      target: { table: T, columns, partition: { column: 'event_time', granularity: 'MONTH', columnType: 'TIMESTAMP' }, requirePartitionFilter: true },
      source: { kind: 'table', table: ref('orders_staging'), columns },
      keys: [],
      orderBy: [],
    });
    await setUp(
      duck,
      spec,
      [
        { id: 1, event_time: '2024-01-31 23:59:59' },
        { id: 2, event_time: '2024-02-01 00:00:00' },
        { id: 3, event_time: '2024-02-29 23:59:59' },
        { id: 4, event_time: '2024-03-01 00:00:00' },
      ],
      [{ id: 5, event_time: '2024-02-10 12:00:00' }],
    );
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id')).toEqual([
      { id: 1, event_time: ts('2024-01-31 23:59:59') },
      { id: 4, event_time: ts('2024-03-01 00:00:00') },
      { id: 5, event_time: ts('2024-02-10 12:00:00') },
    ]);
    expect(await duck.variable('_gdp_part_lo')).toBe(ts('2024-02-01 00:00:00'));
    expect(await duck.variable('_gdp_part_end')).toBe(ts('2024-03-01 00:00:00'));
  });

  it('replaces the NULL partition when the source has rows without a partition value', async () => {
    const spec = partitioned(ordersSpec('partition_replace'));
    const at = (id: number, date: string | null) => ({ id, order_date: date, status: null, amount: null, created_at: null, updated_at: null });
    await setUp(duck, spec, [at(1, null), at(2, '2024-01-01')], [at(3, null)]);
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id'])).toEqual([{ id: 2 }, { id: 3 }]);
  });
});
