/**
 * Compares two resources' attribute values the way Terraform sees them: leaf by leaf, with null, empty
 * strings, empty lists and empty maps all meaning "not set", scalars compared after conversion to text
 * (Terraform converts `168` and `"168"` to the schema's type), lists of scalars as a whole, and per-path
 * equality functions for the provider's diff suppressions.
 */

/** A step of an attribute path: a key or a list index. */
export type Segment = string | number;

/** A difference found by {@link diffValues}. */
export interface ValueDifference {
  readonly segments: readonly Segment[];
  readonly change: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Equality per rule path (see {@link rulePath}) for values the provider compares in its own way. */
export type EqualityRules = Readonly<Record<string, (before: unknown, after: unknown) => boolean>>;

/** True for plain objects (Terraform maps and blocks). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Null, undefined, '' and empty lists or maps: "not set" for Terraform. */
export function isAbsent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

/** JSON with sorted keys, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

/** `a.b["c-d"][0].e`: identifiers with dots, other keys quoted, indexes in brackets. */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** The path without list indexes, dot-joined: what the rule tables are written in (`time_partitioning.field`). */
export function rulePath(segments: readonly Segment[]): string {
  return segments.filter((s): s is string => typeof s === 'string').join('.');
}

/** True when a change at `path` touches the rule path `rule` (equal, inside it, or a parent of it). */
export function touches(path: string, rule: string): boolean {
  return path === rule || path.startsWith(`${rule}.`) || rule.startsWith(`${path}.`);
}

/** Scalars as Terraform compares them after converting to the schema type. */
function scalarText(value: unknown): string {
  return typeof value === 'object' ? canonicalJson(value) : String(value);
}

const isObjectList = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0 && v.every(isRecord);

/** Every difference between two values, leaves first-class, in key order. */
export function diffValues(before: unknown, after: unknown, equal: EqualityRules = {}): ValueDifference[] {
  const out: ValueDifference[] = [];
  walk(before, after, [], equal, out);
  return out;
}

function walk(before: unknown, after: unknown, segments: Segment[], equal: EqualityRules, out: ValueDifference[]): void {
  const noBefore = isAbsent(before);
  const noAfter = isAbsent(after);
  if (noBefore && noAfter) return;
  const rule = segments.length > 0 ? equal[rulePath(segments)] : undefined;
  if (rule) {
    if (noBefore || noAfter || !rule(before, after)) out.push(difference(segments, before, after));
    return;
  }
  if ((isRecord(before) || noBefore) && (isRecord(after) || noAfter)) {
    const b = (noBefore ? {} : before) as Record<string, unknown>;
    const a = (noAfter ? {} : after) as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) walk(b[key], a[key], [...segments, key], equal, out);
    return;
  }
  if ((isObjectList(before) || noBefore) && (isObjectList(after) || noAfter)) {
    const b = noBefore ? [] : (before as unknown[]);
    const a = noAfter ? [] : (after as unknown[]);
    for (let i = 0; i < Math.max(b.length, a.length); i++) walk(b[i], a[i], [...segments, i], equal, out);
    return;
  }
  if (noBefore || noAfter || scalarText(before) !== scalarText(after)) out.push(difference(segments, before, after));
}

function difference(segments: readonly Segment[], before: unknown, after: unknown): ValueDifference {
  if (isAbsent(before)) return { segments, change: 'added', after };
  if (isAbsent(after)) return { segments, change: 'removed', before };
  return { segments, change: 'changed', before, after };
}

/** Reads a nested value; a single-element list (how Terraform plans show MaxItems=1 blocks) counts as its element. */
export function valueAt(values: unknown, ...keys: string[]): unknown {
  let v: unknown = values;
  for (const k of keys) {
    v = single(v);
    v = isRecord(v) ? v[k] : undefined;
  }
  return single(v);
}

/** The element of a one-element list of blocks, otherwise the value. */
export function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 && isRecord(value[0]) ? value[0] : value;
}

/** Equality of JSON text (the provider normalizes such attributes). */
export function sameJson(a: unknown, b: unknown): boolean {
  const parse = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  };
  return canonicalJson(parse(a)) === canonicalJson(parse(b));
}

/** Equality of lists whose order does not matter (Terraform sets). */
export function sameSet(a: unknown, b: unknown): boolean {
  const key = (v: unknown): string[] => (Array.isArray(v) ? v.map(canonicalJson).sort() : [canonicalJson(v)]);
  return canonicalJson(key(a)) === canonicalJson(key(b));
}

/** Case-insensitive equality of text (the provider's CaseDiffSuppress). */
export function sameIgnoringCase(a: unknown, b: unknown): boolean {
  return String(a).toLowerCase() === String(b).toLowerCase();
}
