/**
 * Structure of a procedure body: is it one `BEGIN … END` block? A small GoogleSQL tokenizer skips
 * comments, strings and quoted identifiers, then BEGIN and CASE are matched with their END.
 */
import { parseTemplate } from '../../core/references';

/** A word or punctuation of a SQL text, with its offset. Strings, comments and numbers are skipped. */
export interface SqlToken {
  /** Upper-cased word, or the punctuation character (`;`, `:`, `.`). */
  readonly text: string;
  readonly offset: number;
  /** True for a backtick-quoted identifier (never a keyword). */
  readonly quoted: boolean;
}

/** Tokens of a SQL text, or where an unterminated string or comment starts. */
export type SqlTokens = { readonly ok: true; readonly tokens: SqlToken[] } | { readonly ok: false; readonly offset: number };

/** Replaces each `${...}` reference by `_` characters of the same length, so offsets stay exact. */
export function maskReferences(sql: string): string {
  if (!sql.includes('${')) return sql;
  let out = sql;
  for (const seg of parseTemplate(sql)) {
    if (seg.type === 'text') continue;
    out = out.slice(0, seg.offset) + '_'.repeat(seg.source.length) + out.slice(seg.offset + seg.source.length);
  }
  return out;
}

/** Splits GoogleSQL into words and `;`, `:`, `.` tokens. */
export function tokenizeSql(sql: string): SqlTokens {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const rest = sql.slice(i, i + 3);
    if (c === '-' && sql[i + 1] === '-') i = lineEnd(sql, i);
    else if (c === '#') i = lineEnd(sql, i);
    else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) return { ok: false, offset: i };
      i = end + 2;
    } else if (rest === "'''" || rest === '"""') {
      const end = sql.indexOf(rest, i + 3);
      if (end < 0) return { ok: false, offset: i };
      i = end + 3;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = closingQuote(sql, i);
      if (end < 0) return { ok: false, offset: i };
      if (c === '`') tokens.push({ text: sql.slice(i + 1, end), offset: i, quoted: true });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))![0];
      tokens.push({ text: word.toUpperCase(), offset: i, quoted: false });
      i += word.length;
    } else if (c === ';' || c === ':' || c === '.') {
      tokens.push({ text: c, offset: i, quoted: false });
      i++;
    } else if (/[0-9]/.test(c)) {
      i += /^[0-9][A-Za-z0-9_.]*/.exec(sql.slice(i))![0].length;
    } else i++;
  }
  return { ok: true, tokens };
}

function lineEnd(sql: string, from: number): number {
  const end = sql.indexOf('\n', from);
  return end < 0 ? sql.length : end + 1;
}

/** Offset of the quote closing the one at `start` (backslash escapes; no newlines except in backticks). */
function closingQuote(sql: string, start: number): number {
  const q = sql[start];
  for (let i = start + 1; i < sql.length; i++) {
    const c = sql[i];
    if (c === '\\') i++;
    else if (c === q) return i;
    else if (c === '\n' && q !== '`') return -1;
  }
  return -1;
}

/** A structural problem of a procedure body; offsets are in the body text. */
export type BodyProblem =
  | { readonly kind: 'not-a-block'; readonly offset: number; readonly first: string }
  | { readonly kind: 'unclosed'; readonly offset: number }
  | { readonly kind: 'trailing'; readonly offset: number; readonly blockEnd: number; readonly first: string };

/** Keywords after which a statement (and so a BEGIN block) can start. */
const STATEMENT_STARTERS = new Set([';', ':', 'THEN', 'ELSE', 'DO', 'LOOP', 'REPEAT', 'BEGIN']);
/** `END <kw>` closes a statement that does not open a BEGIN/CASE (END IF, END LOOP, …). */
const OTHER_ENDS = new Set(['IF', 'LOOP', 'WHILE', 'FOR', 'REPEAT']);

function isWord(t: SqlToken | undefined, word: string): boolean {
  return t !== undefined && !t.quoted && t.text === word;
}

/**
 * Checks that a body is a single `[label:] BEGIN … END [label][;]` block. Returns undefined when it is,
 * or when the text cannot be tokenized reliably (an unterminated string or comment is left to BigQuery).
 */
export function checkBodyBlock(body: string): BodyProblem | undefined {
  const lexed = tokenizeSql(maskReferences(body));
  if (!lexed.ok || lexed.tokens.length === 0) return undefined;
  const tokens = lexed.tokens;
  // Optional label: `name: BEGIN`.
  const hasLabel = tokens.length > 2 && tokens[1].text === ':' && !isKeywordish(tokens[0]);
  const label = hasLabel ? tokens[0].text : undefined;
  const start = hasLabel ? 2 : 0;
  const first = tokens[start] ?? tokens[0];
  if (!isWord(first, 'BEGIN') || isWord(tokens[start + 1], 'TRANSACTION') || tokens[start + 1]?.text === ';') {
    return { kind: 'not-a-block', offset: tokens[0].offset, first: displayWord(body, tokens[0]) };
  }
  const end = matchingEnd(tokens, start);
  if (end === undefined) return { kind: 'unclosed', offset: first.offset };
  let i = end + 1;
  if (label !== undefined && tokens[i] && !tokens[i].quoted && tokens[i].text === label) i++;
  while (tokens[i]?.text === ';') i++;
  if (i < tokens.length) {
    return { kind: 'trailing', offset: tokens[i].offset, blockEnd: tokens[end].offset, first: displayWord(body, tokens[i]) };
  }
  return undefined;
}

/** Index of the END that closes the BEGIN at `open`, counting nested BEGIN blocks and CASE. */
function matchingEnd(tokens: readonly SqlToken[], open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    if (t.quoted || prev?.text === '.') continue;
    if (t.text === 'BEGIN' && (i === open || (prev !== undefined && STATEMENT_STARTERS.has(prev.quoted ? '' : prev.text)))) {
      const next = tokens[i + 1];
      if (!isWord(next, 'TRANSACTION') && next?.text !== ';') depth++;
    } else if (t.text === 'CASE') {
      depth++;
    } else if (t.text === 'END') {
      const next = tokens[i + 1];
      if (next && !next.quoted && OTHER_ENDS.has(next.text)) {
        i++;
        continue;
      }
      const endIndex = i;
      if (isWord(next, 'CASE')) i++;
      depth--;
      if (depth === 0) return endIndex;
    }
  }
  return undefined;
}

function isKeywordish(t: SqlToken): boolean {
  return !t.quoted && ['BEGIN', 'END', 'IF', 'CASE', 'WHEN', 'ELSE', 'THEN'].includes(t.text);
}

function displayWord(body: string, t: SqlToken): string {
  return t.quoted ? `\`${t.text}\`` : body.slice(t.offset, t.offset + t.text.length);
}
