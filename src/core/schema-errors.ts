/**
 * Turns zod issues into positioned diagnostics with "did you mean" suggestions.
 */
import type { z } from 'zod';
import type { DiagnosticCode } from './codes';
import type { DiagnosticBag } from './diagnostics';
import type { SourceFile, ValuePath } from './source';
import { didYouMean, listNames } from './suggest';

type AnySchema = z.core.$ZodType;

/** The field names a schema accepts at a value path (empty when unknown). */
export function knownKeysAt(schema: AnySchema, path: ValuePath): string[] {
  const keys = new Set<string>();
  const visit = (s: AnySchema | undefined, rest: ValuePath, depth: number): void => {
    if (!s || depth > 40) return;
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case 'object': {
        const shape = def.shape as Record<string, AnySchema>;
        if (rest.length === 0) Object.keys(shape).forEach((k) => keys.add(k));
        else visit(shape[String(rest[0])], rest.slice(1), depth + 1);
        return;
      }
      case 'array':
        if (rest.length > 0) visit(def.element as AnySchema, rest.slice(1), depth + 1);
        return;
      case 'record':
        if (rest.length > 0) visit(def.valueType as AnySchema, rest.slice(1), depth + 1);
        return;
      case 'union':
        for (const o of def.options as AnySchema[]) visit(o, rest, depth + 1);
        return;
      case 'intersection':
        visit(def.left as AnySchema, rest, depth + 1);
        visit(def.right as AnySchema, rest, depth + 1);
        return;
      case 'pipe':
        visit(def.in as AnySchema, rest, depth + 1);
        return;
      case 'lazy':
        visit((def.getter as () => AnySchema)(), rest, depth + 1);
        return;
      default:
        if (def.innerType) visit(def.innerType as AnySchema, rest, depth + 1);
    }
  };
  visit(schema, path, 0);
  return [...keys];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${value.length > 40 ? value.slice(0, 37) + '…' : value}"`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: ValuePath): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function fieldName(path: ValuePath): string {
  return path.length === 0 ? 'the file' : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}

/** Reports every issue of a failed parse. */
export function reportSchemaIssues(
  bag: DiagnosticBag,
  file: SourceFile,
  schema: AnySchema,
  issues: readonly z.core.$ZodIssue[],
  env?: string,
): void {
  for (const issue of issues) reportIssue(bag, file, schema, issue, env);
}

function reportIssue(bag: DiagnosticBag, file: SourceFile, schema: AnySchema, issue: z.core.$ZodIssue, env?: string): void {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const push = (code: DiagnosticCode, at: ValuePath, message: string, hint?: string, key = false): void => {
    const pos = file.locate(at, { key });
    bag.add({
      code,
      file: file.path,
      line: pos.line,
      column: pos.column,
      endLine: pos.endLine,
      endColumn: pos.endColumn,
      message,
      hint,
      path: fieldName(at),
      environments: env ? [env] : undefined,
    });
  };
  const given = valueAt(file.value, path);
  const field = fieldName(path);
  if (given === undefined && path.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    const parent = path.slice(0, -1);
    const expected = issue.code === 'invalid_value' ? issue.values.map(String).join(' | ') : issue.expected;
    push('GDP202', parent, `missing required field "${String(path[path.length - 1])}"${parent.length ? ` in ${fieldName(parent)}` : ''}`, `Add "${String(path[path.length - 1])}: <${expected}>".`, parent.length > 0);
    return;
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      // A schema may explain its unknown keys itself (zod's `error` option), e.g. a workflow's native `main:`.
      const explained = /^Unrecognized keys?:/.test(issue.message) ? undefined : issue.message;
      for (const key of issue.keys) {
        push(
          'GDP201',
          [...path, key],
          `unknown field "${key}"${path.length ? ` in ${field}` : ''}.${didYouMean(key, known)}`,
          explained ?? `Fields allowed here: ${listNames(known, 40)}.`,
          true,
        );
      }
      return;
    }
    case 'invalid_type': {
      push('GDP203', path, `${field} must be ${article(issue.expected)}, but ${describe(given)} was given`);
      return;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      const g = typeof given === 'string' ? given : String(given);
      push('GDP204', path, `${field} must be one of ${allowed.join(', ')}, but ${describe(given)} was given.${didYouMean(g, allowed)}`);
      return;
    }
    case 'too_small':
    case 'too_big': {
      push('GDP205', path, `${field}: ${issue.message}, but ${describe(given)} was given`);
      return;
    }
    case 'invalid_format': {
      push('GDP206', path, `${field} ${mustBe(issue.message)}, but ${describe(given)} was given`);
      return;
    }
    case 'invalid_key': {
      // A map key (label, variable name, header…) breaks its rule: point at the key itself.
      const keyIssue = issue.issues[0];
      push('GDP206', path, `key "${String(path[path.length - 1])}"${path.length > 1 ? ` in ${fieldName(path.slice(0, -1))}` : ''} ${keyIssue ? mustBe(keyIssue.message) : 'must be a valid key'}`, undefined, true);
      return;
    }
    case 'invalid_union': {
      // Report the branch that got furthest (the one whose issues have the longest paths).
      const branches = issue.errors;
      if (branches.length === 0) {
        push('GDP207', path, `${field}: ${issue.message}`);
        return;
      }
      const best = [...branches].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
      for (const sub of best) reportIssue(bag, file, schema, { ...sub, path: [...issue.path, ...sub.path] } as z.core.$ZodIssue, env);
      return;
    }
    default: {
      // Refinements may carry their own code and hint: `ctx.addIssue({ code: 'custom', params: { code, hint } })`.
      const params = (issue as { params?: { code?: DiagnosticCode; hint?: string } }).params;
      push(params?.code ?? 'GDP207', path, path.length ? `${field}: ${issue.message}` : issue.message, params?.hint);
    }
  }
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

function article(expected: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false', int: 'a whole number' };
  return names[expected] ?? `a ${expected}`;
}

/** "must be <what the rule says>", without doubling zod's own "must match pattern …". */
function mustBe(message: string): string {
  const what = message.replace(/^Invalid (string: )?/, '');
  return /^must /.test(what) ? what : `must be ${what}`;
}
