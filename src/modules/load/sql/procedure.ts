/**
 * The BigQuery procedure of a load: the load's statements ({@link planLoad}, BigQuery dialect) wrapped in
 * a script with declared variables, a transaction, row counts, the log table and error handling.
 *
 * Layout: DECLAREs; init; then one block with an exception handler: LOAD DATA (files sources) and the
 * staging, fail/warn checks (a failing rule RAISEs before the target changes), BEGIN TRANSACTION, the
 * quarantine, de-duplication and change statements with `@@row_count` added to counters after each DML,
 * COMMIT, and a success row in the log table. On any error: ROLLBACK if a transaction is open, an error
 * row with `@@error.message` in the log table, and a RAISE naming the load.
 */
import { renderSql } from './render';
import { bigQuery } from './dialect';
import { hasMarkCharacters, NO_MARKS, PieceMarks, type PieceRange } from './fragments';
import type { LoadSpec, RenderedStatement } from './spec';
import { planLoad, qualityFailurePrefix } from './statements';
import { logTableColumns } from './tables';

/** A statement with the script lines that follow it. */
interface ScriptItem {
  readonly step: string;
  readonly sql: string;
  readonly after: readonly string[];
}

function scriptItem(s: RenderedStatement, loadName: string, marks: Pick<PieceMarks, 'mark'>): ScriptItem {
  const d = bigQuery;
  const after: string[] = [];
  if (s.addRowCountTo) after.push(`SET ${d.variable(s.addRowCountTo)} = ${d.variable(s.addRowCountTo)} + @@row_count;`);
  if (s.failWhenPositive) {
    const v = d.variable(s.failWhenPositive.variable);
    const prefix = d.stringLiteral(qualityFailurePrefix(loadName, s.failWhenPositive.rule));
    after.push(`IF ${v} > 0 THEN`, `  RAISE USING MESSAGE = CONCAT(${prefix}, CAST(${v} AS STRING), ' row(s)');`, 'END IF;');
  }
  return { step: s.step, sql: marks.mark({ kind: 'statement', step: s.step }, s.sql), after };
}

/** A procedure body and where its pieces are: the SQL users wrote, and each generated statement. */
export interface MappedProcedure {
  /** The body, exactly as {@link renderLoadProcedure} gives it. */
  readonly sql: string;
  /**
   * `[start, end)` string offsets in {@link sql} of each statement and of each piece of user SQL in it
   * (a quality condition can be in several statements), by start.
   */
  readonly pieces: readonly PieceRange[];
}

/** The BigQuery procedure body (`BEGIN … END;`) of a load. */
export function renderLoadProcedure(spec: LoadSpec): string {
  return render(spec, NO_MARKS);
}

/**
 * The BigQuery procedure body of a load, with the places of its statements and of the SQL users wrote
 * (none in the rare case that the body holds characters the places are marked with).
 */
export function renderMappedLoadProcedure(spec: LoadSpec): MappedProcedure {
  const sql = render(spec, NO_MARKS);
  if (hasMarkCharacters(sql)) return { sql, pieces: [] };
  const marks = new PieceMarks();
  const { text, ranges } = marks.extract(render(spec, marks));
  return { sql, pieces: text === sql ? ranges : [] };
}

function render(spec: LoadSpec, marks: Pick<PieceMarks, 'mark'>): string {
  const plan = planLoad(spec, bigQuery, marks);
  const items = (phases: readonly string[]): ScriptItem[] =>
    plan.statements.filter((s) => phases.includes(s.phase)).map((s) => scriptItem(s, spec.name, marks));
  return `${renderSql('procedure', {
    dialect: bigQuery,
    name: spec.name,
    pattern: spec.pattern,
    target: spec.target.table,
    logTable: spec.logTable,
    logColumns: logTableColumns().map((c) => c.name),
    failurePrefix: `load "${spec.name}" failed: `,
    variables: plan.variables.map((v) => ({ name: v.name, type: bigQuery.typeName(v.type) })),
    init: items(['init']),
    before: items(['stage', 'check']),
    change: items(['change']),
    log: items(['log']),
  })}\n`;
}
