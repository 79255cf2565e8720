/**
 * A cache key of plain data that tells apart everything a computation could see: `undefined` from a
 * missing property, numbers by their exact text, arrays from objects. Anything that is not plain data
 * (a function, a class instance, a Map) makes the value unusable as a key.
 */

/** The key text of a plain-data value, or undefined when the value holds something else. */
export function dataKey(value: unknown): string | undefined {
  const parts: string[] = [];
  return write(value, parts) ? parts.join('') : undefined;
}

function write(value: unknown, out: string[]): boolean {
  switch (typeof value) {
    case 'undefined':
      out.push('u');
      return true;
    case 'boolean':
      out.push(value ? 't' : 'f');
      return true;
    case 'number':
      out.push(Object.is(value, -0) ? 'n-0' : `n${value}`);
      return true;
    case 'string':
      out.push(JSON.stringify(value));
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) {
    out.push('z');
    return true;
  }
  if (Array.isArray(value)) {
    out.push('[');
    // Holes read as undefined, as the computation would see them.
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      if (!write(value[i], out)) return false;
    }
    out.push(']');
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  out.push('{');
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(k), ':');
    if (!write(v, out)) return false;
  }
  out.push('}');
  return true;
}
