/**
 * Numbers and booleans from environment variables: a number or boolean field may hold exactly one
 * reference to a variable that holds one (`default_table_expiration_ms: ${expiry}` or
 * `${variables.expiry}`). The schema check runs once per environment with the variable's value in place;
 * the entity keeps the reference at that path (so compile hooks see the text written), and each
 * environment's resolved configuration gets the typed value.
 */
import type { z } from 'zod';
import type { DiagnosticBag } from '../diagnostics';
import type { Environment } from '../environment';
import type { Entity } from '../module-type';
import { typedVariableValue, wholeVariableReference } from '../resolver';
import { reportSchemaIssues } from '../schema-errors';
import type { SourceFile, ValuePath } from '../source';

/** Paths of entities whose value is a typed variable reference (kept per entity for stage 3). */
const typedPaths = new WeakMap<Entity, readonly ValuePath[]>();

/** The typed value of a reference at a path of an entity in an environment, if that path holds one. */
export function typedValueAt(entity: Entity, env: Environment): ((path: ValuePath, value: string) => number | boolean | undefined) | undefined {
  const paths = typedPaths.get(entity);
  if (!paths) return undefined;
  const keys = new Set(paths.map((p) => p.join('\u0000')));
  return (path, value) => (keys.has(path.join('\u0000')) ? typedVariableValue(env, value) : undefined);
}

/** Records the typed paths of an entity created from {@link parseWithTypedVariables}' result. */
export function rememberTypedPaths(entity: Entity, paths: readonly ValuePath[]): void {
  if (paths.length > 0) typedPaths.set(entity, paths);
}

function valueAt(root: unknown, path: ValuePath): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** A copy of `root` with `value` at `path` (objects and lists along the path are copied). */
function withValueAt(root: unknown, path: ValuePath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head] = withValueAt(copy[head], rest, value);
  return copy;
}

/** Sets `value` at `path` in place (the zod output, which gdp owns). */
function setAt(root: unknown, path: ValuePath, value: unknown): void {
  const parent = valueAt(root, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object') (parent as Record<string | number, unknown>)[path[path.length - 1]] = value;
}

/**
 * When every schema issue is a number or boolean field holding a whole reference to a variable that is a
 * number or boolean in some environment, validates the file once per environment with the variables'
 * values in place (issues reported with the environment). Returns the configuration with the references
 * kept, and their paths; `reported` when an environment's values are invalid; undefined when this does
 * not apply (the caller reports the issues).
 */
export function parseWithTypedVariables(
  schema: z.ZodType,
  file: SourceFile,
  issues: readonly z.core.$ZodIssue[],
  environments: readonly Environment[],
  bag: DiagnosticBag,
): { readonly data: unknown; readonly paths: readonly ValuePath[] } | 'reported' | undefined {
  const paths: ValuePath[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const value = valueAt(file.value, path);
    const typed = issue.code === 'invalid_type' && typeof value === 'string' && wholeVariableReference(value) !== undefined;
    if (!typed || !environments.some((env) => typedVariableValue(env, value) !== undefined)) return undefined;
    paths.push(path);
  }
  if (paths.length === 0) return undefined;
  let data: unknown;
  let ok = true;
  for (const env of environments) {
    let value = file.value;
    const missing = new Set<string>();
    for (const path of paths) {
      const reference = valueAt(file.value, path) as string;
      const typed = typedVariableValue(env, reference);
      if (typed !== undefined) value = withValueAt(value, path, typed);
      else if (!Object.prototype.hasOwnProperty.call(env.variables, wholeVariableReference(reference)!)) missing.add(path.join('\u0000'));
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      data ??= parsed.data;
      continue;
    }
    // A variable this environment does not define is reported once, by the resolver (GDP301).
    const own = parsed.error.issues.filter((i) => !missing.has(i.path.filter((p): p is string | number => typeof p !== 'symbol').join('\u0000')));
    if (own.length === 0) continue;
    reportSchemaIssues(bag, file, schema, own, env.name);
    ok = false;
  }
  if (!ok) return 'reported';
  if (data === undefined) return undefined;
  for (const path of paths) setAt(data, path, valueAt(file.value, path));
  return { data, paths };
}
