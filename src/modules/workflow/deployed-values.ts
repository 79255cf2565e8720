/**
 * What Cloud Workflows receives must be what was written, value for value and type for type:
 *
 * - mapping keys follow the rules of values: `$${...}` (a dynamic key, evaluated at run time) becomes
 *   `${...}`, and gdp references in keys are resolved;
 * - a number written as a double (`2.0`, `1e3`) stays a double: Cloud Workflows tells int from double,
 *   while JavaScript numbers do not, so such numbers are carried as YAML scalars that print a fraction;
 * - the YAML text is written for a YAML 1.1 reader (definitionYaml in synth.ts): strings that such a
 *   reader would take for something else (`"2024-01-01"`, `"."`, `"yes"`, `"0755"`) keep their quotes.
 */
import { isScalar, Scalar } from 'yaml';
import type { WorkflowCode } from './codes';
import type { Reporter } from '../../core/module-type';
import { parseTemplate } from '../../core/references';
import type { SourceFile, ValuePath } from '../../core/source';
import { literalValue, type LiteralContext } from './literal-values';
import { isMapping } from './step-shape';
import { forEachMapping } from './walk-mappings';

/** True when a number's source text is a double in YAML (a fraction, an exponent, .inf or .nan). */
export function isDoubleSource(source: string): boolean {
  return /[.eE]/.test(source) && !/^0x/i.test(source);
}

/** A double whose value is a whole number, printed with a fraction (`2.0`). */
function wholeDouble(value: number): Scalar<number> {
  const node = new Scalar(value);
  node.minFractionDigits = 1;
  return node;
}

/**
 * The resolved configuration as Cloud Workflows must receive it: keys resolved and unescaped, whole
 * numbers written as doubles in `file` kept as doubles. `resolved` has the shape of the file's value.
 */
export function deployedValues<T>(resolved: T, file: SourceFile, ctx: LiteralContext): T {
  const walk = (value: unknown, path: ValuePath): unknown => {
    if (typeof value === 'number') return Number.isInteger(value) && writtenAsDouble(file, path) ? wholeDouble(value) : value;
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (isMapping(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(value)) out[k.includes('${') ? literalValue(k, ctx) : k] = walk(item, [...path, k]);
      return out;
    }
    return value;
  };
  // The walk keeps the shape: numbers written as doubles become doubles of the same value.
  return walk(resolved, []) as T;
}

/**
 * A plain YAML number token with a fraction or an exponent (`2.0`, `-1e3`, `.5`), standing alone: after a
 * space, a line start or a flow indicator, before a space, a line end or a flow indicator (so that
 * `v2.jobs` or `(1.0)` inside longer text are not numbers).
 */
const DOUBLE_TOKEN = /(?:^|[\s[{,:])([-+]?(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?)(?=$|[\s,\]}])/gm;

/** Per file: whether its text may write a whole number as a double (computed once). */
const mayWriteWholeDoubles = new WeakMap<SourceFile, boolean>();

/**
 * False when no number of the file can be a whole number written as a double: no standalone number token
 * with a fraction or exponent has a whole value, and no `%YAML` directive asks for YAML 1.1's other number
 * forms. Then the file's syntax tree is not needed (it is parsed again from the text when asked for,
 * which costs more than the rest of the workflow's synthesis).
 */
export function mayWriteWholeDouble(text: string): boolean {
  if (text.includes('%YAML')) return true;
  for (const m of text.matchAll(DOUBLE_TOKEN)) {
    const token = m[1];
    if (/[.eE]/.test(token) && Number.isInteger(Number(token.replace(/_/g, '')))) return true;
  }
  return false;
}

function writtenAsDouble(file: SourceFile, path: ValuePath): boolean {
  let possible = mayWriteWholeDoubles.get(file);
  if (possible === undefined) mayWriteWholeDoubles.set(file, (possible = mayWriteWholeDouble(file.text)));
  if (!possible) return false;
  const { node, exact } = file.nodeAt(path);
  if (!exact || !isScalar(node) || typeof node.value !== 'number') return false;
  return (node.minFractionDigits ?? 0) > 0 || (typeof node.source === 'string' && isDoubleSource(node.source));
}

/**
 * Reports gdp references in mapping keys that gdp cannot resolve (keys are resolved at synthesis, where
 * an unresolved `${x}` would silently become a run-time expression).
 */
export function checkKeyReferences(resolved: unknown, ctx: LiteralContext, report: Reporter<WorkflowCode>): void {
  forEachMapping(resolved, [], (mapping, path) => {
    for (const k of Object.keys(mapping)) {
      for (const seg of k.includes('${') ? parseTemplate(k) : []) {
        if (seg.type === 'text') continue;
        if (seg.type === 'ref' && literalValue(seg.source, ctx) !== seg.source) continue;
        report('GDP301', [...path, k], `mapping key "${k}": ${seg.source} is not a value gdp can put in a key`, {
          key: true,
          hint: 'In a key, use a built-in (${project}, ${env}, …), an environment variable or an attribute of another file; write $${...} for a key Cloud Workflows computes at run time.',
        });
      }
    }
  });
}
