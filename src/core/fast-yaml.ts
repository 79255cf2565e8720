/**
 * The fast path for reading a configuration file: js-yaml (7–12× less CPU than `yaml` on the same
 * files) builds the plain value, and `yaml` (the slow path, with positions) is used only when a file
 * could come out differently or holds something gdp reports. Positions of a file read here come from
 * `yaml` on demand (SourceFile parses its syntax tree lazily).
 *
 * Why the values are the same: plain scalars are resolved by `yaml`'s own core-schema tag tests and
 * resolvers (the same code the slow path runs, in the same order); every construct the two parsers
 * treat differently, or that the slow path reports (tags, anchors and aliases, directives, collection
 * or null keys, `<<`, forbidden keys, any js-yaml error, a top level that is not a non-empty mapping),
 * sends the file to the slow path. test/core/fast-yaml.test.ts compares both paths over the seed
 * examples, the bundled configuration, a generated project and a seeded corpus of tricky and broken files.
 */
import { load, Schema as JsYamlSchema, Type as JsYamlType, type State } from 'js-yaml';
import { isScalar, Schema as YamlSchema, type CollectionTag, type ScalarTag } from 'yaml';

/** Keys the slow path refuses (GDP106) or converts differently (`null` → "" in `yaml`, "null" in js-yaml; `<<`). */
const SLOW_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'null', '<<']);

/** Prefix of the tags of the types below. */
const OWN_TAG = 'tag:gdp.fast-yaml:';

/** Set when a `yaml` resolver reports a problem (the slow path then reports it). */
let resolverFailed = false;

function isScalarTag(tag: ScalarTag | CollectionTag): tag is ScalarTag {
  return tag.collection === undefined;
}

/**
 * js-yaml types that resolve plain scalars exactly as `yaml`'s core schema does: `yaml`'s own tags
 * (null, bool, octal/decimal/hex int, .inf/.nan, exponent and decimal floats), tested in `yaml`'s order.
 * Their tag names are private, so an explicit tag (`!!int 1`) is unknown to js-yaml and takes the slow path.
 */
const CORE_TYPES = new YamlSchema({ schema: 'core' }).tags.flatMap((tag, index) => {
  const test = tag.test;
  if (!test || tag.default !== true || !isScalarTag(tag)) return [];
  const resolve = tag.resolve.bind(tag);
  return [
    new JsYamlType(`${OWN_TAG}${index}`, {
      kind: 'scalar',
      resolve: (data: unknown) => typeof data === 'string' && test.test(data),
      construct: (data: string) => {
        const res = resolve(data, () => (resolverFailed = true), { intAsBigInt: false });
        return isScalar(res) ? res.value : res;
      },
    }),
  ];
});

const CORE_AS_JS_YAML = new JsYamlSchema({ implicit: CORE_TYPES });

/**
 * Text that js-yaml and `yaml` read differently: directives (`%YAML 1.1` changes the schema), a carriage
 * return that does not end a line, a byte order mark inside the text, a list item that starts another
 * collection on its own line (`- - a`, `- ? a`), a bare `-` (js-yaml moves the next, less indented item
 * into an inner list that ends with an empty item), a comment not separated by a space (`[a]# c`, `a,# c`).
 */
const RISKY_TEXT = /^%|\r(?!\n)|\uFEFF|^[ \t]*-[ \t]+[-?:](?:[ \t]|$)|^[ \t]*-[ \t]*(?:#.*)?\r?$|[[\]{},"']#/m;

/**
 * The longest line (without its end) the fast path takes: YAML's 1,024-character limit on implicit keys,
 * which `yaml` (strict) reports and js-yaml does not check; a longer line takes the slow path, which
 * reports it when the line is a key.
 */
const MAX_LINE = 1024;

/** Whether a line is longer than {@link MAX_LINE} (a scan; the regex `[^\n]{1025}` retries at every character). */
function hasLongLine(text: string): boolean {
  for (let start = 0; ; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > MAX_LINE) return true;
    if (newline < 0) return false;
    start = newline + 1;
  }
}

/** A block scalar header both parsers read alike: `|`, `|-`, `>`, `>-` (no indentation indicator, no `+`). */
const PLAIN_BLOCK_HEADER = /^[|>]-?(?:[ \t\r\n]|$)/;

/** A file read on the fast path. */
export interface FastRead {
  /** The file's value. */
  readonly value: Record<string, unknown>;
  /**
   * The file's text, as a slice of js-yaml's own copy of it: the value's strings are slices of that
   * copy too, so keeping this one instead of the caller's keeps one copy of the text in memory, not two.
   */
  readonly text: string;
}

/**
 * A configuration file read with js-yaml (its value and the text to keep), or undefined when the file must
 * take the slow path (it is broken, empty, not a mapping, or uses YAML features the two parsers might treat
 * differently).
 */
export function fastRead(text: string): FastRead | undefined {
  if (RISKY_TEXT.test(text) || hasLongLine(text)) return undefined;
  let copy = text;
  let unusual = false;
  const collections = new Set<unknown>();
  const opened: number[] = [];
  const listener = (event: string, state: State): void => {
    if (event === 'open') {
      if (opened.length === 0) copy = state.input;
      opened.push(state.position);
      return;
    }
    const { tag, anchor, kind, result, input, position } = state as State & { tag: string | null; anchor: string | null };
    const start = opened.pop() ?? 0;
    if (anchor !== null || (tag !== null && tag !== '?' && !tag.startsWith(OWN_TAG))) unusual = true;
    if (unusual) return;
    // The node's own characters: js-yaml opens it before the space that separates it and may close it
    // after the space that follows.
    const from = firstFrom(input, start);
    let end = position;
    while (end > from && ' \t\r\n'.includes(input[end - 1])) end--;
    const lineEnd = input.indexOf('\n', from);
    const multiLine = lineEnd !== -1 && lineEnd < end;
    if (kind === 'mapping' || kind === 'sequence') {
      collections.add(result);
      // A flow collection inside a block one must indent its continuation lines (`yaml` checks, js-yaml
      // does not); one inside a flow document (a JSON file) need not.
      if (multiLine && opened.length > 0 && isFlow(input[from]) && !isFlow(input[firstFrom(input, opened[0])])) unusual = true;
    } else if (kind === 'scalar' && multiLine) {
      // Only block scalars with a plain header may span lines: `yaml` refuses some quoted and plain
      // scalars js-yaml reads (a continuation line not indented), and keeps whitespace-only lines of
      // `|+` and `|2` differently.
      unusual = !PLAIN_BLOCK_HEADER.test(input.slice(from, from + 3));
    }
  };
  let value: unknown;
  resolverFailed = false;
  try {
    value = load(text, { schema: CORE_AS_JS_YAML, listener });
  } catch {
    return undefined;
  }
  if (unusual || resolverFailed || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  // The collections of the value must be exactly those js-yaml composed: one composed but not in the
  // value was a key (`[a]: 1`), which js-yaml turns into a string and the slow path reports; one in the
  // value but not composed is a flow pair (`[a: 1]`). (A collection may be closed twice, hence a set.)
  if (plainCollections(value, collections) !== collections.size) return undefined;
  return { value: value as Record<string, unknown>, text: copy.startsWith(text) ? copy.slice(0, text.length) : text };
}

/** Whether a node starting with this character is a flow collection. */
function isFlow(first: string | undefined): boolean {
  return first === '[' || first === '{';
}

/** Offset of the first character from `start` that is not a space or line break. */
function firstFrom(input: string, start: number): number {
  let i = start;
  while (i < input.length && ' \t\r\n'.includes(input[i])) i++;
  return i;
}

/** Number of lists and mappings in a value, or -1 when one was not composed or a key needs the slow path. */
function plainCollections(root: object, composed: ReadonlySet<unknown>): number {
  let count = 0;
  const stack: object[] = [root];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (!composed.has(next)) return -1;
    count++;
    if (Array.isArray(next)) {
      for (const item of next) if (item !== null && typeof item === 'object') stack.push(item as object);
      continue;
    }
    for (const key of Object.keys(next)) {
      if (SLOW_KEYS.has(key)) return -1;
      const item = (next as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push(item);
    }
  }
  return count;
}
