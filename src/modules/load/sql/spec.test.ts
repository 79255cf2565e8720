/**
 * The spec's invariants (the load module guarantees them; a broken one is an internal error naming the
 * load and the field), and the schemas of the log and rejected tables.
 */
import { SqlInternalError } from './errors';
import { logTableColumns, rejectedTableColumns, renderLoadProcedure, type LoadSpec } from './spec';
import { ref } from './__fixtures__/duckdb-harness';
import { ORDER_COLUMNS, ordersSpec, partitioned } from './__fixtures__/fixtures';

describe('spec invariants', () => {
  const cases: [string, LoadSpec, RegExp][] = [
    ['keys missing for upsert', ordersSpec('upsert', { keys: [] }), /the upsert pattern needs keys/],
    ['unknown key', ordersSpec('upsert', { keys: ['nope'] }), /key "nope" is not one of/],
    ['unknown update column', ordersSpec('upsert', { updateColumns: ['id'] }), /update column "id" is not one of/],
    ['unknown excluded column', ordersSpec('upsert', { excludeColumns: ['x'] }), /excluded column "x"/],
    ['unknown orderBy column', ordersSpec('upsert', { orderBy: [{ column: 'x', descending: true }] }), /orderBy column "x"/],
    ['cast of an unknown column', ordersSpec('upsert', { casts: { x: 'DATE' } }), /cast column "x"/],
    ['audit column not in the target', ordersSpec('append', { audit: { loadId: 'load_id' } }), /audit.loadId "load_id" is not a target column/],
    ['audit time of a non-time column', ordersSpec('append', { audit: { loadTime: 'status' } }), /audit.loadTime must be a DATE, TIMESTAMP or DATETIME/],
    ['window on a non-time column', ordersSpec('full_sync', { window: { column: 'status', days: 3 } }), /window column must be/],
    ['partition_replace without a partition', ordersSpec('partition_replace'), /partition_replace needs a partitioned target/],
    ['scd2 without its settings', ordersSpec('scd2'), /scd2 settings go with/],
    ['quarantine without a rejected table', ordersSpec('append', { quality: [{ name: 'r', kind: 'not_null', columns: ['id'], severity: 'quarantine' }] }), /no rejectedTable/],
    ['accepted_values without values', ordersSpec('append', { quality: [{ name: 'r', kind: 'accepted_values', columns: ['status'], values: [], severity: 'warn' }] }), /non-empty list of values/],
    ['condition without SQL', ordersSpec('append', { quality: [{ name: 'r', kind: 'condition', condition: ' ', severity: 'warn' }] }), /has no condition/],
    ['rule on an unknown column', ordersSpec('append', { quality: [{ name: 'r', kind: 'not_null', columns: ['x'], severity: 'warn' }] }), /quality rule "r" column "x"/],
    ['an unknown pattern', ordersSpec('merge' as LoadSpec['pattern']), /"merge" is not a load pattern/],
    [
      'a negative skipLeadingRows',
      ordersSpec('append', { source: { kind: 'files', uris: ['gs://b/a.csv'], format: 'CSV', csv: { skipLeadingRows: -1 }, columns: ORDER_COLUMNS } }),
      /skipLeadingRows must be a non-negative integer/,
    ],
    ['a files source without uris', ordersSpec('append', { source: { kind: 'files', uris: [], format: 'CSV', columns: ORDER_COLUMNS } }), /needs non-empty uris/],
    [
      'a non-finite accepted value',
      ordersSpec('append', { quality: [{ name: 'r', kind: 'accepted_values', columns: ['amount'], values: [Infinity], severity: 'warn' }] }),
      /accepted value Infinity is not a finite number/,
    ],
    [
      'a reserved _gdp_ column',
      ordersSpec('append', { target: { table: ref('orders'), columns: [...ORDER_COLUMNS, { name: '_gdp_row', type: 'STRING', mode: 'NULLABLE' }], requirePartitionFilter: false } }),
      /reserved prefix _gdp_/,
    ],
    [
      'a duplicate column',
      ordersSpec('append', { target: { table: ref('orders'), columns: [...ORDER_COLUMNS, { name: 'ID', type: 'STRING', mode: 'NULLABLE' }], requirePartitionFilter: false } }),
      /column "ID" is declared twice/,
    ],
    [
      'partition columnType differing from the column',
      { ...partitioned(ordersSpec('upsert')), target: { ...partitioned(ordersSpec('upsert')).target, partition: { column: 'order_date', granularity: 'DAY', columnType: 'TIMESTAMP' } } },
      /partition columnType TIMESTAMP differs/,
    ],
  ];

  it.each(cases)('%s', (_label, spec, message) => {
    expect(() => renderLoadProcedure(spec)).toThrow(SqlInternalError);
    expect(() => renderLoadProcedure(spec)).toThrow(message);
    expect(() => renderLoadProcedure(spec)).toThrow(/^internal error in SQL generation: load "orders_load": /);
  });
});

describe('log and rejected tables', () => {
  it('the log table has the agreed columns', () => {
    expect(logTableColumns().map((c) => `${c.name} ${c.type} ${c.mode}`)).toEqual([
      'load_name STRING REQUIRED',
      'load_id STRING REQUIRED',
      'status STRING REQUIRED',
      'rows_inserted INTEGER NULLABLE',
      'rows_updated INTEGER NULLABLE',
      'rows_deleted INTEGER NULLABLE',
      'rows_rejected INTEGER NULLABLE',
      'message STRING NULLABLE',
      'started_at TIMESTAMP REQUIRED',
      'finished_at TIMESTAMP REQUIRED',
    ]);
  });

  it('the rejected table has the target columns, all nullable, then the rule, load id and time', () => {
    expect(rejectedTableColumns(ORDER_COLUMNS.slice(0, 2)).map((c) => `${c.name} ${c.type} ${c.mode}`)).toEqual([
      'id INTEGER NULLABLE',
      'order_date DATE NULLABLE',
      '_gdp_rule STRING REQUIRED',
      '_gdp_load_id STRING REQUIRED',
      '_gdp_rejected_at TIMESTAMP REQUIRED',
    ]);
  });
});
