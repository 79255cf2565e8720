/**
 * `${...}` references inside configuration values.
 *
 * - `${name}`, `${kind["logical_name"].attribute}`, `${kind.logical_name.attribute}` are resolved when
 *   gdp generates an environment.
 * - `$${...}` is an escape: it stays in the output as a literal `${...}` (Cloud Workflows evaluates it at
 *   run time).
 */

/** A parsed reference expression: a name followed by accessors. */
export interface RefExpr {
  /** The first name (`tables`). */
  readonly head: string;
  /** Following keys, from `.key` or `["key"]`. */
  readonly keys: readonly string[];
}

/** A piece of a string value: literal text or a reference. */
export type Segment =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'ref'; readonly expr: RefExpr; readonly source: string; readonly offset: number; readonly length: number }
  | { readonly type: 'bad'; readonly source: string; readonly offset: number; readonly reason: string };

/** Parsed templates by text; emptied when it reaches {@link TEMPLATE_CACHE_SIZE}. */
const parsedTemplates = new Map<string, readonly Segment[]>();
const TEMPLATE_CACHE_SIZE = 20_000;

/**
 * Splits a string into literal text and references. Escapes `$${` become literal `${`.
 *
 * Literal text is copied in slices between `${` occurrences instead of one
 * character at a time, and results are remembered by text (modules parse the same scheduler URIs and
 * bodies once per workflow, and every environment resolves the same strings). Segments are immutable;
 * each call gets its own array.
 */
export function parseTemplate(value: string): Segment[] {
  let segments = parsedTemplates.get(value);
  if (!segments) {
    // Frozen, lists and segments alike: they are shared by every caller that parses the same text.
    segments = Object.freeze(parseTemplateBySlice(value).map((seg) => Object.freeze(seg.type === 'ref' ? { ...seg, expr: Object.freeze({ ...seg.expr, keys: Object.freeze([...seg.expr.keys]) }) } : seg)));
    if (parsedTemplates.size >= TEMPLATE_CACHE_SIZE) parsedTemplates.clear();
    parsedTemplates.set(value, segments);
  }
  return [...segments];
}

/** {@link parseTemplate}, scanning from one `${` to the next. */
function parseTemplateBySlice(value: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    const at = value.indexOf('${', i);
    if (at < 0) {
      text += value.slice(i);
      break;
    }
    // `$${` (an escape) when the `$` before this `${` is not consumed yet.
    if (at > i && value[at - 1] === '$') {
      text += `${value.slice(i, at - 1)}\${`;
      i = at + 2;
      continue;
    }
    text += value.slice(i, at);
    i = at;
    if (text) segments.push({ type: 'text', text });
    text = '';
    i = readReference(value, i, segments);
    if (i < 0) return segments;
  }
  if (text) segments.push({ type: 'text', text });
  return segments;
}

/**
 * Reads the `${...}` starting at `i` into `segments`; returns the index after it, or -1 when it is not
 * closed (the rest of the value is then one bad segment).
 */
function readReference(value: string, i: number, segments: Segment[]): number {
  const end = findClosingBrace(value, i + 2);
  if (end < 0) {
    segments.push({ type: 'bad', source: value.slice(i), offset: i, reason: 'the reference is not closed with "}"' });
    return -1;
  }
  const source = value.slice(i, end + 1);
  const parsed = parseExpression(value.slice(i + 2, end));
  if ('reason' in parsed) segments.push({ type: 'bad', source, offset: i, reason: parsed.reason });
  else segments.push({ type: 'ref', expr: parsed, source, offset: i, length: source.length });
  return end + 1;
}

function findClosingBrace(value: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
    else if (c === '\n') return -1;
  }
  return -1;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;

/** Parses the inside of `${...}`. */
export function parseExpression(inner: string): RefExpr | { reason: string } {
  let s = inner.trim();
  const head = IDENT.exec(s);
  if (!head) return { reason: `"${inner}" does not start with a name` };
  s = s.slice(head[0].length);
  const keys: string[] = [];
  while (s.length > 0) {
    const dot = /^\s*\.\s*([A-Za-z_][A-Za-z0-9_-]*)/.exec(s);
    if (dot) {
      keys.push(dot[1]);
      s = s.slice(dot[0].length);
      continue;
    }
    const bracket = /^\s*\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/.exec(s);
    if (bracket) {
      keys.push(bracket[1] ?? bracket[2]);
      s = s.slice(bracket[0].length);
      continue;
    }
    const rest = s.trim();
    return {
      reason: `unexpected "${rest.slice(0, 20)}" after "${inner.slice(0, inner.length - s.length).trim()}"; references are names joined by . or ["..."]`,
    };
  }
  return { head: head[0], keys };
}

/** Formats an expression back to source form (`tables["x"].reference`). */
export function formatExpr(expr: RefExpr): string {
  return expr.head + expr.keys.map((k) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `["${k}"]`)).join('');
}
