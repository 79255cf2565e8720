/**
 * Control characters in values: Google APIs refuse them in names, descriptions and labels (and a NUL
 * truncates text in some), and they hide in files as invisible bytes or as YAML escapes ("\0", "\x07").
 * Tab, line feed and carriage return are ordinary text. Lone UTF-16 surrogates ("\ud800" in YAML) are not text at all.
 */
import type { DiagnosticBag } from './diagnostics';
import type { SourceFile, ValuePath } from './source';

/** A double-quoted YAML escape that can produce a control character. */
const CONTROL_ESCAPE = /\\[0abefvxuU]/;

/** Index of the first control character (not tab, LF or CR) or lone surrogate of a string, or -1. */
function firstControl(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/** `the control character U+0007` for the first offending character of a string. */
function described(s: string): string {
  const c = s.charCodeAt(firstControl(s));
  const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return c >= 0xd800 && c <= 0xdfff ? `${code}, half of a UTF-16 surrogate pair (not a character; "\\u" escapes must come in pairs)` : `the control character ${code}`;
}

/** Reports every key and string value holding a control character; true when there was one. */
export function reportControlCharacters(file: SourceFile, bag: DiagnosticBag): boolean {
  if (firstControl(file.text) < 0 && !CONTROL_ESCAPE.test(file.text)) return false;
  let found = false;
  const stack: { value: unknown; path: ValuePath }[] = [{ value: file.value, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (firstControl(value) < 0) continue;
      found = true;
      const pos = file.locate(path);
      bag.add({ code: 'GDP117', file: file.path, line: pos.line, column: pos.column, path: path.join('.'), message: `the value holds ${described(value)}` });
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = [...path, Array.isArray(value) ? Number(key) : key];
        if (!Array.isArray(value) && firstControl(key) >= 0) {
          found = true;
          const pos = file.locate(childPath, { key: true });
          bag.add({ code: 'GDP117', file: file.path, line: pos.line, column: pos.column, message: `the key holds ${described(key)}` });
        }
        stack.push({ value: child, path: childPath });
      }
    }
  }
  return found;
}
