/**
 * JSON bodies of scheduler jobs: where a parse error is, which strings are top-level values, and how
 * an offset in the resolved body maps back to the text the user wrote.
 */
import { parseTemplate, type RefExpr } from '../../core/references';

/** True when the headers declare a JSON body (`Content-Type: application/json` or `…+json`, any case). */
export function isJsonContentType(headers: Readonly<Record<string, string>> | undefined): boolean {
  const entry = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type');
  return entry !== undefined && /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(entry[1].trim());
}

/** A JSON syntax error: the parser's reason and the offset of the offending character. */
export interface JsonError {
  readonly reason: string;
  readonly offset: number;
}

function parseFailure(text: string): { message: string; position?: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = String((e as Error).message);
    const m = / in JSON at position (\d+)/.exec(message);
    return { message, position: m ? Number(m[1]) : undefined };
  }
}

/** True when `text` is valid JSON or the beginning of valid JSON. */
function isViablePrefix(text: string): boolean {
  const failure = parseFailure(text);
  if (!failure) return true;
  if (failure.position !== undefined) return failure.position >= text.length;
  return /^Unexpected end of JSON input/.test(failure.message);
}

/**
 * The JSON syntax error of `text`, or undefined when it parses. The offset comes from the parser's
 * message, or (for messages without one) from the longest prefix that is still the start of valid JSON.
 */
export function jsonError(text: string): JsonError | undefined {
  const failure = parseFailure(text);
  if (!failure) return undefined;
  const reason = failure.message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
  if (failure.position !== undefined) return { reason, offset: failure.position };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (isViablePrefix(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return { reason, offset: lo };
}

/** A string literal in JSON text: offsets of its opening quote and just after its closing quote. */
export interface StringSpan {
  readonly start: number;
  readonly end: number;
}

/** The string literals that are values of the top-level object of valid JSON text (not keys, not nested). */
export function topLevelStringValues(json: string): StringSpan[] {
  const spans: StringSpan[] = [];
  const stack: string[] = [];
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{' || c === '[') stack.push(c);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === '"') {
      const start = i;
      for (i++; json[i] !== '"'; i++) if (json[i] === '\\') i++;
      const end = i + 1;
      const isKey = /^\s*:/.test(json.slice(end, end + 64));
      if (!isKey && stack.length === 1 && stack[0] === '{') spans.push({ start, end });
    }
  }
  return spans;
}

/**
 * Maps offsets in a resolved string back to the string as written: literal text maps character by
 * character (`$${` counts as written), and every offset inside a reference's value maps to the `$`
 * of that reference. `valueOf` gives a reference's value when known; the others are inferred from the
 * surrounding text.
 */
export function sourceOffsetMapper(
  source: string,
  resolved: string,
  valueOf: (expr: RefExpr) => string | undefined = () => undefined,
): (offset: number) => number {
  type Piece = { kind: 'text'; src: number; text: string } | { kind: 'ref'; src: number; expr: RefExpr; length?: number };
  const pieces: Piece[] = [];
  let at = 0;
  for (const seg of parseTemplate(source)) {
    if (seg.type === 'text') continue;
    if (seg.offset > at) pieces.push({ kind: 'text', src: at, text: source.slice(at, seg.offset) });
    if (seg.type === 'ref') pieces.push({ kind: 'ref', src: seg.offset, expr: seg.expr, length: valueOf(seg.expr)?.length });
    else pieces.push({ kind: 'text', src: seg.offset, text: seg.source });
    at = seg.offset + seg.source.length;
  }
  if (at < source.length) pieces.push({ kind: 'text', src: at, text: source.slice(at) });

  const outLength = (p: Piece): number => (p.kind === 'text' ? p.text.replace(/\$\$\{/g, '${').length : (p.length ?? 0));
  const unknown = pieces.filter((p) => p.kind === 'ref' && p.length === undefined);
  if (unknown.length === 1) {
    const rest = pieces.reduce((sum, p) => sum + (p === unknown[0] ? 0 : outLength(p)), 0);
    (unknown[0] as { length?: number }).length = Math.max(0, resolved.length - rest);
  }
  // Lay the pieces out on the resolved string; unknown values end where the next text is found.
  const starts: number[] = [];
  let out = 0;
  pieces.forEach((p, i) => {
    starts.push(out);
    if (p.kind === 'ref' && p.length === undefined) {
      const next = pieces[i + 1];
      const found = next?.kind === 'text' ? resolved.indexOf(next.text.replace(/\$\$\{/g, '${'), out) : -1;
      p.length = found >= 0 ? found - out : 0;
    }
    out += outLength(p);
  });

  return (offset) => {
    let i = pieces.length - 1;
    while (i > 0 && starts[i] > offset) i--;
    const p = pieces[i];
    if (!p) return offset;
    if (p.kind === 'ref') return p.src;
    let src = p.src;
    let remaining = offset - starts[i];
    for (let k = 0; k < p.text.length && remaining > 0; remaining--) {
      k += p.text.startsWith('$${', k) ? 2 : 1;
      src = p.src + k;
    }
    return remaining > 0 ? src + remaining : src;
  };
}
