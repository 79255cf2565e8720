/**
 * Runs generated load statements in an in-memory DuckDB, the way the BigQuery procedure runs them:
 * init/stage/check outside a transaction (a `fail` rule throws before anything changes), the change
 * statements in one transaction (rolled back on error), then the log row. `@@row_count` becomes adding
 * DuckDB's changed-row count to the statement's counter variable.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { duckDb } from '../dialect';
import { logTableColumns, rejectedTableColumns, renderLoadStatements, qualityFailureMessage, type LoadSpec, type SqlColumn, type TableRef } from '../spec';

/** The project every test table lives in (an attached in-memory database). */
export const PROJECT = 'test-proj';
/** The dataset every test table lives in. */
export const DATASET = 'sales';

/** A table of the test project. */
export const ref = (table: string): TableRef => ({ project: PROJECT, dataset: DATASET, table });

/** A cell value of a fixture row. */
export type Cell = string | number | boolean | null;
/** A fixture row, keyed by column name. */
export type Row = Record<string, Cell>;

/** The counters of a run, read back from the script variables. */
export interface RunCounts {
  inserted: number;
  updated: number;
  deleted: number;
  rejected: number;
}

/** An in-memory DuckDB with the test project's dataset. */
export class Duck {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  /** Opens a fresh database (UTC, so CURRENT_DATE matches BigQuery's). */
  static async open(): Promise<Duck> {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`SET TimeZone = 'UTC'`);
    await conn.run(`ATTACH ':memory:' AS "${PROJECT}"`);
    await conn.run(`CREATE SCHEMA "${PROJECT}"."${DATASET}"`);
    return new Duck(instance, conn);
  }

  /** Closes the connection and the database. */
  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /** Creates a table from column definitions (REQUIRED → NOT NULL), optionally with rows. */
  async table(table: TableRef, columns: readonly SqlColumn[], rows: readonly Row[] = []): Promise<void> {
    const defs = columns.map((c) => `${duckDb.identifier(c.name)} ${duckDb.columnType(c)}${c.mode === 'REQUIRED' ? ' NOT NULL' : ''}`).join(', ');
    await this.conn.run(`CREATE TABLE ${duckDb.table(table)} (${defs})`);
    if (rows.length) await this.insert(table, columns, rows);
  }

  /** Inserts fixture rows (strings are cast to the column's type). */
  async insert(table: TableRef, columns: readonly SqlColumn[], rows: readonly Row[]): Promise<void> {
    const literal = (value: Cell, column: SqlColumn): string => {
      if (value === null || value === undefined) return 'NULL';
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return duckDb.cast(duckDb.stringLiteral(value), column.type);
    };
    const values = rows.map((r) => `(${columns.map((c) => literal(r[c.name] ?? null, c)).join(', ')})`);
    await this.conn.run(`INSERT INTO ${duckDb.table(table)} (${columns.map((c) => duckDb.identifier(c.name)).join(', ')}) VALUES ${values.join(', ')}`);
  }

  /** Creates the log table (and the rejected table of a target when given). */
  async logTables(spec: LoadSpec): Promise<void> {
    await this.table(spec.logTable, logTableColumns());
    if (spec.rejectedTable) await this.table(spec.rejectedTable, rejectedTableColumns(spec.target.columns));
  }

  /** Reads a table's rows as plain values, ordered; numbers of numeric columns become numbers. */
  async rows(table: TableRef, orderBy: string, columns?: readonly string[]): Promise<Row[]> {
    const select = columns ? columns.map((c) => duckDb.identifier(c)).join(', ') : '*';
    return this.query(`SELECT ${select} FROM ${duckDb.table(table)} ORDER BY ${orderBy}`);
  }

  /** Runs a query and returns JSON-like rows (integers and decimals as numbers). */
  async query(sql: string): Promise<Row[]> {
    const reader = await this.conn.runAndReadAll(sql);
    const types = reader.columnTypes().map((t) => t.toString());
    const names = reader.columnNames();
    return reader.getRowObjectsJson().map((row) => {
      const out: Row = {};
      names.forEach((name, i) => {
        const v = row[name];
        out[name] = typeof v === 'string' && /^(BIGINT|INTEGER|HUGEINT|DECIMAL)/.test(types[i]) ? Number(v) : (v as Cell);
      });
      return out;
    });
  }

  /** Runs a load's statements; returns the counters. Throws the quality failure or SQL error (after ROLLBACK). */
  async runLoad(spec: LoadSpec): Promise<RunCounts> {
    const statements = renderLoadStatements(spec, duckDb);
    const run = async (phases: readonly string[]): Promise<void> => {
      for (const s of statements.filter((x) => phases.includes(x.phase))) {
        const result = await this.conn.run(s.sql);
        if (s.addRowCountTo) {
          const v = s.addRowCountTo;
          await this.conn.run(`SET VARIABLE ${v} = getvariable('${v}') + ${result.rowsChanged}`);
        }
        if (s.failWhenPositive) {
          const [{ n }] = await this.query(`SELECT getvariable('${s.failWhenPositive.variable}') AS n`);
          if (Number(n) > 0) throw new Error(qualityFailureMessage(spec.name, s.failWhenPositive.rule, Number(n)));
        }
      }
    };
    await run(['init', 'stage', 'check']);
    await this.conn.run('BEGIN TRANSACTION');
    try {
      await run(['change']);
      await this.conn.run('COMMIT');
    } catch (e) {
      await this.conn.run('ROLLBACK');
      throw e;
    }
    await run(['log']);
    const [c] = await this.query(
      `SELECT getvariable('_gdp_rows_inserted') AS inserted, getvariable('_gdp_rows_updated') AS updated, ` +
        `getvariable('_gdp_rows_deleted') AS deleted, getvariable('_gdp_rows_rejected') AS rejected`,
    );
    return { inserted: Number(c.inserted), updated: Number(c.updated), deleted: Number(c.deleted), rejected: Number(c.rejected) };
  }

  /** The current value of a script variable, as text. */
  async variable(name: string): Promise<Cell> {
    const [row] = await this.query(`SELECT CAST(getvariable('${name}') AS VARCHAR) AS v`);
    return row.v;
  }
}

/** `YYYY-MM-DD` of today (UTC) plus `days`. */
export function isoDate(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
