/**
 * SQL written inside workflow steps (the query of `googleapis.bigquery.v2.jobs.insert`, `jobs.query` and
 * the other BigQuery connector calls), handed to the SQL analyzer like a procedure body (a query job runs
 * a BigQuery script). Parts Cloud Workflows computes at run time become placeholders:
 *
 * - the query is one expression `${"SELECT … '" + day + "'"}`: its string literals are the SQL, and each
 *   other operand is a placeholder;
 * - a placeholder inside a SQL string or quoted name stands for text and becomes `x`; after LIMIT or
 *   OFFSET (which take literals only) it becomes `1`;
 * - elsewhere it stands for a value and becomes a script variable typed after the operand:
 *   `double(…)` a FLOAT64, anything else an INT64 (Cloud Workflows only concatenates strings, so an
 *   operand spliced as a value is nearly always a number converted with string()).
 *
 * Dashed project paths are quoted (embedded-sql.ts) before analysis, as they are deployed.
 */
import type { Environment } from '../../core/environment';
import type { Entity, SqlBody } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { templateOffsetMap } from '../../sql/analyzer/template-offsets';
import { callSites, embeddedQueries, quoteProjectPaths } from './embedded-sql';
import { runtimeExpressions } from './expressions';
import { isMapping } from './step-shape';

/** A query with its run-time parts replaced by placeholders. */
export interface PlaceholderSql {
  readonly sql: string;
  /** Offset in {@link sql} → offset in the resolved value. */
  toResolved(offset: number): number;
  /** Variables standing for run-time values, with their GoogleSQL types. */
  readonly variables: readonly { readonly name: string; readonly type: string }[];
}

/** One piece of the SQL built: literal SQL text, or a run-time operand. */
interface Piece {
  readonly text?: string;
  /** For text: the resolved-value offset of each character. */
  readonly offsets?: readonly number[];
  readonly operand?: string;
  readonly at: number;
}

/** The SQL of a resolved query value; undefined when the value is an expression gdp cannot read as SQL. */
export function placeholderSql(resolved: string): PlaceholderSql | undefined {
  const pieces = piecesOf(resolved);
  if (!pieces) return undefined;
  let sql = '';
  const offsets: number[] = [];
  const variables: { name: string; type: string }[] = [];
  for (const p of pieces) {
    if (p.text !== undefined) {
      sql += p.text;
      offsets.push(...p.offsets!);
      continue;
    }
    const quoted = insideQuotes(sql);
    // LIMIT and OFFSET take literals only: a number stands for the run-time count.
    const count = !quoted && /\b(LIMIT|OFFSET)\s*$/i.test(sql);
    const replacement = quoted ? 'x' : count ? '1' : `_wf_runtime_${variables.length + 1}`;
    if (!quoted && !count) variables.push({ name: replacement, type: /^\s*(string\(\s*)?double\(/.test(p.operand ?? '') ? 'FLOAT64' : 'INT64' });
    sql += replacement;
    for (let i = 0; i < replacement.length; i++) offsets.push(p.at);
  }
  offsets.push(resolved.length);
  return { sql, variables, toResolved: (o) => offsets[Math.max(0, Math.min(o, offsets.length - 1))] };
}

/** The value as SQL text and run-time operands. */
function piecesOf(value: string): Piece[] | undefined {
  const expressions = runtimeExpressions(value);
  const whole = expressions.length === 1 && expressions[0].start === 0 && value.trimEnd() === `\${${expressions[0].text}}`;
  if (whole) return concatenation(expressions[0].text, 2);
  const pieces: Piece[] = [];
  let from = 0;
  for (const e of expressions) {
    pieces.push(textPiece(value.slice(from, e.start), from));
    pieces.push({ operand: e.text, at: e.start });
    from = e.start + e.text.length + 3;
  }
  pieces.push(textPiece(value.slice(from), from));
  return pieces;
}

function textPiece(text: string, at: number): Piece {
  return { text, offsets: Array.from(text, (_c, i) => at + i), at };
}

/** The operands of `a + "b" + c` (top-level `+` only); string literals become SQL text. */
function concatenation(expression: string, base: number): Piece[] | undefined {
  const pieces: Piece[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  const flush = (end: number): boolean => {
    const raw = expression.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const operand = raw.trim();
    if (operand.length === 0) return false;
    const literal = stringLiteral(operand, base + start + lead);
    pieces.push(literal ?? { operand, at: base + start + lead });
    return true;
  };
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '+' && depth === 0) {
      if (!flush(i)) return undefined;
      start = i + 1;
    }
  }
  if (!flush(expression.length)) return undefined;
  // An expression without any SQL text (`${query}`) is built elsewhere: nothing to check.
  return pieces.some((p) => p.text !== undefined && p.text.trim().length > 0) ? pieces : undefined;
}

/** A Cloud Workflows string literal as text, with the offset of each character it stands for. */
function stringLiteral(operand: string, at: number): Piece | undefined {
  const q = operand[0];
  if ((q !== '"' && q !== "'") || operand[operand.length - 1] !== q || operand.length < 2) return undefined;
  let text = '';
  const offsets: number[] = [];
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r' };
  for (let i = 1; i < operand.length - 1; i++) {
    let c = operand[i];
    const where = at + i;
    if (c === '\\' && i + 1 < operand.length - 1) {
      i++;
      c = escapes[operand[i]] ?? operand[i];
    } else if (c === q) return undefined;
    text += c;
    offsets.push(where);
  }
  return { text, offsets, at };
}

/** True when the end of `sql` is inside a string literal or a backtick-quoted name. */
function insideQuotes(sql: string): boolean {
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      if (end < 0) return false;
      i = end + 1;
    } else if (c === "'" || c === '"' || c === '`') {
      const q = c !== '`' && sql.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + q.length;
      while (j < sql.length && !sql.startsWith(q, j)) j += sql[j] === '\\' ? 2 : 1;
      if (j >= sql.length) return true;
      i = j + q.length;
    } else i++;
  }
  return false;
}

/** The value at a path of a configuration value. */
function valueAt(root: unknown, path: ValuePath): unknown {
  let v: unknown = root;
  for (const k of path) v = Array.isArray(v) ? v[k as number] : isMapping(v) ? v[k] : undefined;
  return v;
}

/** The SQL of every BigQuery connector call of a workflow, resolved for an environment. */
export function workflowSqlBodies(entity: Entity, env: Environment, resolved: unknown): SqlBody[] {
  const bodies: SqlBody[] = [];
  for (const site of callSites(resolved)) {
    for (const q of embeddedQueries(site)) {
      const built = placeholderSql(q.sql);
      if (!built) continue;
      const quoted = quoteProjectPaths(built.sql, env.project_id);
      const raw = valueAt(entity.config, q.path);
      const toRaw = typeof raw === 'string' ? templateOffsetMap(raw, q.sql) : undefined;
      bodies.push({
        sql: quoted.sql,
        kind: 'procedure-body',
        path: q.path,
        ...(toRaw ? { mapOffset: (o: number) => toRaw(built.toResolved(quoted.toUnquoted(o))) } : {}),
        arguments: built.variables,
      });
    }
  }
  return bodies;
}
