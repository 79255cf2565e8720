/**
 * Offsets in a resolved value → offsets in the value as written, so a finding in resolved SQL points at
 * the YAML text the user wrote even after `${...}` references changed lengths.
 */
import { parseTemplate } from '../../core/references';

/** A written piece of the value: literal text (with `$${` escapes) or references, and where it landed. */
interface Piece {
  readonly kind: 'text' | 'refs';
  readonly rawStart: number;
  readonly rawEnd: number;
  /** For text: the text as it appears in the resolved value. */
  readonly text: string;
}

/** Steps of the backtracking alignment before giving up (guards pathological values). */
const MAX_STEPS = 10_000;

/**
 * A function from offsets in `resolved` to offsets in `raw`, the value before resolution. An offset
 * inside a reference's resolved text maps to the reference's `${`. Undefined when `resolved` cannot be
 * aligned with `raw` (then positions fall on the value as a whole).
 */
export function templateOffsetMap(raw: string, resolved: string): ((resolvedOffset: number) => number) | undefined {
  if (!raw.includes('${')) return raw === resolved ? (o) => Math.max(0, Math.min(o, raw.length)) : undefined;
  const pieces = piecesOf(raw);
  const starts = align(pieces, resolved);
  if (!starts) return undefined;
  const rawOf = new Int32Array(resolved.length + 1);
  pieces.forEach((p, i) => {
    const from = starts[i];
    const to = i + 1 < pieces.length ? starts[i + 1] : resolved.length;
    if (p.kind === 'refs') {
      rawOf.fill(p.rawStart, from, to);
      return;
    }
    // Literal text: one character each, except `$${` written for each `${`.
    let r = p.rawStart;
    for (let o = from; o < to; o++) {
      rawOf[o] = r;
      r += raw.startsWith('$${', r) ? 2 : 1;
    }
  });
  rawOf[resolved.length] = raw.length;
  return (o) => rawOf[Math.max(0, Math.min(Math.floor(o), resolved.length))];
}

/** Splits a written value into literal text and runs of adjacent references. */
function piecesOf(raw: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const seg of parseTemplate(raw)) {
    if (seg.type === 'text') {
      const end = nextReference(raw, at);
      pieces.push({ kind: 'text', rawStart: at, rawEnd: end, text: seg.text });
      at = end;
    } else if (seg.type === 'ref') {
      const last = pieces[pieces.length - 1];
      if (last?.kind === 'refs') pieces[pieces.length - 1] = { ...last, rawEnd: seg.offset + seg.length };
      else pieces.push({ kind: 'refs', rawStart: seg.offset, rawEnd: seg.offset + seg.length, text: '' });
      at = seg.offset + seg.length;
    } else {
      // A malformed reference stays as written in the resolved value.
      pieces.push({ kind: 'text', rawStart: seg.offset, rawEnd: seg.offset + seg.source.length, text: seg.source });
      at = seg.offset + seg.source.length;
    }
  }
  return pieces;
}

/** Offset of the next `${` that is not an escaped `$${`, or the end. */
function nextReference(raw: string, from: number): number {
  for (let i = from; i < raw.length; i++) {
    if (raw.startsWith('$${', i)) i += 2;
    else if (raw.startsWith('${', i)) return i;
  }
  return raw.length;
}

/** Where each piece starts in the resolved value: text must match exactly, references take the rest. */
function align(pieces: readonly Piece[], resolved: string): number[] | undefined {
  const starts: number[] = new Array(pieces.length);
  let steps = 0;
  const place = (i: number, at: number): boolean => {
    if (++steps > MAX_STEPS) return false;
    if (i === pieces.length) return at === resolved.length;
    const p = pieces[i];
    starts[i] = at;
    if (p.kind === 'text') return resolved.startsWith(p.text, at) && place(i + 1, at + p.text.length);
    // References: try each place the next literal text could start, nearest first.
    const next = pieces[i + 1];
    if (!next) return place(i + 1, resolved.length);
    for (let end = resolved.indexOf(next.text, at); end >= 0; end = resolved.indexOf(next.text, end + 1)) {
      if (place(i + 1, end)) return true;
    }
    return false;
  };
  return place(0, 0) ? starts : undefined;
}
