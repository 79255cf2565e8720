/**
 * Where the SQL a user wrote (a query source, a filter, a quality condition) and each generated statement
 * sit in a rendered procedure, so the SQL checker can point a finding at the YAML value it came from.
 *
 * While rendering, each such piece is wrapped in marks made of Unicode private-use characters; the marks
 * are taken out of the final text and their positions recorded. Templates and helpers pass marked text
 * through unchanged, so the text without marks is what rendering without them gives; the caller checks
 * that it is, and that the text held no mark characters of its own.
 */

/** What a marked piece of a procedure is. */
export type MarkedPiece =
  /** `source.sql` of a query source. */
  | { readonly kind: 'query' }
  /** `source.filter` of a table source. */
  | { readonly kind: 'filter' }
  /** The `condition` of the quality rule at this index of `spec.quality`. */
  | { readonly kind: 'condition'; readonly rule: number }
  /** A generated statement, by its step (`stage`, `merge`, `quality:<rule>`…). */
  | { readonly kind: 'statement'; readonly step: string };

/** A marked piece and its `[start, end)` string offsets in the procedure. */
export type PieceRange = MarkedPiece & { readonly start: number; readonly end: number };

const OPEN = '\u{F8F0}';
const SEPARATOR = '\u{F8F1}';
const CLOSE = '\u{F8F2}';
const MARK_CHARACTERS = /[\u{F8F0}-\u{F8F2}]/u;

/** True when a text holds a character marks are made of (then marks could not be told apart from it). */
export function hasMarkCharacters(text: string): boolean {
  return MARK_CHARACTERS.test(text);
}

/** Wraps pieces of SQL in marks, and takes them out of a rendered text again. */
export class PieceMarks {
  private readonly pieces: MarkedPiece[] = [];

  /** The text wrapped in marks of the piece (marks may nest). */
  mark(piece: MarkedPiece, text: string): string {
    this.pieces.push(piece);
    return `${OPEN}${this.pieces.length - 1}${SEPARATOR}${text}${CLOSE}`;
  }

  /** The text without marks, and where each marked piece is in it, by start. */
  extract(marked: string): { readonly text: string; readonly ranges: PieceRange[] } {
    let text = '';
    const ranges: PieceRange[] = [];
    const open: { id: number; start: number }[] = [];
    let i = 0;
    while (i < marked.length) {
      const next = marked.slice(i).search(MARK_CHARACTERS);
      const end = next < 0 ? marked.length : i + next;
      text += marked.slice(i, end);
      if (next < 0) break;
      // Each mark character is one UTF-16 unit (U+F8F0–U+F8F2 are in the BMP).
      if (marked[end] === OPEN) {
        const separator = marked.indexOf(SEPARATOR, end);
        open.push({ id: Number(marked.slice(end + 1, separator)), start: text.length });
        i = separator + 1;
      } else if (marked[end] === CLOSE) {
        const piece = open.pop();
        if (piece) ranges.push({ ...this.pieces[piece.id], start: piece.start, end: text.length });
        i = end + 1;
      } else {
        i = end + 1;
      }
    }
    return { text, ranges: ranges.sort((a, b) => a.start - b.start || b.end - a.end) };
  }
}

/** Marks that mark nothing: rendering for tests and engines other than the procedure. */
export const NO_MARKS: Pick<PieceMarks, 'mark'> = { mark: (_piece, text) => text };
