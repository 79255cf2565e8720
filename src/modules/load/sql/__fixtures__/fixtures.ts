/**
 * Fixture load specs: an `orders` target fed from an `orders_staging` table, in the test project.
 */
import type { LoadPattern, LoadSpec, SqlColumn } from '../spec';
import { Duck, ref, type Row } from './duckdb-harness';

/** Columns of the `orders` target (and, unless a test says otherwise, of its staging source). */
export const ORDER_COLUMNS: SqlColumn[] = [
  { name: 'id', type: 'INTEGER', mode: 'REQUIRED' },
  { name: 'order_date', type: 'DATE', mode: 'NULLABLE' },
  { name: 'status', type: 'STRING', mode: 'NULLABLE' },
  { name: 'amount', type: 'NUMERIC', mode: 'NULLABLE' },
  { name: 'created_at', type: 'TIMESTAMP', mode: 'NULLABLE' },
  { name: 'updated_at', type: 'TIMESTAMP', mode: 'NULLABLE' },
];

/** Audit columns some tests add to the target. */
export const AUDIT_COLUMNS: SqlColumn[] = [
  { name: 'loaded_at', type: 'TIMESTAMP', mode: 'NULLABLE' },
  { name: 'load_id', type: 'STRING', mode: 'NULLABLE' },
];

/** A load of `orders_staging` into `orders`, keyed on id, newest `updated_at` first. */
export function ordersSpec(pattern: LoadPattern, overrides: Partial<LoadSpec> = {}): LoadSpec {
  return {
    name: 'orders_load',
    pattern,
    target: { table: ref('orders'), columns: ORDER_COLUMNS, requirePartitionFilter: false },
    source: { kind: 'table', table: ref('orders_staging'), columns: ORDER_COLUMNS },
    keys: ['id'],
    orderBy: [{ column: 'updated_at', descending: true }],
    quality: [],
    logTable: ref('load_log'),
    ...overrides,
  };
}

/** The same spec with a target partitioned by day on `order_date` (partition filter required). */
export function partitioned(spec: LoadSpec, granularity: 'DAY' | 'MONTH' = 'DAY'): LoadSpec {
  return { ...spec, target: { ...spec.target, partition: { column: 'order_date', granularity, columnType: 'DATE' }, requirePartitionFilter: true } };
}

/** Creates target, source, log (and rejected) tables with rows. */
export async function setUp(duck: Duck, spec: LoadSpec, target: Row[], source: Row[]): Promise<void> {
  await duck.table(spec.target.table, spec.target.columns, target);
  if (spec.source.kind === 'table') await duck.table(spec.source.table, spec.source.columns, source);
  await duck.logTables(spec);
}

/** A timestamp literal as DuckDB prints TIMESTAMPTZ values in UTC. */
export const ts = (text: string): string => `${text}+00`;
