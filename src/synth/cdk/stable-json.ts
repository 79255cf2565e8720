/**
 * Writes a value to a file exactly as cdktf writes a stack (`json-stable-stringify` with `space: 2`: keys
 * sorted, two-space indent, empty objects and arrays over two lines), but in pieces of at most
 * {@link FLUSH_CHARS} characters instead of one string. cdktf builds the text of each object and array of
 * the tree before joining it into its parent, so a 17 MB stack leaves several times its size of strings
 * behind, at the moment the process holds the most (the construct tree and the stack object): the peak
 * memory of a synthesis process. test/synth/stable-json.test.ts compares both byte for byte.
 */
import * as fs from 'node:fs';

/** Text buffered before a write: large enough for few system calls, small next to the stack. */
const FLUSH_CHARS = 1 << 16;

/** A value with `toJSON` (a Date, a token): serialized as what it returns, as json-stable-stringify does. */
function jsonValue(value: unknown): unknown {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}

/**
 * Writes `value` to `file` as `json-stable-stringify(value, { space: 2 })` would return it. A value that
 * serializes to nothing (undefined, a function) writes an empty file; cycles are refused like there.
 */
export function writeStableJson(file: string, value: unknown): void {
  const fd = fs.openSync(file, 'w');
  try {
    let buffered = '';
    const emit = (text: string): void => {
      buffered += text;
      if (buffered.length >= FLUSH_CHARS) {
        fs.writeFileSync(fd, buffered); // writes all of it (writeSync may write part)
        buffered = '';
      }
    };
    const indents = ['\n'];
    const indent = (level: number): string => (indents[level] ??= indent(level - 1) + '  ');
    const ancestors = new Set<object>();
    /** The text of a value that is not an object or array, or undefined when it is one (or writes nothing). */
    const scalar = (node: unknown): string | undefined => (typeof node === 'object' && node !== null ? undefined : JSON.stringify(node));
    const write = (node: object, level: number): void => {
      const inner = indent(level + 1);
      if (Array.isArray(node)) {
        emit('[');
        for (let i = 0; i < node.length; i++) {
          const item = jsonValue(node[i]);
          emit(i === 0 ? inner : ',' + inner);
          if (typeof item === 'object' && item !== null) write(item, level + 1);
          else emit(scalar(item) ?? 'null');
        }
        emit(indent(level) + ']');
        return;
      }
      if (ancestors.has(node)) throw new TypeError('Converting circular structure to JSON');
      ancestors.add(node);
      emit('{');
      let first = true;
      for (const key of Object.keys(node).sort()) {
        const item = jsonValue((node as Record<string, unknown>)[key]);
        const text = scalar(item);
        const isObject = typeof item === 'object' && item !== null;
        if (!isObject && text === undefined) continue;
        emit(`${first ? '' : ','}${inner}${JSON.stringify(key)}: `);
        first = false;
        if (isObject) write(item, level + 1);
        else emit(text!);
      }
      ancestors.delete(node);
      emit(indent(level) + '}');
    };
    const root = jsonValue(value);
    if (typeof root === 'object' && root !== null) write(root, 0);
    else emit(scalar(root) ?? '');
    if (buffered) fs.writeFileSync(fd, buffered);
  } finally {
    fs.closeSync(fd);
  }
}
