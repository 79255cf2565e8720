/**
 * Reading one configuration file: bytes → UTF-8 text → YAML document with positions → plain value.
 * Every failure becomes a diagnostic; nothing here throws on bad input.
 */
import {
  isAlias,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Scalar,
  visit,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { DiagnosticBag, Position } from './diagnostics';
import { reportControlCharacters } from './control-chars';
import { fastRead } from './fast-yaml';
import { MAX_NESTING_DEPTH, tooDeepAt } from './yaml-depth';

/** Files larger than this are refused before parsing (a configuration file is a few KiB). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Aliases expanded at most this many times per document; guards against alias bombs. */
export const MAX_ALIAS_COUNT = 100;
/** Keys that would alter JavaScript object prototypes. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Explicit tags that keep values plain data (no dates, sets, binaries or custom types). */
const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((t) => `tag:yaml.org,2002:${t}`));

/** A path into a parsed value: map keys and list indexes. */
export type ValuePath = readonly (string | number)[];

/**
 * A parsed configuration file: its text, its value, and its YAML syntax tree for positions. The syntax
 * tree is the bulk of a file's memory and only positions need it, so it can be released once the file
 * is loaded and is parsed again from the text if a position is asked for later (a valid configuration
 * asks for almost none).
 */
export class SourceFile {
  private syntax: { readonly doc: Document.Parsed; readonly lines: LineCounter } | undefined;

  constructor(
    /** Path shown to the user. */
    readonly path: string,
    /** The file's text. */
    readonly text: string,
    /** The parsed YAML document (undefined: parsed from the text when first needed). */
    doc: Document.Parsed | undefined,
    /** Offsets of line starts, for positions (undefined together with `doc`). */
    lines: LineCounter | undefined,
    /** The document as plain JavaScript data. */
    readonly value: unknown,
  ) {
    this.syntax = doc && lines ? { doc, lines } : undefined;
  }

  /** The parsed YAML document. */
  get doc(): Document.Parsed {
    return this.syntaxTree().doc;
  }

  /** Offsets of line starts, for positions. */
  get lines(): LineCounter {
    return this.syntaxTree().lines;
  }

  /** Drops the syntax tree (it is parsed again from the text when a position is needed). */
  releaseSyntax(): void {
    this.syntax = undefined;
  }

  private syntaxTree(): { readonly doc: Document.Parsed; readonly lines: LineCounter } {
    if (!this.syntax) {
      const again = parseWithPositions(this.path, this.text, { add: () => undefined } as unknown as DiagnosticBag);
      if (!again) throw new Error(`gdp: ${this.path} no longer parses`);
      this.syntax = { doc: again.doc, lines: again.lines };
    }
    return this.syntax;
  }

  /** 1-based line and column of a character offset. */
  positionAt(offset: number): Position {
    const p = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line: p.line, column: p.col };
  }

  /** The YAML node at a value path, or the deepest existing ancestor when the path does not exist. */
  nodeAt(path: ValuePath): { node: YamlNode | undefined; exact: boolean } {
    let node: unknown = this.doc.contents;
    for (let i = 0; i < path.length; i++) {
      const next = childNode(node, path[i]);
      if (next === undefined) return { node: node as YamlNode, exact: false };
      node = next;
    }
    return { node: node as YamlNode | undefined, exact: true };
  }

  /**
   * Where a value path is in the file. With `key: true` and a map entry, the position of the key
   * (used for unknown fields); otherwise the value's.
   */
  locate(path: ValuePath, options: { key?: boolean } = {}): Position & { endLine: number; endColumn: number } {
    let target: YamlNode | undefined;
    if (options.key && path.length > 0) {
      const parent = this.nodeAt(path.slice(0, -1));
      const pair = parent.exact ? findPair(parent.node, path[path.length - 1]) : undefined;
      target = (pair?.key as YamlNode | undefined) ?? parent.node;
    } else {
      target = this.nodeAt(path).node;
    }
    const range = target?.range ?? [0, 0, 0];
    const start = this.positionAt(range[0]);
    const end = this.positionAt(Math.max(range[0], range[1]));
    return { ...start, endLine: end.line, endColumn: end.column };
  }

  /**
   * Position of a character inside a scalar's value (e.g. the `${` of a reference, or a line inside a
   * SQL block). Exact for block scalars (`|`, `|-`) and single-line plain or quoted scalars without
   * escapes; otherwise the nearest good approximation.
   */
  locateInValue(path: ValuePath, valueOffset: number): Position {
    const { node, exact } = this.nodeAt(path);
    if (!exact || !isScalar(node) || !node.range) return this.locate(path);
    return scalarOffsetToPosition(this, node, valueOffset);
  }

  /** The text of one source line (1-based), without its line break. */
  lineText(line: number): string {
    const starts = this.lines.lineStarts;
    const start = starts[line - 1];
    if (start === undefined) return '';
    const end = line < starts.length ? starts[line] : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$/, '');
  }
}

function childNode(node: unknown, key: string | number): unknown {
  if (isMap(node)) return findPair(node, key)?.value ?? undefined;
  if (isSeq(node) && typeof key === 'number') return node.items[key];
  return undefined;
}

function findPair(node: unknown, key: string | number): { key: unknown; value: unknown } | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
}

/** Maps an offset in a scalar's parsed value to a file position. */
function scalarOffsetToPosition(file: SourceFile, node: Scalar, valueOffset: number): Position {
  const [start, valueEnd] = node.range as [number, number, number];
  const raw = file.text.slice(start, valueEnd);
  const value = String(node.value);
  if (node.type === Scalar.BLOCK_LITERAL) {
    // Header line (`|-`), then one source line per value line, indented.
    const before = value.slice(0, valueOffset);
    const lineIndex = before.split('\n').length - 1;
    const col = valueOffset - (before.lastIndexOf('\n') + 1);
    const header = file.positionAt(start);
    const sourceLine = header.line + 1 + lineIndex;
    const indent = blockIndent(raw);
    return { line: sourceLine, column: indent + col + 1 };
  }
  const quote = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
  if (!value.includes('\n') && raw.length - 2 * quote === value.length) {
    return file.positionAt(start + quote + valueOffset);
  }
  // Escapes or folding: find the same text in the raw source.
  const probe = value.slice(valueOffset, valueOffset + 12);
  const found = probe ? raw.indexOf(probe) : -1;
  return file.positionAt(start + (found >= 0 ? found : 0));
}

function blockIndent(raw: string): number {
  const lines = raw.split('\n').slice(1);
  for (const l of lines) {
    if (l.trim().length > 0) return l.length - l.trimStart().length;
  }
  return 0;
}

/** Offset of the first byte that makes the buffer invalid UTF-8 (one pass over lead and continuation bytes). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, UTF-16 surrogates (ED A0..BF) and code points above U+10FFFF are not UTF-8 either.
    const second = bytes[i + 1];
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** Column (in characters) of a byte offset, counting the valid UTF-8 before it on its line. */
function bytePosition(bytes: Uint8Array, offset: number): Position {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

/**
 * Parses a configuration file. Returns undefined (and reports diagnostics) when the file cannot be
 * turned into a single YAML mapping.
 */
export function parseSource(path: string, bytes: Uint8Array, diagnostics: DiagnosticBag): SourceFile | undefined {
  if (bytes.length > MAX_FILE_BYTES) {
    diagnostics.add({
      code: 'GDP107',
      file: path,
      message: `file is ${bytes.length.toLocaleString('en-US')} bytes; the limit is ${MAX_FILE_BYTES.toLocaleString('en-US')} bytes`,
    });
    return undefined;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const pos = bytePosition(bytes, at);
    diagnostics.add({
      code: 'GDP104',
      file: path,
      ...pos,
      message: `byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at} is not valid UTF-8`,
    });
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const file = parseText(path, text, diagnostics);
  return file && reportControlCharacters(file, diagnostics) ? undefined : file;
}

/**
 * Parses already-decoded text; see {@link parseSource}. Most files take the fast path (js-yaml, the
 * value only; positions are parsed from the text when first asked for); a file the fast path cannot
 * vouch for is read by {@link parseWithPositions}, which also reports its problems.
 */
export function parseText(path: string, text: string, diagnostics: DiagnosticBag): SourceFile | undefined {
  const fast = tooDeepAt(text) === undefined ? fastRead(text) : undefined;
  if (fast) return new SourceFile(path, fast.text, undefined, undefined, fast.value);
  return parseWithPositions(path, text, diagnostics);
}

/**
 * The slow path: parses text with `yaml`, keeping the syntax tree for positions, and reports every
 * problem of the file. {@link parseText} gives the same value and diagnostics, faster.
 */
export function parseWithPositions(path: string, text: string, diagnostics: DiagnosticBag): SourceFile | undefined {
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const line = text.slice(0, deep).split('\n').length;
    const column = deep - text.lastIndexOf('\n', deep - 1);
    diagnostics.add({ code: 'GDP114', file: path, line, column, message: `values are nested more than ${MAX_NESTING_DEPTH} levels deep here` });
    return undefined;
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    keepSourceTokens: false,
    strict: true,
    stringKeys: false,
    logLevel: 'silent',
  });
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length === 0 || (list.length === 1 && list[0].contents === null && list[0].errors.length === 0)) {
    diagnostics.add({ code: 'GDP102', file: path, message: 'the file is empty (or only comments)' });
    return undefined;
  }
  if (list.length > 1) {
    const second = list[1];
    diagnostics.add({
      code: 'GDP109',
      file: path,
      ...at(second.range[0]),
      message: `the file holds ${list.length} YAML documents; gdp reads exactly one per file`,
    });
    return undefined;
  }
  const doc = list[0];
  let failed = false;
  for (const err of doc.errors) {
    failed = true;
    const isDup = err.code === 'DUPLICATE_KEY';
    diagnostics.add({
      code: isDup ? 'GDP103' : 'GDP101',
      file: path,
      ...at(err.pos[0]),
      message: isDup ? duplicateKeyMessage(text, err.pos[0]) : cleanYamlMessage(err.message),
    });
  }
  for (const warn of doc.warnings) {
    failed = true;
    diagnostics.add({
      code: warn.code === 'TAG_RESOLVE_FAILED' ? 'GDP113' : 'GDP101',
      // e.g. `!!float 1`: the value does not match the tag it was given.
      file: path,
      ...at(warn.pos[0]),
      message: cleanYamlMessage(warn.message),
    });
  }
  if (failed) return undefined;
  failed = checkTree(path, doc, at, diagnostics);
  if (failed) return undefined;

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError || /alias/i.test(String(e))) {
      diagnostics.add({
        code: 'GDP105',
        file: path,
        message: `aliases would expand more than ${MAX_ALIAS_COUNT} times (a YAML "billion laughs" document)`,
      });
      return undefined;
    }
    throw e;
  }
  if (value === null || value === undefined) {
    diagnostics.add({ code: 'GDP102', file: path, message: 'the file is empty (or only comments)' });
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    const contents = doc.contents as YamlNode | null;
    diagnostics.add({
      code: 'GDP110',
      file: path,
      ...at(contents?.range?.[0] ?? 0),
      message: `the file holds ${Array.isArray(value) ? 'a list' : `a single ${typeof value}`}, not a mapping of fields`,
      hint: Array.isArray(value)
        ? 'Each configuration file is a mapping of field names to values. A Cloud Workflows definition written as a list of steps converts to a gdp workflow file with "gdp import workflow FILE".'
        : undefined,
    });
    return undefined;
  }
  return new SourceFile(path, text, doc, lines, value);
}

/** Rejects what YAML allows but configuration must not contain. Returns true when something was reported. */
function checkTree(
  path: string,
  doc: Document.Parsed,
  at: (offset: number) => Position,
  diagnostics: DiagnosticBag,
): boolean {
  let failed = false;
  visit(doc, {
    Pair(_key, pair) {
      if (!isPair(pair)) return;
      const k = pair.key;
      const scalarKey = isScalar(k) ? k.value : undefined;
      if (isCollection(k) || isAlias(k) || (isScalar(k) && scalarKey !== null && typeof scalarKey === 'object')) {
        failed = true;
        diagnostics.add({
          code: 'GDP101',
          file: path,
          ...at((k as YamlNode).range?.[0] ?? 0),
          message: 'a mapping key must be a plain value, not a list, mapping or alias',
          hint: 'Write keys as plain words.',
        });
      } else if (isScalar(k) && FORBIDDEN_KEYS.has(String(k.value))) {
        failed = true;
        diagnostics.add({
          code: 'GDP106',
          file: path,
          ...at(k.range?.[0] ?? 0),
          message: `key "${String(k.value)}" is not allowed`,
        });
      }
    },
    Node(_key, node) {
      if (isNode(node) && node.tag && !ALLOWED_TAGS.has(node.tag)) {
        failed = true;
        diagnostics.add({
          code: 'GDP113',
          file: path,
          ...at(node.range?.[0] ?? 0),
          message: `YAML tag "${node.tag}" is not allowed`,
        });
      }
    },
  });
  return failed;
}

function duplicateKeyMessage(text: string, offset: number): string {
  const m = /^[\s-]*("[^"]*"|'[^']*'|[^:\s]+)/.exec(text.slice(offset, offset + 200));
  return m ? `key ${m[1].replace(/^["']|["']$/g, '')} appears twice in the same mapping` : 'a key appears twice in the same mapping';
}

function cleanYamlMessage(message: string): string {
  // yaml's messages end with " at line L, column C" plus a code excerpt when prettyErrors is on; we
  // print our own position and excerpt.
  return message.replace(/ at line \d+, column \d+[\s\S]*$/, '').replace(/\s+$/, '');
}
