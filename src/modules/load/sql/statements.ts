/**
 * The data statements of a load, in order. The same list, rendered for BigQuery, is the core of the
 * generated procedure; rendered for DuckDB, tests execute it on fixture rows.
 *
 * Order: `init` (variables) → `stage` (files, then `_gdp_staged`: projected, cast, filtered source rows
 * with a row id) → `check` (fail and warn rules) → `change`, in one transaction (quarantine, de-duplication
 * into `_gdp_source`, partition bounds, the pattern's statements) → `log` (success row).
 */
import { renderSql } from './render';
import type { Dialect } from './dialect';
import { NO_MARKS, type PieceMarks } from './fragments';
import { buildModel, type LoadModel } from './model';
import { badRow, targetWindow } from './predicates';
import { PATTERNS } from './patterns';
import type { LoadSpec, QualityRule, RenderedStatement, StatementPhase } from './spec';
import { logTableColumns, REJECTED_COLUMNS } from './tables';
import { COUNTERS, VARS, type Variable } from './variables';

/** A load's statements and the variables they use. */
export interface LoadPlan {
  readonly model: LoadModel;
  readonly statements: readonly RenderedStatement[];
  readonly variables: readonly Variable[];
}

/** Collects the statements of a load; every statement comes from a template in `templates/load/`. */
export class StatementList {
  readonly statements: RenderedStatement[] = [];
  readonly variables = new Map<string, string>();
  /** What every template gets besides its own values. */
  readonly base: Record<string, unknown>;

  constructor(
    readonly model: LoadModel,
    readonly dialect: Dialect,
    /** Marks the SQL a user wrote where it is inserted (see fragments.ts). */
    readonly marks: Pick<PieceMarks, 'mark'> = NO_MARKS,
  ) {
    const d = dialect;
    const audit: { column: string; value: string }[] = [];
    const { loadTime, loadId } = model.audit;
    if (loadTime) audit.push({ column: loadTime.name, value: d.cast(d.variable(VARS.startedAt), loadTime.type) });
    if (loadId) audit.push({ column: loadId, value: d.variable(VARS.loadId) });
    this.base = {
      dialect,
      name: model.spec.name,
      target: model.target,
      keys: model.keys,
      loaded: model.loaded,
      logTable: model.spec.logTable,
      logColumns: logTableColumns().map((c) => c.name),
      // Audit columns are appended to INSERT column lists, VALUES and UPDATE SET lists.
      audit: {
        columns: audit.map((a) => `, ${d.identifier(a.column)}`).join(''),
        values: audit.map((a) => `, ${a.value}`).join(''),
        assignments: audit.map((a) => `, ${d.identifier(a.column)} = ${a.value}`).join(''),
      },
    };
  }

  /** Renders `templates/load/<template>.sql.hbs` as the next statement. */
  add(phase: StatementPhase, step: string, template: string, context: Record<string, unknown> = {}, extra: Partial<RenderedStatement> = {}): void {
    const sql = renderSql(template, { ...this.base, ...context, dialect: this.dialect });
    this.statements.push({ step, phase, sql, ...extra });
  }

  /** Declares a variable (BigQuery type) used by the statements. */
  declare(name: string, type: string): void {
    this.variables.set(name, type);
  }

  /** Adds a statement that assigns an expression (or scalar subquery) to a declared variable. */
  set(phase: StatementPhase, step: string, name: string, type: string, expression: string): void {
    this.declare(name, type);
    this.add(phase, step, 'set-variable', { variable: name, expression });
  }
}

/** The message of a failed `fail` rule (also raised by the generated procedure). */
export function qualityFailureMessage(loadName: string, rule: string, count: number | bigint | string): string {
  return `${qualityFailurePrefix(loadName, rule)}${count} row(s)`;
}

/** The text before the row count in {@link qualityFailureMessage}. */
export function qualityFailurePrefix(loadName: string, rule: string): string {
  return `load "${loadName}": quality rule "${rule}" failed for `;
}

function init(list: StatementList): void {
  const { model: m, dialect: d } = list;
  list.set('init', 'init', VARS.loadId, 'STRING', d.uuid());
  list.set('init', 'init', VARS.startedAt, 'TIMESTAMP', d.currentTimestamp());
  for (const counter of COUNTERS) list.set('init', 'init', counter, 'INTEGER', '0');
  if (m.window) list.set('init', 'init', VARS.windowStart, m.window.type, d.cast(d.daysAgo(m.window.days), m.window.type));
}

function stage(list: StatementList): void {
  const { model: m, dialect: d } = list;
  const s = m.spec.source;
  let from: string;
  if (s.kind === 'files') {
    const csv = s.format === 'CSV' ? (s.csv ?? {}) : {};
    list.add('stage', 'load_files', `stage-files.${d.id}`, {
      format: s.format,
      uris: s.uris.map((u) => d.stringLiteral(u)).join(', '),
      columns: s.columns,
      columnDefs: s.columns.map((c) => `${d.identifier(c.name)} ${d.columnType(c)}`).join(', '),
      // DuckDB's read_csv / read_json take the schema as a struct of type names.
      columnTypes: s.columns.map((c) => `${d.stringLiteral(c.name)}: ${d.stringLiteral(d.columnType(c))}`).join(', '),
      skipLeadingRows: csv.skipLeadingRows ?? 0,
      fieldDelimiter: csv.fieldDelimiter ?? '',
      isCsv: s.format === 'CSV',
      isJson: s.format === 'JSON',
    });
    from = '_gdp_files';
  } else if (s.kind === 'table') {
    from = d.table(s.table);
  } else {
    from = `(\n${list.marks.mark({ kind: 'query' }, s.sql.trim().replace(/;+\s*$/, ''))}\n) AS _gdp_query`;
  }
  const casts = m.spec.casts ?? {};
  list.add('stage', 'stage', 'stage', {
    columns: m.sourceColumns.map((name) => ({ name, cast: casts[name] ?? '' })),
    from,
    filter: s.kind === 'table' && s.filter?.trim() ? list.marks.mark({ kind: 'filter' }, s.filter.trim()) : '',
    window: m.window?.inSource ? targetWindow(m, d, 'R') : '',
  });
}

/** Columns whose accepted values are compared as strings. */
function stringColumns(m: LoadModel): Set<string> {
  const s = m.spec.source;
  const declared = s.kind === 'query' && !s.columns ? m.spec.target.columns : s.kind === 'query' ? (s.columns ?? []) : s.columns;
  const casts = m.spec.casts ?? {};
  const isString = (type: string): boolean => /^\s*STRING\b/i.test(type);
  return new Set(declared.filter((c) => isString(casts[c.name] ?? c.type)).map((c) => c.name));
}

/** The rule with its condition marked as SQL the user wrote (its index is its place in `spec.quality`). */
function marked(list: StatementList, rule: QualityRule): QualityRule {
  if (rule.kind !== 'condition' || rule.condition === undefined) return rule;
  return { ...rule, condition: list.marks.mark({ kind: 'condition', rule: list.model.quality.indexOf(rule) }, rule.condition.trim()) };
}

function checks(list: StatementList): void {
  const { model: m, dialect: d } = list;
  const strings = stringColumns(m);
  for (const rule of m.quality) {
    const bad = badRow(marked(list, rule), d, strings);
    if (rule.severity === 'fail') {
      list.declare(VARS.failed, 'INTEGER');
      list.add('check', `quality:${rule.name}`, 'quality-fail', { bad }, { failWhenPositive: { variable: VARS.failed, rule: rule.name } });
    } else if (rule.severity === 'warn') {
      list.add('check', `quality:${rule.name}`, 'quality-warn', { bad, message: `quality rule "${rule.name}" (warn) failed for ` });
    }
  }
}

function quarantine(list: StatementList): void {
  const { model: m, dialect: d } = list;
  const strings = stringColumns(m);
  const targetNames = m.spec.target.columns.map((c) => c.name);
  const columns = targetNames.filter((n) => m.sourceColumns.includes(n));
  for (const rule of m.quality.filter((r) => r.severity === 'quarantine')) {
    const context = { bad: badRow(marked(list, rule), d, strings), rule: rule.name, rejectedTable: m.spec.rejectedTable, columns, meta: REJECTED_COLUMNS };
    list.add('change', `quarantine:${rule.name}`, 'quarantine-insert', context, { addRowCountTo: VARS.rejected });
    list.add('change', `quarantine:${rule.name}`, 'quarantine-delete', context);
  }
}

function dedupe(list: StatementList): void {
  const { model: m, dialect: d } = list;
  const partitionBy = m.spec.pattern === 'scd2' && m.effectiveFrom ? [...m.keys, m.effectiveFrom] : [...m.keys];
  const orderBy = [
    ...m.orderBy.map((o) => `${d.identifier(o.column)} ${o.descending ? 'DESC' : 'ASC'} NULLS LAST`),
    // The row id breaks remaining ties, so one row is kept even without an ordering.
    '_gdp_row',
  ];
  list.add('change', 'dedupe', 'dedupe', { columns: m.sourceColumns, partitionBy, orderBy: orderBy.join(', ') });
}

function partitionBounds(list: StatementList): void {
  const { model: m, dialect: d } = list;
  const p = m.partition;
  if (!p?.fromSource || m.spec.pattern === 'append') return;
  const col = `S.${d.identifier(p.column)}`;
  const from = (aggregate: string): string => `SELECT ${aggregate} FROM _gdp_source AS S`;
  if (m.spec.pattern === 'partition_replace') {
    list.set('change', 'partition_bounds', VARS.partLo, p.columnType, from(`MIN(${d.partitionStart(col, p.columnType, p.granularity)})`));
    const lastStart = d.partitionStart(`MAX(${col})`, p.columnType, p.granularity);
    list.set('change', 'partition_bounds', VARS.partEnd, p.columnType, from(d.nextPartitionStart(lastStart, p.columnType, p.granularity)));
  } else {
    list.set('change', 'partition_bounds', VARS.partLo, p.columnType, from(`MIN(${col})`));
    list.set('change', 'partition_bounds', VARS.partHi, p.columnType, from(`MAX(${col})`));
  }
}

/**
 * Builds a load's statements and variables (throws on a broken invariant of the spec). With `marks`, the
 * SQL a user wrote is marked where it is inserted.
 */
export function planLoad(spec: LoadSpec, dialect: Dialect, marks: Pick<PieceMarks, 'mark'> = NO_MARKS): LoadPlan {
  const model = buildModel(spec);
  const list = new StatementList(model, dialect, marks);
  init(list);
  stage(list);
  checks(list);
  quarantine(list);
  dedupe(list);
  partitionBounds(list);
  PATTERNS[spec.pattern](list);
  list.add('log', 'log_success', 'log-success', { status: 'success', counters: [VARS.inserted, VARS.updated, VARS.deleted, VARS.rejected] });
  return {
    model,
    statements: list.statements,
    variables: [...list.variables].map(([name, type]) => ({ name, type })),
  };
}

/** The data statements of a load, in order, for an engine (see the module comment for the phases). */
export function renderLoadStatements(spec: LoadSpec, dialect: Dialect): RenderedStatement[] {
  return [...planLoad(spec, dialect).statements];
}
