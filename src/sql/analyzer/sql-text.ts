/**
 * Offsets in a SQL text: ZetaSQL's parse locations are UTF-8 byte offsets and its error positions are
 * `line:column` in characters, while gdp positions are JavaScript string offsets.
 */

/** A SQL text with conversions between byte offsets, string offsets and `line:column`. */
export class SqlText {
  /** Byte offset of each string offset (only built when the text is not ASCII). */
  private readonly bytes?: Int32Array;
  private readonly lineStarts: number[] = [0];
  /** The whole text blanked, when blanking keeps string offsets (no surrogate pairs), made when first needed. */
  private blankedText?: string;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(text)) {
      const bytes = new Int32Array(text.length + 1);
      let b = 0;
      for (let i = 0; i < text.length; i++) {
        bytes[i] = b;
        const c = text.charCodeAt(i);
        if (c < 0x80) b += 1;
        else if (c < 0x800) b += 2;
        else if (c >= 0xd800 && c <= 0xdbff) b += 2; // high surrogate: the pair is 4 bytes, 2 counted on each half
        else if (c >= 0xdc00 && c <= 0xdfff) b += 2;
        else b += 3;
      }
      bytes[text.length] = b;
      this.bytes = bytes;
    }
  }

  /** Length of the text in UTF-8 bytes. */
  get byteLength(): number {
    return this.bytes ? this.bytes[this.text.length] : this.text.length;
  }

  /** The string offset of a UTF-8 byte offset. */
  offsetOfByte(byte: number): number {
    const bytes = this.bytes;
    if (!bytes) return Math.max(0, Math.min(byte, this.text.length));
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bytes[mid] <= byte) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The UTF-8 byte offset of a string offset. */
  byteOfOffset(offset: number): number {
    return this.bytes ? this.bytes[Math.max(0, Math.min(offset, this.text.length))] : offset;
  }

  /** The string offset of a 1-based `line:column` (column counted in code points, as ZetaSQL does). */
  offsetOf(line: number, column: number): number {
    const start = this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))];
    let offset = start;
    for (let c = 1; c < column && offset < this.text.length && this.text[offset] !== '\n'; c++) {
      const code = this.text.charCodeAt(offset);
      offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return offset;
  }

  /**
   * The text with everything outside `[start, end)` (string offsets) blanked, line breaks kept, so a
   * part can be analyzed alone while ZetaSQL still reports positions of the whole text. Each code point
   * becomes one space, so `line:column` positions stay the same.
   */
  keepOnly(start: number, end: number): string {
    return this.blanked(0, start) + this.text.slice(start, end) + this.blanked(end, this.text.length);
  }

  /**
   * Like {@link keepOnly}, with `keyword` written into the blanked text before `start` (e.g. `SELECT`
   * before an expression, to analyze it as a query). Undefined when there is no room for it.
   */
  keepOnlyAfter(keyword: string, start: number, end: number): string | undefined {
    const prefix = this.blanked(0, start);
    const room = new RegExp(`^( {${keyword.length}})(?=[ \n\r])`, 'm').exec(prefix);
    if (!room) return undefined;
    const at = room.index;
    return prefix.slice(0, at) + keyword + prefix.slice(at + keyword.length) + this.text.slice(start, end) + this.blanked(end, this.text.length);
  }

  /** `blank` of a part of the text; a script's statements blank the same text many times, so it is blanked once. */
  private blanked(start: number, end: number): string {
    // A surrogate pair becomes one space: then offsets of the blanked text differ from the text's.
    if (/[\ud800-\udfff]/.test(this.text)) return blank(this.text.slice(start, end));
    this.blankedText ??= blank(this.text);
    return this.blankedText.slice(start, end);
  }
}

function blank(s: string): string {
  return s.replace(/[^\n\r]/gu, ' ');
}
