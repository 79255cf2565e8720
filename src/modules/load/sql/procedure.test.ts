/**
 * The BigQuery procedure text: partition pruning predicates, quoting of every identifier, the script's
 * structure (declarations, transaction, row counts, error handling), and the same statement logic as
 * the DuckDB statements the other tests execute.
 */
import { bigQuery, duckDb } from './dialect';
import { SqlInternalError } from './errors';
import { renderLoadProcedure, renderLoadStatements, type LoadPattern, type LoadSpec, type SqlColumn } from './spec';
import { ref } from './__fixtures__/duckdb-harness';
import { AUDIT_COLUMNS, ORDER_COLUMNS, ordersSpec, partitioned } from './__fixtures__/fixtures';

const TARGET = '`test-proj`.`sales`.`orders`';
const P = 'T.`order_date`';

const scd2Spec = (spec: LoadSpec): LoadSpec => ({
  ...spec,
  target: {
    ...spec.target,
    columns: [
      ...spec.target.columns,
      { name: 'valid_from', type: 'TIMESTAMP', mode: 'NULLABLE' },
      { name: 'valid_to', type: 'TIMESTAMP', mode: 'NULLABLE' },
      { name: 'is_current', type: 'BOOLEAN', mode: 'NULLABLE' },
    ],
  },
  scd2: { validFrom: 'valid_from', validTo: 'valid_to', isCurrent: 'is_current', hardDeletes: 'close' },
});

const specFor = (pattern: LoadPattern, overrides: Partial<LoadSpec> = {}): LoadSpec => {
  const spec = partitioned(ordersSpec(pattern, overrides));
  return pattern === 'scd2' ? scd2Spec(spec) : spec;
};

const PATTERNS: LoadPattern[] = ['append', 'upsert', 'full_sync', 'partition_replace', 'scd2'];

describe('partition pruning', () => {
  it.each(PATTERNS)('%s: every statement that reads or changes the partitioned target has a predicate on the partition column', (pattern) => {
    const statements = renderLoadStatements(specFor(pattern), bigQuery);
    const touching = statements.filter((s) => s.sql.includes(`${TARGET} AS T`));
    if (pattern !== 'append') expect(touching.length).toBeGreaterThan(0);
    for (const s of touching) expect({ step: s.step, pruned: s.sql.includes(`${P} BETWEEN _gdp_part_lo AND _gdp_part_hi`) || s.sql.includes(`${P} >= _gdp_part_lo`) || s.sql.includes(`${P} IS NULL OR ${P} IS NOT NULL`) }).toEqual({ step: s.step, pruned: true });
  });

  it('upsert: the MERGE matches within the source range, computed into DATE variables first', () => {
    const sql = renderLoadProcedure(specFor('upsert'));
    expect(sql).toContain('  DECLARE _gdp_part_lo DATE;\n  DECLARE _gdp_part_hi DATE;\n');
    const lo = sql.indexOf('SET _gdp_part_lo = (SELECT MIN(S.`order_date`) FROM _gdp_source AS S);');
    const hi = sql.indexOf('SET _gdp_part_hi = (SELECT MAX(S.`order_date`) FROM _gdp_source AS S);');
    const merge = sql.indexOf(`MERGE INTO ${TARGET} AS T\nUSING _gdp_source AS S\nON T.\`id\` = S.\`id\` AND (${P} BETWEEN _gdp_part_lo AND _gdp_part_hi OR ${P} IS NULL)\n`);
    expect([lo, hi, merge].every((i) => i > 0)).toBe(true);
    expect(lo).toBeLessThan(merge);
    expect(hi).toBeLessThan(merge);
  });

  it('full_sync with a window on the partition column deletes only inside the window', () => {
    const sql = renderLoadProcedure(specFor('full_sync', { window: { column: 'order_date', days: 7 } }));
    expect(sql).toContain('SET _gdp_window_start = (CAST(DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY) AS DATE));');
    expect(sql).toContain(`WHEN NOT MATCHED BY SOURCE AND ${P} >= _gdp_window_start THEN\n  DELETE;`);
    expect(sql).toContain(`WHERE R.\`order_date\` >= _gdp_window_start;`);
  });

  it('full_sync without a window still gives the delete a partition predicate (every partition)', () => {
    const sql = renderLoadProcedure(specFor('full_sync'));
    expect(sql).toContain(`WHEN NOT MATCHED BY SOURCE AND (${P} IS NULL OR ${P} IS NOT NULL) THEN\n  DELETE;`);
  });

  it('partition_replace deletes a constant range of whole partitions, then the exact partitions of the source', () => {
    const sql = renderLoadProcedure(specFor('partition_replace', {}));
    expect(sql).toContain('SET _gdp_part_lo = (SELECT MIN(S.`order_date`) FROM _gdp_source AS S);');
    expect(sql).toContain('SET _gdp_part_end = (SELECT DATE_ADD(MAX(S.`order_date`), INTERVAL 1 DAY) FROM _gdp_source AS S);');
    expect(sql).toContain(
      `DELETE FROM ${TARGET} AS T\nWHERE (${P} >= _gdp_part_lo AND ${P} < _gdp_part_end AND ${P} IN (SELECT S.\`order_date\` FROM _gdp_source AS S))`,
    );
    const monthly = renderLoadProcedure(partitioned(ordersSpec('partition_replace'), 'MONTH'));
    expect(monthly).toContain('SELECT DATE_ADD(DATE_TRUNC(MAX(S.`order_date`), MONTH), INTERVAL 1 MONTH) FROM _gdp_source AS S');
    expect(monthly).toContain('AND DATE_TRUNC(T.`order_date`, MONTH) IN (SELECT DATE_TRUNC(S.`order_date`, MONTH) FROM _gdp_source AS S)');
  });

  it('an unpartitioned target gets no partition variables or predicates', () => {
    const sql = renderLoadProcedure(ordersSpec('full_sync'));
    expect(sql).not.toContain('_gdp_part_');
    expect(sql).toContain('WHEN NOT MATCHED BY SOURCE THEN\n  DELETE;');
  });
});

describe('quoting', () => {
  // Reserved words as names: any unquoted use would be a syntax error in BigQuery.
  const COLUMNS: SqlColumn[] = ['select', 'from', 'order', 'group', 'window', 'limit'].map((name, i) => ({
    name,
    type: i === 1 ? 'DATE' : 'STRING',
    mode: 'NULLABLE' as const,
  }));
  const table = { project: 'test-proj', dataset: 'join', table: 'where' };
  const spec = (pattern: LoadPattern): LoadSpec => {
    const base: LoadSpec = {
      name: 'reserved',
      pattern,
      target: { table, columns: COLUMNS, partition: { column: 'from', granularity: 'DAY', columnType: 'DATE' }, requirePartitionFilter: true },
      source: { kind: 'table', table: { ...table, table: 'having' }, columns: COLUMNS.slice(0, 5) },
      keys: ['select'],
      orderBy: [{ column: 'order', descending: true }],
      updateColumns: ['group'],
      window: { column: 'from', days: 3 },
      audit: { loadId: 'limit' },
      quality: [{ name: 'rule', kind: 'unique', columns: ['group', 'window'], severity: 'quarantine' }],
      logTable: { ...table, table: 'qualify' },
      rejectedTable: { ...table, table: 'rows' },
    };
    if (pattern !== 'scd2') return base;
    return {
      ...base,
      target: { ...base.target, columns: [...COLUMNS, { name: 'start', type: 'DATE', mode: 'NULLABLE' }, { name: 'end', type: 'DATE', mode: 'NULLABLE' }, { name: 'current', type: 'BOOL', mode: 'NULLABLE' }] },
      updateColumns: undefined,
      scd2: { validFrom: 'start', validTo: 'end', isCurrent: 'current', hardDeletes: 'close' },
    };
  };
  const NAMES = ['select', 'from', 'order', 'group', 'window', 'limit', 'join', 'where', 'having', 'qualify', 'rows', 'start', 'end', 'current', 'test-proj'];

  it.each(PATTERNS)('%s: every column, dataset and table name is backtick-quoted', (pattern) => {
    const sql = renderLoadProcedure(spec(pattern));
    for (const name of NAMES) {
      const unquoted = new RegExp(`(?<![\\w\`-])${name.replace('-', '\\-')}(?![\\w\`-])`, 'g');
      expect({ name, unquoted: sql.match(unquoted) ?? [] }).toEqual({ name, unquoted: [] });
    }
    expect(sql).toContain('`test-proj`.`join`.`where`');
  });
});

describe('identifier validation', () => {
  const evil = ['id`; DROP TABLE x; --', 'a"b', "a'b", '1abc', '', 'a b', 'naïve', 'x\n'];

  it.each(evil)('rejects the column name %j before rendering anything', (name) => {
    const columns = [...ORDER_COLUMNS, { name, type: 'STRING', mode: 'NULLABLE' as const }];
    expect(() => renderLoadProcedure(ordersSpec('upsert', { target: { table: ref('orders'), columns, requirePartitionFilter: false } }))).toThrow(SqlInternalError);
  });

  it.each([
    [{ project: 'evil`.x', dataset: 'sales', table: 'orders' }],
    [{ project: 'test-proj', dataset: 'sales`; DROP', table: 'orders' }],
    [{ project: 'test-proj', dataset: 'sales', table: 'orders"' }],
  ])('rejects the table reference %j', (table) => {
    expect(() => renderLoadProcedure(ordersSpec('append', { logTable: table }))).toThrow(SqlInternalError);
  });

  it('rejects a quality rule name that is not an identifier', () => {
    const spec = ordersSpec('append', { quality: [{ name: "x'); DROP", kind: 'not_null', columns: ['id'], severity: 'warn' }] });
    expect(() => renderLoadProcedure(spec)).toThrow(/is not a valid identifier/);
  });
});

describe('procedure structure', () => {
  const spec = partitioned(
    ordersSpec('upsert', {
      target: { table: ref('orders'), columns: [...ORDER_COLUMNS, ...AUDIT_COLUMNS], requirePartitionFilter: true },
      audit: { loadTime: 'loaded_at', loadId: 'load_id' },
      rejectedTable: ref('orders_rejected'),
      quality: [
        { name: 'id_present', kind: 'not_null', columns: ['id'], severity: 'fail' },
        { name: 'known_status', kind: 'accepted_values', columns: ['status'], values: ['new'], severity: 'warn' },
        { name: 'amount_positive', kind: 'condition', condition: 'amount > 0 -- no refunds', severity: 'quarantine' },
      ],
    }),
  );
  const sql = renderLoadProcedure(spec);
  const at = (text: string): number => {
    const i = sql.indexOf(text);
    if (i < 0) throw new Error(`not found: ${text}`);
    return i;
  };

  it('is one BEGIN … END; block that declares every variable first', () => {
    expect(sql.startsWith('BEGIN\n')).toBe(true);
    expect(sql.endsWith('\nEND;\n')).toBe(true);
    const lines = sql.split('\n').map((l) => l.trim());
    const lastDeclare = lines.map((l) => l.startsWith('DECLARE ')).lastIndexOf(true);
    const firstOther = lines.findIndex((l, i) => i > 0 && l !== '' && !l.startsWith('DECLARE ') && !l.startsWith('--'));
    expect(lastDeclare).toBeLessThan(firstOther);
    for (const v of ['_gdp_load_id STRING', '_gdp_started_at TIMESTAMP', '_gdp_rows_merged INT64', '_gdp_failed_rows INT64', '_gdp_in_transaction BOOL DEFAULT FALSE']) {
      expect(sql).toContain(`DECLARE ${v};`);
    }
  });

  it('raises on a failed rule before the transaction, logs warnings, then changes the target in a transaction', () => {
    const raise = at(`IF _gdp_failed_rows > 0 THEN\n  RAISE USING MESSAGE = CONCAT('load "orders_load": quality rule "id_present" failed for ', CAST(_gdp_failed_rows AS STRING), ' row(s)');\nEND IF;`);
    const warn = at("'warning', NULL, NULL, NULL, NULL,\n  CONCAT('quality rule \"known_status\" (warn) failed for '");
    const begin = at('    BEGIN TRANSACTION;\n    SET _gdp_in_transaction = TRUE;');
    const quarantine = at('INSERT INTO `test-proj`.`sales`.`orders_rejected`');
    const merge = at(`MERGE INTO ${TARGET} AS T`);
    const commit = at('    COMMIT TRANSACTION;\n    SET _gdp_in_transaction = FALSE;');
    const success = at("VALUES ('orders_load', _gdp_load_id, 'success', _gdp_rows_inserted, _gdp_rows_updated, _gdp_rows_deleted, _gdp_rows_rejected, NULL, _gdp_started_at, CURRENT_TIMESTAMP());");
    expect([raise, warn, begin, quarantine, merge, commit, success]).toEqual([...[raise, warn, begin, quarantine, merge, commit, success]].sort((a, b) => a - b));
  });

  it('adds @@row_count to a counter after each counted DML statement', () => {
    expect(sql).toContain('WHERE NOT COALESCE((amount > 0 -- no refunds\n), TRUE);\nSET _gdp_rows_rejected = _gdp_rows_rejected + @@row_count;');
    expect(sql).toMatch(/THEN\n {2}INSERT[^;]*;\nSET _gdp_rows_merged = _gdp_rows_merged \+ @@row_count;/);
    expect(sql).toContain('SET _gdp_rows_updated = (_gdp_rows_merged - _gdp_rows_inserted - _gdp_rows_deleted);');
  });

  it('fills audit columns on insert and update', () => {
    expect(sql).toContain('`loaded_at` = CAST(_gdp_started_at AS TIMESTAMP), `load_id` = _gdp_load_id');
    expect(sql).toContain('S.`updated_at`, CAST(_gdp_started_at AS TIMESTAMP), _gdp_load_id)');
  });

  it('on error: rolls back only an open transaction, logs the error message and raises naming the load', () => {
    const handler = sql.slice(at('  EXCEPTION WHEN ERROR THEN\n'));
    expect(handler).toBe(
      [
        '  EXCEPTION WHEN ERROR THEN',
        '    IF _gdp_in_transaction THEN',
        '      ROLLBACK TRANSACTION;',
        '    END IF;',
        '    INSERT INTO `test-proj`.`sales`.`load_log` (`load_name`, `load_id`, `status`, `rows_inserted`, `rows_updated`, `rows_deleted`, `rows_rejected`, `message`, `started_at`, `finished_at`)',
        "    VALUES ('orders_load', _gdp_load_id, 'error', NULL, NULL, NULL, NULL, @@error.message, _gdp_started_at, CURRENT_TIMESTAMP());",
        `    RAISE USING MESSAGE = CONCAT('load "orders_load" failed: ', @@error.message);`,
        '  END;',
        'END;',
        '',
      ].join('\n'),
    );
  });
});

describe('one statement logic for both dialects', () => {
  /** Rewrites DuckDB text with BigQuery's quoting, variables and function and type names. */
  const asBigQuery = (sql: string): string =>
    sql
      .replace(/getvariable\('(_gdp_\w+)'\)/g, '$1')
      .replace(/SET VARIABLE /g, 'SET ')
      // Quoted identifiers outside string literals.
      .split(/('(?:[^']|'')*')/)
      .map((part, i) => (i % 2 ? part : part.replace(/"([A-Za-z0-9_-]+)"/g, '`$1`')))
      .join('')
      .replace(/TRY_CAST\(/g, 'SAFE_CAST(')
      .replace(/CAST\(uuid\(\) AS VARCHAR\)/g, 'GENERATE_UUID()')
      .replace(/now\(\)/g, 'CURRENT_TIMESTAMP()')
      .replace(/ AS TIMESTAMPTZ\)/g, ' AS TIMESTAMP)')
      .replace(/ AS VARCHAR\)/g, ' AS STRING)')
      .replace(/ AS DECIMAL\(38,9\)\)/g, ' AS NUMERIC)');

  it.each(PATTERNS)('%s: the DuckDB statements are the BigQuery statements up to dialect calls', (pattern) => {
    const spec = specFor(pattern, {
      rejectedTable: ref('orders_rejected'),
      casts: { amount: 'NUMERIC' },
      quality: [
        { name: 'q1', kind: 'unique', columns: ['id'], severity: 'warn' },
        { name: 'q2', kind: 'accepted_values', columns: ['status'], values: ['a', 'b'], severity: 'quarantine' },
      ],
    });
    const big = renderLoadStatements(spec, bigQuery);
    const duck = renderLoadStatements(spec, duckDb);
    expect(duck.map((s) => [s.phase, s.step])).toEqual(big.map((s) => [s.phase, s.step]));
    // Partition bounds of partition_replace use date functions that differ by name.
    const comparable = (s: { step: string }) => s.step !== 'partition_bounds' && s.step !== 'delete_partitions';
    expect(duck.filter(comparable).map((s) => asBigQuery(s.sql))).toEqual(big.filter(comparable).map((s) => s.sql));
  });
});
