/**
 * Compile stage 3: one environment. Reads its file, then resolves every entity's `${...}` for it, adds
 * the references to the dependency graph and runs the modules' environment checks. Each entity's
 * attributes are computed once per environment and kept in the model for synthesis.
 */
import type { DiagnosticBag } from '../diagnostics';
import { EnvironmentSchema, BUILTIN_GLOBALS, type Environment, type EnvironmentName } from '../environment';
import { nodeKey, type DependencyGraph } from '../graph';
import type { RawFile } from '../loader';
import type { Entity, EnvCheckContext, EnvironmentContext, ProjectView } from '../module-type';
import type { ModuleRegistry } from '../registry';
import { Resolver, resolveValue, type SymbolSource } from '../resolver';
import { reportSchemaIssues } from '../schema-errors';
import { parseSource, type SourceFile } from '../source';
import { nodeOf } from './entities';
import { moduleReporters, reporterFor } from './reporter';
import { typedValueAt } from './typed-references';

/** Attributes of an entity in one environment (what `${namespace["name"].attribute}` gives). */
export type AttributeLookup = (namespace: string, name: string) => Readonly<Record<string, string>> | undefined;

/** One environment of a compiled project. */
export interface EnvironmentModel {
  readonly env: Environment;
  readonly file: SourceFile;
  /** Resolved configuration per entity (key: `namespace/name`). */
  readonly resolved: ReadonlyMap<string, unknown>;
  /** Attributes of a declared entity in this environment, computed once; undefined for an unknown entity. */
  readonly attributesOf: AttributeLookup;
}

/** An entity's configuration resolved in an environment, typed like the entity (undefined when it did not resolve). */
export function resolvedOf<C>(model: EnvironmentModel, entity: Entity<C>, namespace: string): C | undefined {
  return model.resolved.get(nodeKey(namespace, entity.name)) as C | undefined;
}

/** Parses and checks one environment file; undefined (with diagnostics) when it is unusable. */
export function loadEnvironment(raw: RawFile, envName: EnvironmentName, bag: DiagnosticBag): { env: Environment; file: SourceFile } | undefined {
  const file = parseSource(raw.display, raw.bytes, bag);
  if (!file) return undefined;
  const parsed = EnvironmentSchema.safeParse(file.value);
  if (!parsed.success) {
    reportSchemaIssues(bag, file, EnvironmentSchema, parsed.error.issues, envName);
    return undefined;
  }
  const env = parsed.data;
  const report = reporterFor(bag, file, envName);
  let ok = true;
  if (env.name !== envName) {
    report('GDP405', ['name'], `name is "${env.name}" but the file is ${envName}.json`);
    ok = false;
  }
  for (const key of Object.keys(env.variables)) {
    if ((BUILTIN_GLOBALS as readonly string[]).includes(key)) {
      report('GDP402', ['variables', key], `variable "${key}" hides gdp's built-in \${${key}}`, { hint: 'Rename the variable.', key: true });
      ok = false;
    }
  }
  return ok ? { env, file } : undefined;
}

/** The attributes of every entity in an environment, each computed on first use. */
export function attributeCache(env: Environment, registry: ModuleRegistry, view: ProjectView): AttributeLookup {
  // By namespace, then name: no `namespace/name` key string built and hashed per reference.
  const cache = new Map<string, Map<string, Record<string, string>>>();
  const ctx: EnvironmentContext = { env, lookup: view.lookup, all: view.all };
  return (ns, name) => {
    let ofNamespace = cache.get(ns);
    let attrs = ofNamespace?.get(name);
    if (!attrs) {
      const module = registry.byNamespace(ns);
      const entity = view.lookup(ns, name);
      if (!module || !entity) return undefined;
      attrs = module.environment?.attributes?.(entity, ctx) ?? {};
      if (!ofNamespace) cache.set(ns, (ofNamespace = new Map()));
      ofNamespace.set(name, attrs);
    }
    return attrs;
  };
}

/** Resolves every entity for one environment, adds reference edges and runs the environment checks. */
export function resolveEnvironment(
  loaded: { env: Environment; file: SourceFile },
  entities: readonly Entity[],
  registry: ModuleRegistry,
  view: ProjectView,
  graph: DependencyGraph,
  bag: DiagnosticBag,
): EnvironmentModel {
  const { env } = loaded;
  const attributesOf = attributeCache(env, registry, view);
  const symbols: SymbolSource = {
    env,
    moduleFor: (ns) => registry.byNamespace(ns),
    namespaces: () => registry.all().map((m) => m.namespace),
    entity: (ns, name) => view.lookup(ns, name),
    names: (ns) => view.all(ns).map((e) => e.name),
    attributes: (ns, name) => attributesOf(ns, name) ?? {},
  };
  const resolver = new Resolver(symbols);
  const resolved = new Map<string, unknown>();
  for (const entity of entities) {
    const module = registry.get(entity.kind)!;
    const hooks = module.environment;
    const from = nodeOf(entity, registry);
    const local = hooks?.localSymbols;
    const r = resolveValue(resolver, entity.config, local ? (p) => local(entity, p) : undefined, typedValueAt(entity, env));
    const { report, reporterOf } = moduleReporters(bag, entity.file, entity.kind, registry.codes, env.name);
    for (const err of r.errors) report(err.code, err.path, err.message, { hint: err.hint, offset: err.offset });
    for (const dep of r.dependencies) {
      if (dep.namespace === module.namespace && dep.name === entity.name) continue;
      graph.addEdge(from, nodeKey(dep.namespace, dep.name));
    }
    resolved.set(from, r.value);
    if (r.errors.length === 0 && hooks?.check) {
      const ctx: EnvCheckContext = { report, reporterOf, lookup: view.lookup, all: view.all, env, resolved: r.value, attributesOf };
      hooks.check(entity, ctx);
    }
  }
  return { env, file: loaded.file, resolved, attributesOf };
}
