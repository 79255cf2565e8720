/**
 * Quality rules executed in DuckDB: `fail` stops the load before the target changes, `warn` logs and goes
 * on, `quarantine` moves bad rows to the rejected table with the rule name while good rows load.
 */
import type { QualityRule } from './spec';
import { Duck, ref } from './__fixtures__/duckdb-harness';
import { ORDER_COLUMNS, ordersSpec, setUp } from './__fixtures__/fixtures';

let duck: Duck;
beforeEach(async () => {
  duck = await Duck.open();
});
afterEach(() => duck.close());

const T = ref('orders');
const R = ref('orders_rejected');
const order = (id: number, status: string | null, amount: number | null) => ({
  id,
  order_date: '2024-01-01',
  status,
  amount,
  created_at: null,
  updated_at: null,
});
const TARGET = [order(1, 'shipped', 5)];
const SOURCE = [order(1, 'new', 10), order(2, 'new', -3), order(3, 'weird', 7), order(4, null, null)];

const withRules = (...quality: QualityRule[]) => ordersSpec('upsert', { quality, rejectedTable: R });

describe('quality rules', () => {
  it('fail: raises before the target changes', async () => {
    const spec = withRules({ name: 'amount_present', kind: 'not_null', columns: ['amount'], severity: 'fail' });
    await setUp(duck, spec, TARGET, SOURCE);
    await expect(duck.runLoad(spec)).rejects.toThrow('load "orders_load": quality rule "amount_present" failed for 1 row(s)');
    expect(await duck.rows(T, 'id', ['id', 'status', 'amount'])).toEqual([{ id: 1, status: 'shipped', amount: 5 }]);
  });

  it('fail: passes when no row breaks the rule', async () => {
    const spec = withRules({ name: 'id_present', kind: 'not_null', columns: ['id'], severity: 'fail' });
    await setUp(duck, spec, TARGET, SOURCE);
    await expect(duck.runLoad(spec)).resolves.toEqual({ inserted: 3, updated: 1, deleted: 0, rejected: 0 });
  });

  it('warn: writes a warning row to the log and loads every row', async () => {
    const spec = withRules({ name: 'known_status', kind: 'accepted_values', columns: ['status'], values: ['new', 'shipped'], severity: 'warn' });
    await setUp(duck, spec, TARGET, SOURCE);
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id'])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
    const loadId = await duck.variable('_gdp_load_id');
    expect(await duck.rows(ref('load_log'), 'status DESC', ['load_id', 'status', 'message', 'rows_inserted'])).toEqual([
      // NULL status passes accepted_values (not_null is the rule for NULLs): one bad row.
      { load_id: loadId, status: 'warning', message: 'quality rule "known_status" (warn) failed for 1 row(s)', rows_inserted: null },
      { load_id: loadId, status: 'success', message: null, rows_inserted: 3 },
    ]);
  });

  it('quarantine: bad rows go to the rejected table with the rule name, good rows load', async () => {
    const spec = withRules({ name: 'amount_positive', kind: 'condition', condition: 'amount > 0', severity: 'quarantine' });
    await setUp(duck, spec, TARGET, SOURCE);
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status', 'amount'])).toEqual([
      { id: 1, status: 'new', amount: 10 },
      { id: 3, status: 'weird', amount: 7 },
      // A NULL condition passes, as in a WHERE clause.
      { id: 4, status: null, amount: null },
    ]);
    const loadId = await duck.variable('_gdp_load_id');
    expect(await duck.rows(R, 'id', ['id', 'status', 'amount', '_gdp_rule', '_gdp_load_id'])).toEqual([
      { id: 2, status: 'new', amount: -3, _gdp_rule: 'amount_positive', _gdp_load_id: loadId },
    ]);
    const [{ n }] = await duck.query(`SELECT COUNT(*) AS n FROM "test-proj".sales.orders_rejected WHERE _gdp_rejected_at IS NOT NULL`);
    expect(n).toBe(1);
    expect(counts).toEqual({ inserted: 2, updated: 1, deleted: 0, rejected: 1 });
    expect(await duck.rows(ref('load_log'), 'status', ['status', 'rows_rejected'])).toEqual([{ status: 'success', rows_rejected: 1 }]);
  });

  it('quarantine: a row breaking several rules is rejected once, by the first rule', async () => {
    const spec = withRules(
      { name: 'known_status', kind: 'accepted_values', columns: ['status'], values: ['new', 'shipped'], severity: 'quarantine' },
      { name: 'amount_positive', kind: 'condition', condition: 'amount > 0', severity: 'quarantine' },
      { name: 'status_present', kind: 'not_null', columns: ['status'], severity: 'quarantine' },
    );
    await setUp(duck, spec, TARGET, [...SOURCE, order(5, 'weird', -1)]);
    const counts = await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id'])).toEqual([{ id: 1 }]);
    expect(await duck.rows(R, 'id', ['id', '_gdp_rule'])).toEqual([
      { id: 2, _gdp_rule: 'amount_positive' },
      { id: 3, _gdp_rule: 'known_status' },
      { id: 4, _gdp_rule: 'status_present' },
      { id: 5, _gdp_rule: 'known_status' },
    ]);
    expect(counts.rejected).toBe(4);
  });

  it('quarantine unique: every row of a duplicated key is rejected instead of de-duplicated', async () => {
    const spec = withRules({ name: 'one_row_per_id', kind: 'unique', columns: ['id'], severity: 'quarantine' });
    await setUp(duck, spec, TARGET, [order(2, 'a', 1), order(2, 'b', 2), order(3, 'c', 3)]);
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id', 'status'])).toEqual([
      { id: 1, status: 'shipped' },
      { id: 3, status: 'c' },
    ]);
    expect(await duck.rows(R, 'status', ['id', 'status', '_gdp_rule'])).toEqual([
      { id: 2, status: 'a', _gdp_rule: 'one_row_per_id' },
      { id: 2, status: 'b', _gdp_rule: 'one_row_per_id' },
    ]);
  });

  it('an error while changing the target rolls back the quarantine and the target', async () => {
    const nullableId = ORDER_COLUMNS.map((c) => ({ ...c, mode: 'NULLABLE' as const }));
    const spec = ordersSpec('upsert', {
      source: { kind: 'table', table: ref('orders_staging'), columns: nullableId },
      quality: [{ name: 'amount_positive', kind: 'condition', condition: 'amount > 0', severity: 'quarantine' }],
      rejectedTable: R,
    });
    await setUp(duck, spec, TARGET, [order(2, 'new', -3), { ...order(9, 'new', 1), id: null }]);
    // The target's id is REQUIRED: inserting the row without an id fails inside the transaction.
    await expect(duck.runLoad(spec)).rejects.toThrow(/NOT NULL/);
    expect(await duck.rows(T, 'id', ['id', 'status'])).toEqual([{ id: 1, status: 'shipped' }]);
    expect(await duck.rows(R, 'id', ['id'])).toEqual([]);
  });

  it('compares accepted values as strings on string columns and escapes quotes', async () => {
    const spec = withRules({ name: 'odd_values', kind: 'accepted_values', columns: ['status'], values: ["it's", 7], severity: 'quarantine' });
    await setUp(duck, spec, [], [order(1, "it's", 1), order(2, '7', 1), order(3, 'x', 1)]);
    await duck.runLoad(spec);
    expect(await duck.rows(T, 'id', ['id'])).toEqual([{ id: 1 }, { id: 2 }]);
  });
});
