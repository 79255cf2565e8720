/**
 * Resolves `${...}` references for one environment: the symbol table (built-ins, environment variables,
 * and one namespace per module type) and the walk over a configuration value.
 */
import type { DiagnosticCode } from './codes';
import type { Environment } from './environment';
import { BUILTIN_GLOBALS, SERVICE_ACCOUNT_PURPOSES } from './environment';
import type { Entity, ModuleType } from './module-type';
import { serviceAccountEmail } from './naming';
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

/** A reference as messages show it (`${tables["orders"].id}`); written only when a message needs it. */
function refText(expr: RefExpr): string {
  return '${' + formatExpr(expr) + '}';
}

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
    const scalar = (value: string): ResolvedString | ResolveError =>
      expr.keys.length === 0
        ? { value, dependencies: [], errors: [] }
        : { code: 'GDP303', message: `${expr.head} is a plain value; ${refText(expr)} has no attribute "${expr.keys[0]}"`, hint: `Write \${${expr.head}}.` };

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
        return this.namedValue(expr, [...SERVICE_ACCOUNT_PURPOSES], (p) => serviceAccountEmail(env, p));
      case 'variables':
        return this.namedVariable(expr);
      default:
        break;
    }
    if (Object.prototype.hasOwnProperty.call(env.variables, expr.head)) return this.variable(expr);
    const module = this.symbols.moduleFor(expr.head);
    if (module) return this.entityAttribute(module, expr);
    const text = refText(expr);
    const known = [...BUILTIN_GLOBALS.filter((g) => g !== 'date'), ...Object.keys(env.variables), ...this.symbols.namespaces(), ...Object.keys(locals ?? {})];
    return {
      code: 'GDP301',
      message: `unknown reference ${text}: nothing is called "${expr.head}".${didYouMean(expr.head, known)}`,
      hint: `Known names: ${listNames(known, 30)}. Environment variables come from the "variables" of environments/<env>.json. ${HINT_RUNTIME}`,
    };
  }

  private namedValue(expr: RefExpr, names: string[], value: (n: string) => string): ResolvedString | ResolveError {
    if (expr.keys.length !== 1) {
      return { code: 'GDP303', message: `${refText(expr)} needs exactly one name after "${expr.head}"`, hint: `Write \${${expr.head}.<name>}; names: ${names.join(', ')}.` };
    }
    const key = expr.keys[0];
    if (!names.includes(key)) {
      return {
        code: 'GDP301',
        message: `unknown reference ${refText(expr)}: "${key}" is not one of ${names.join(', ')}.${didYouMean(key, names)}`,
      };
    }
    return { value: value(key), dependencies: [], errors: [] };
  }

  /** `${variables.<name>}`: the environment variable, as `${<name>}` gives it. */
  private namedVariable(expr: RefExpr): ResolvedString | ResolveError {
    const names = Object.keys(this.symbols.env.variables);
    if (expr.keys.length !== 1) {
      return { code: 'GDP303', message: `${refText(expr)} needs exactly one name after "variables"`, hint: `Write \${variables.<name>}; variables of ${this.symbols.env.name}: ${listNames(names)}.` };
    }
    const name = expr.keys[0];
    if (!names.includes(name)) {
      return {
        code: 'GDP301',
        message: `unknown reference ${refText(expr)}: environment ${this.symbols.env.name} has no variable "${name}".${didYouMean(name, names)}`,
        hint: `Variables come from environments/${this.symbols.env.name}.json "variables": ${listNames(names)}.`,
      };
    }
    return this.variable({ head: name, keys: [] });
  }

  private variable(expr: RefExpr): ResolvedString | ResolveError {
    if (expr.keys.length > 0) {
      return { code: 'GDP303', message: `environment variable ${expr.head} is a plain value; ${refText(expr)} has no attributes`, hint: `Write \${${expr.head}}.` };
    }
    if (this.variableDepth > 4) {
      return { code: 'GDP306', message: `environment variable ${expr.head} refers to itself through other variables` };
    }
    const value = this.symbols.env.variables[expr.head];
    if (typeof value !== 'string') return { value: String(value), dependencies: [], errors: [] };
    this.variableDepth++;
    try {
      const r = this.resolveString(value);
      return {
        value: r.value,
        dependencies: r.dependencies,
        errors: r.errors.map((e) => ({
          ...e,
          // The environments are listed with the diagnostic: naming the file here would keep identical reports apart.
          message: `in environment variable ${expr.head} (environments/<env>.json): ${e.message}`,
        })),
      };
    } finally {
      this.variableDepth--;
    }
  }

  private entityAttribute(module: ModuleType, expr: RefExpr): ResolvedString | ResolveError {
    const ns = module.namespace;
    // Listing every declared name costs O(entities): only for error messages.
    const names = (): string[] => this.symbols.names(ns);
    if (expr.keys.length === 0) {
      return {
        code: 'GDP303',
        message: `${refText(expr)} names a kind of module, not one ${module.noun}`,
        hint: `Write \${${ns}["<name>"].<attribute>}; declared: ${listNames(names())}.`,
      };
    }
    const name = expr.keys[0];
    const entity = this.symbols.entity(ns, name);
    if (!entity) {
      const declared = names();
      return {
        code: 'GDP301',
        message: `unknown reference ${refText(expr)}: no ${module.noun} is named "${name}".${didYouMean(name, declared)}`,
        hint: `Declared ${ns}: ${listNames(declared)}.`,
      };
    }
    const attrs = this.symbols.attributes(ns, name);
    const attrNames = Object.keys(attrs);
    if (expr.keys.length === 1 && module.defaultAttribute !== undefined && Object.prototype.hasOwnProperty.call(attrs, module.defaultAttribute)) {
      return { value: attrs[module.defaultAttribute], dependencies: [{ namespace: ns, name }], errors: [] };
    }
    if (expr.keys.length !== 2) {
      return {
        code: 'GDP303',
        message: `${refText(expr)} must name one attribute of ${module.noun} "${name}"`,
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
    const literal = module.environment?.literalAttributes?.includes(attr) ?? false;
    return { value: attrs[attr], dependencies: literal ? [] : [{ namespace: ns, name }], errors: [] };
  }
}

/**
 * The number or boolean a value stands for when it is exactly one reference to an environment variable
 * holding one (`${expiry}` or `${variables.expiry}`); undefined otherwise.
 */
export function typedVariableValue(env: Environment, value: string): number | boolean | undefined {
  const name = wholeVariableReference(value);
  if (name === undefined || !Object.prototype.hasOwnProperty.call(env.variables, name)) return undefined;
  const v = env.variables[name];
  return typeof v === 'string' ? undefined : v;
}

/** The variable a value names when it is exactly one `${<name>}` or `${variables.<name>}` reference. */
export function wholeVariableReference(value: string): string | undefined {
  const segments = parseTemplate(value.trim());
  const [only] = segments;
  if (segments.length !== 1 || only.type !== 'ref') return undefined;
  const { head, keys } = only.expr;
  if (head === 'variables') return keys.length === 1 ? keys[0] : undefined;
  return keys.length === 0 ? head : undefined;
}

/** A resolution problem at a value path. */
export interface PathError extends ResolveError {
  readonly path: ValuePath;
  readonly offset: number;
}

/**
 * Where a value holds `${`: `true` for such a string, or for a list or mapping the keys (indexes) of its
 * children that hold one, in walk order; undefined when nothing in it does.
 */
type TemplateSites = true | readonly (readonly [key: string | number, sites: TemplateSites])[];

/**
 * Template sites by configuration value: an entity's configuration is resolved once per environment, and
 * most of it holds no reference, so each environment visits only the strings with `${` (and the lists
 * and mappings above them) instead of walking the whole value again.
 */
const sitesByValue = new WeakMap<object, TemplateSites | false>();

/** The template sites of a value (remembered for the root of each value asked). */
function templateSites(root: unknown): TemplateSites | undefined {
  if (root === null || typeof root !== 'object') return sitesOf(root);
  let sites = sitesByValue.get(root);
  if (sites === undefined) {
    sites = sitesOf(root) ?? false;
    sitesByValue.set(root, sites);
  }
  return sites === false ? undefined : sites;
}

function sitesOf(v: unknown): TemplateSites | undefined {
  if (typeof v === 'string') return v.includes('${') ? true : undefined;
  if (v === null || typeof v !== 'object') return undefined;
  const children: [string | number, TemplateSites][] = [];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const sites = sitesOf(v[i]);
      if (sites !== undefined) children.push([i, sites]);
    }
  } else {
    for (const key of Object.keys(v)) {
      const sites = sitesOf((v as Record<string, unknown>)[key]);
      if (sites !== undefined) children.push([key, sites]);
    }
  }
  return children.length > 0 ? children : undefined;
}

/** A shallow copy of a list or mapping, made as the resolver always made it (entries assigned in order). */
function shallowCopy(v: object): Record<string | number, unknown> {
  if (Array.isArray(v)) return v.slice() as unknown as Record<number, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(v)) out[k] = item;
  return out;
}

/**
 * Resolves every string inside a configuration value. Returns the resolved copy (same shape), the
 * dependencies found, and the errors with their value paths.
 */
export function resolveValue(
  resolver: Resolver,
  value: unknown,
  localsAt?: (path: ValuePath) => Record<string, string> | undefined,
  typedAt?: (path: ValuePath, value: string) => number | boolean | undefined,
): { value: unknown; dependencies: Dependency[]; errors: PathError[] } {
  const dependencies: Dependency[] = [];
  const errors: PathError[] = [];
  // One path array, extended and shortened while walking; copied only where a string is resolved.
  const path: (string | number)[] = [];
  const walk = (v: unknown, sites: TemplateSites): unknown => {
    if (sites === true) {
      const at = [...path];
      const typed = typedAt?.(at, v as string);
      if (typed !== undefined) return typed;
      const r = resolver.resolveString(v as string, localsAt?.(at));
      dependencies.push(...r.dependencies);
      for (const e of r.errors) errors.push({ ...e, path: at });
      return r.value;
    }
    // Unchanged lists and mappings are shared with the configuration, not copied per environment.
    const source = v as Record<string | number, unknown>;
    let out: Record<string | number, unknown> | undefined;
    for (const [key, childSites] of sites) {
      path.push(key);
      const item = source[key];
      const resolved = walk(item, childSites);
      path.pop();
      if (resolved !== item) (out ??= shallowCopy(source))[key] = resolved;
    }
    return out ?? v;
  };
  const sites = templateSites(value);
  return { value: sites === undefined ? value : walk(value, sites), dependencies, errors };
}
