/**
 * Resolves `${...}` references for one environment: the symbol table (built-ins, environment variables,
 * and one namespace per module type) and the walk over a configuration value.
 */
import type { DiagnosticCode } from './codes';
import type { Environment } from './environment';
import { BUILTIN_GLOBALS, SERVICE_ACCOUNT_PURPOSES } from './environment';
import type { Entity, ModuleType } from './module-type';
import { bucketName, nameViolation, NAME_RULES, serviceAccountEmail } from './naming';
import { formatExpr, parseTemplate, type RefExpr } from './references';
import type { ValuePath } from './source';
import { didYouMean, listNames } from './suggest';

/** A resolution failure, positioned relative to the start of the reference. */
export interface ResolveError {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly hint?: string;
}

/** An entity a reference points at. */
export interface Dependency {
  readonly namespace: string;
  readonly name: string;
}

/** Everything a resolver needs to know about the project in one environment. */
export interface SymbolSource {
  readonly env: Environment;
  /** Module type per namespace. */
  moduleFor(namespace: string): ModuleType | undefined;
  /** All namespaces. */
  namespaces(): string[];
  /** The entity of a namespace by logical name. */
  entity(namespace: string, name: string): Entity | undefined;
  /** Names of a namespace's entities. */
  names(namespace: string): string[];
  /** Attributes of an entity in this environment. */
  attributes(namespace: string, name: string): Record<string, string>;
}

/** Result of resolving one string. */
export interface ResolvedString {
  readonly value: string;
  readonly dependencies: Dependency[];
  /** Problems with their offset in the string. */
  readonly errors: (ResolveError & { offset: number })[];
}

const HINT_RUNTIME = 'If this is a Cloud Workflows expression evaluated at run time, escape it as $${...}.';

/** Resolves references in strings for one environment. */
export class Resolver {
  private variableDepth = 0;

  constructor(private readonly symbols: SymbolSource) {}

  /** Resolves every reference in one string; `locals` are names valid only at this place. */
  resolveString(value: string, locals?: Record<string, string>): ResolvedString {
    if (!value.includes('${')) return { value, dependencies: [], errors: [] };
    const dependencies: Dependency[] = [];
    const errors: (ResolveError & { offset: number })[] = [];
    let out = '';
    for (const seg of parseTemplate(value)) {
      if (seg.type === 'text') out += seg.text;
      else if (seg.type === 'bad') {
        errors.push({ code: 'GDP302', message: `malformed reference ${seg.source}: ${seg.reason}`, hint: HINT_RUNTIME, offset: seg.offset });
        out += seg.source;
      } else {
        const r = this.resolveExpr(seg.expr, locals);
        if ('code' in r) {
          errors.push({ ...r, offset: seg.offset });
          out += seg.source;
        } else {
          out += r.value;
          dependencies.push(...r.dependencies);
          errors.push(...r.errors.map((e) => ({ ...e, offset: seg.offset })));
        }
      }
    }
    return { value: out, dependencies, errors };
  }

  /** Resolves one parsed expression. */
  resolveExpr(expr: RefExpr, locals?: Record<string, string>): ResolvedString | ResolveError {
    const { env } = this.symbols;
    const text = '${' + formatExpr(expr) + '}';
    const scalar = (value: string): ResolvedString | ResolveError =>
      expr.keys.length === 0
        ? { value, dependencies: [], errors: [] }
        : { code: 'GDP303', message: `${expr.head} is a plain value; ${text} has no attribute "${expr.keys[0]}"`, hint: `Write \${${expr.head}}.` };

    if (locals && Object.prototype.hasOwnProperty.call(locals, expr.head)) return scalar(locals[expr.head]);
    switch (expr.head) {
      case 'project':
        return scalar(env.project_id);
      case 'region':
        return scalar(env.region);
      case 'location':
        return scalar(env.bigquery_location);
      case 'env':
        return scalar(env.name);
      case 'app_name':
        return scalar(env.app_name);
      case 'date':
        return {
          code: 'GDP307',
          message: '${date} is only available in a scheduler body, where it becomes the date of each run',
          hint: 'In a workflow, compute the date at run time: $${text.substring(time.format(sys.now()), 0, 10)}.',
        };
      case 'service_accounts':
        return this.namedValue(expr, text, [...SERVICE_ACCOUNT_PURPOSES], (p) => serviceAccountEmail(env, p));
      case 'buckets':
        return this.bucket(expr, text);
      default:
        break;
    }
    if (Object.prototype.hasOwnProperty.call(env.variables, expr.head)) return this.variable(expr, text);
    const module = this.symbols.moduleFor(expr.head);
    if (module) return this.entityAttribute(module, expr, text);
    const known = [...BUILTIN_GLOBALS.filter((g) => g !== 'date'), ...Object.keys(env.variables), ...this.symbols.namespaces(), ...Object.keys(locals ?? {})];
    return {
      code: 'GDP301',
      message: `unknown reference ${text}: nothing is called "${expr.head}" in environment ${env.name}.${didYouMean(expr.head, known)}`,
      hint: `Known names: ${listNames(known, 30)}. Environment variables come from environments/${env.name}.json "variables". ${HINT_RUNTIME}`,
    };
  }

  private namedValue(expr: RefExpr, text: string, names: string[], value: (n: string) => string): ResolvedString | ResolveError {
    if (expr.keys.length !== 1) {
      return { code: 'GDP303', message: `${text} needs exactly one name after "${expr.head}"`, hint: `Write \${${expr.head}.<name>}; names: ${names.join(', ')}.` };
    }
    const key = expr.keys[0];
    if (!names.includes(key)) {
      return {
        code: 'GDP301',
        message: `unknown reference ${text}: "${key}" is not one of ${names.join(', ')}.${didYouMean(key, names)}`,
      };
    }
    return { value: value(key), dependencies: [], errors: [] };
  }

  private bucket(expr: RefExpr, text: string): ResolvedString | ResolveError {
    if (expr.keys.length !== 1) {
      return { code: 'GDP303', message: `${text} needs exactly one purpose after "buckets"`, hint: 'Write ${buckets.<purpose>}, e.g. ${buckets.landing}.' };
    }
    const name = bucketName(this.symbols.env, expr.keys[0]);
    const problem = nameViolation(NAME_RULES.bucket, name);
    if (problem) return { code: 'GDP403', message: `${text} gives ${problem}`, hint: 'Use a shorter purpose of lowercase letters and digits.' };
    return { value: name, dependencies: [], errors: [] };
  }

  private variable(expr: RefExpr, text: string): ResolvedString | ResolveError {
    if (expr.keys.length > 0) {
      return { code: 'GDP303', message: `environment variable ${expr.head} is a plain value; ${text} has no attributes`, hint: `Write \${${expr.head}}.` };
    }
    if (this.variableDepth > 4) {
      return { code: 'GDP306', message: `environment variable ${expr.head} refers to itself through other variables` };
    }
    this.variableDepth++;
    try {
      const r = this.resolveString(this.symbols.env.variables[expr.head]);
      return {
        value: r.value,
        dependencies: r.dependencies,
        errors: r.errors.map((e) => ({
          ...e,
          message: `in environment variable ${expr.head} (environments/${this.symbols.env.name}.json): ${e.message}`,
        })),
      };
    } finally {
      this.variableDepth--;
    }
  }

  private entityAttribute(module: ModuleType, expr: RefExpr, text: string): ResolvedString | ResolveError {
    const ns = module.namespace;
    // Listing every declared name costs O(entities): only for error messages.
    const names = (): string[] => this.symbols.names(ns);
    if (expr.keys.length === 0) {
      return {
        code: 'GDP303',
        message: `${text} names a kind of module, not one ${module.noun}`,
        hint: `Write \${${ns}["<name>"].<attribute>}; declared: ${listNames(names())}.`,
      };
    }
    const name = expr.keys[0];
    const entity = this.symbols.entity(ns, name);
    if (!entity) {
      const declared = names();
      return {
        code: 'GDP301',
        message: `unknown reference ${text}: no ${module.noun} is named "${name}".${didYouMean(name, declared)}`,
        hint: `Declared ${ns}: ${listNames(declared)}.`,
      };
    }
    const attrs = this.symbols.attributes(ns, name);
    const attrNames = Object.keys(attrs);
    if (expr.keys.length !== 2) {
      return {
        code: 'GDP303',
        message: `${text} must name one attribute of ${module.noun} "${name}"`,
        hint: `Write \${${ns}["${name}"].<attribute>}; attributes: ${attrNames.join(', ')}.`,
      };
    }
    const attr = expr.keys[1];
    if (!Object.prototype.hasOwnProperty.call(attrs, attr)) {
      return {
        code: 'GDP303',
        message: `${module.noun} "${name}" has no attribute "${attr}".${didYouMean(attr, attrNames)}`,
        hint: `Attributes of ${ns}: ${attrNames.join(', ')}.`,
      };
    }
    return { value: attrs[attr], dependencies: [{ namespace: ns, name }], errors: [] };
  }
}

/** A resolution problem at a value path. */
export interface PathError extends ResolveError {
  readonly path: ValuePath;
  readonly offset: number;
}

/**
 * Resolves every string inside a configuration value. Returns the resolved copy (same shape), the
 * dependencies found, and the errors with their value paths.
 */
export function resolveValue(
  resolver: Resolver,
  value: unknown,
  localsAt?: (path: ValuePath) => Record<string, string> | undefined,
): { value: unknown; dependencies: Dependency[]; errors: PathError[] } {
  const dependencies: Dependency[] = [];
  const errors: PathError[] = [];
  // One path array, extended and shortened while walking; copied only where a string is resolved.
  const path: (string | number)[] = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return v;
      const at = [...path];
      const r = resolver.resolveString(v, localsAt?.(at));
      dependencies.push(...r.dependencies);
      for (const e of r.errors) errors.push({ ...e, path: at });
      return r.value;
    }
    if (Array.isArray(v)) {
      const out = v.map((item, i) => {
        path.push(i);
        const r = walk(item);
        path.pop();
        return r;
      });
      // Unchanged lists and mappings are shared with the configuration, not copied per environment.
      return out.every((item, i) => item === v[i]) ? v : out;
    }
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      let changed = false;
      for (const [k, item] of Object.entries(v)) {
        path.push(k);
        out[k] = walk(item);
        path.pop();
        if (out[k] !== item) changed = true;
      }
      return !changed ? v : out;
    }
    return v;
  };
  return { value: walk(value), dependencies, errors };
}
