/**
 * Compiles a configuration into a validated project model: files → entities → references → per-
 * environment resolution and checks. Pure (no I/O): the CLI reads files with `loader.ts`.
 */
import type { DiagnosticCode } from './codes';
import { DiagnosticBag, type Diagnostic } from './diagnostics';
import { EnvironmentSchema, BUILTIN_GLOBALS, type Environment, type EnvironmentName } from './environment';
import { reportConstructIdClashes } from './construct-id';
import { checkEnvironmentFiles } from './environment-files';
import { BrokenFiles } from './follow-on';
import { DependencyGraph, nodeKey } from './graph';
import { isYamlFile, type RawFile } from './loader';
import type { CheckContext, EnvCheckContext, Entity, GeneratedName, ModuleType, ProjectView, Reporter } from './module-type';
import { nameViolation, type NameRuleKey, NAME_RULES } from './naming';
import type { ModuleRegistry } from './registry';
import { Resolver, resolveValue, type SymbolSource } from './resolver';
import { reportSchemaIssues } from './schema-errors';
import { speedMeasureOn } from './speed';
import { parseSource, SourceFile, type ValuePath } from './source';
import { didYouMean, listNames } from './suggest';

/** One environment of a compiled project. */
export interface EnvironmentModel {
  readonly env: Environment;
  readonly file: SourceFile;
  /** Resolved configuration per entity (key: `namespace/name`). */
  readonly resolved: ReadonlyMap<string, unknown>;
}

/** A compiled project: every entity, the environments asked for, and the dependency graph. */
export interface Project {
  readonly registry: ModuleRegistry;
  /** Entities sorted by namespace then name. */
  readonly entities: readonly Entity[];
  readonly environments: ReadonlyMap<EnvironmentName, EnvironmentModel>;
  readonly graph: DependencyGraph;
  /** Looks up an entity. */
  lookup<C = unknown>(namespace: string, name: string): Entity<C> | undefined;
  /** Entities of a namespace, sorted by name. */
  all<C = unknown>(namespace: string): readonly Entity<C>[];
  /** The module type of an entity. */
  moduleOf(entity: Entity): ModuleType;
}

/** What {@link compileProject} needs. */
export interface CompileInput {
  readonly registry: ModuleRegistry;
  readonly configFiles: readonly RawFile[];
  readonly environmentFiles: readonly RawFile[];
  /** Environments to validate and resolve. */
  readonly environments: readonly EnvironmentName[];
}

/** The result of a compile: a project (possibly partial when there are errors) and every diagnostic. */
export interface CompileResult {
  readonly project: Project;
  readonly diagnostics: Diagnostic[];
}

/** Compiles configuration files and environment files into a {@link Project}. */
export function compileProject(input: CompileInput): CompileResult {
  const bag = new DiagnosticBag();
  const { registry } = input;
  const byNamespace = new Map<string, Map<string, Entity>>();
  const moduleByKind = new Map<string, ModuleType>();
  for (const m of registry.all()) {
    byNamespace.set(m.namespace, new Map());
    moduleByKind.set(m.kind, m);
  }
  const view: ProjectView = {
    lookup: <C>(ns: string, name: string) => byNamespace.get(ns)?.get(name) as Entity<C> | undefined,
    all: sortedLister(byNamespace),
  };

  // 1. Files → entities, then the entities they derive (a load's workflow, scheduler job, trigger).
  const broken = new BrokenFiles();
  for (const raw of input.configFiles) loadEntity(raw, registry, byNamespace, bag, broken);
  const declared = [...byNamespace.values()].flatMap((m) => [...m.values()]).sort((a, b) => nodeOf(a, moduleByKind).localeCompare(nodeOf(b, moduleByKind)));
  for (const owner of declared) deriveEntities(owner, moduleByKind, byNamespace, bag);

  const entities = [...byNamespace.values()].flatMap((m) => [...m.values()]).sort((a, b) => nodeOf(a, moduleByKind).localeCompare(nodeOf(b, moduleByKind)));
  reportConstructIdClashes(entities, bag);
  const graph = new DependencyGraph();
  for (const e of entities) graph.addNode(nodeOf(e, moduleByKind));

  // 2. Field references and module checks.
  for (const entity of entities) {
    const module = moduleByKind.get(entity.kind)!;
    const report = reporterFor(bag, entity.file);
    for (const ref of module.fieldReferences?.(entity.config) ?? []) {
      const targetModule = registry.byNamespace(ref.namespace);
      const target = view.lookup(ref.namespace, ref.name);
      if (!target) {
        const names = [...(byNamespace.get(ref.namespace)?.keys() ?? [])];
        report('GDP308', ref.path, `no ${targetModule?.noun ?? ref.namespace} is named "${ref.name}".${didYouMean(ref.name, names)}`, {
          hint: `Declared ${ref.namespace}: ${listNames(names)}${targetModule ? ` (files in configuration/${targetModule.folder}/)` : ''}.`,
        });
      } else {
        graph.addEdge(nodeOf(entity, moduleByKind), nodeOf(target, moduleByKind));
      }
    }
    const ctx: CheckContext = { report, lookup: view.lookup, all: view.all };
    module.check?.(entity, ctx);
  }

  // 3. Environments.
  const environments = new Map<EnvironmentName, EnvironmentModel>();
  const envFiles = new Map(input.environmentFiles.map((f) => [f.relative, f]));
  const nameProblems = new Map<string, { file: SourceFile; path: ValuePath; rule: string; byEnv: Map<string, string> }>();
  for (const envName of input.environments) {
    const raw = envFiles.get(`${envName}.json`);
    if (!raw) {
      bag.add({ code: 'GDP401', file: `environments/${envName}.json`, message: `environment file ${envName}.json is missing`, environments: [envName] });
      continue;
    }
    const loaded = loadEnvironment(raw, envName, bag);
    if (!loaded) continue;
    const resolved = resolveEnvironment(loaded.env, entities, registry, moduleByKind, view, graph, bag);
    environments.set(envName, { env: loaded.env, file: loaded.file, resolved });
    collectNameProblems(loaded.env, entities, moduleByKind, view, nameProblems);
  }
  reportNameProblems(nameProblems, input.environments, bag);
  checkEnvironmentFiles(input.environmentFiles, bag);
  reportDuplicateGeneratedNames(environments, entities, moduleByKind, view, bag);

  // 4. Graph checks.
  for (const cycle of graph.cycles()) {
    const first = cycle[0];
    const [ns, name] = splitKey(first);
    const entity = view.lookup(ns, name);
    if (!entity) continue;
    bag.add({
      code: 'GDP306',
      file: entity.file.path,
      message: `dependency cycle: ${cycle.join(' → ')}`,
    });
  }

  const project: Project = {
    registry,
    entities,
    environments,
    graph,
    lookup: view.lookup,
    all: view.all,
    moduleOf: (e) => moduleByKind.get(e.kind)!,
  };
  return { project, diagnostics: broken.withoutFollowOn(bag.sorted()) };
}

/**
 * `all(namespace)`: the entities of a namespace sorted by name. The sorted list is kept until the
 * namespace changes (entities are only ever added), instead of being sorted again on every call
 * (measure SORTED_LISTS: references and checks ask for it once per entity, which made validation
 * quadratic in the number of files).
 */
export function sortedLister(byNamespace: ReadonlyMap<string, ReadonlyMap<string, Entity>>): <C>(ns: string) => readonly Entity<C>[] {
  const sorted = new Map<string, { size: number; list: readonly Entity[] }>();
  const sort = (ns: string): Entity[] => [...(byNamespace.get(ns)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return <C>(ns: string): readonly Entity<C>[] => {
    if (!speedMeasureOn('SORTED_LISTS')) return sort(ns) as Entity<C>[];
    const size = byNamespace.get(ns)?.size ?? 0;
    let cached = sorted.get(ns);
    if (!cached || cached.size !== size) {
      cached = { size, list: Object.freeze(sort(ns)) };
      sorted.set(ns, cached);
    }
    return cached.list as readonly Entity<C>[];
  };
}

function nodeOf(e: Entity, modules: Map<string, ModuleType>): string {
  return nodeKey(modules.get(e.kind)!.namespace, e.name);
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Builds a reporter that positions diagnostics inside one file. */
export function reporterFor(bag: DiagnosticBag, file: SourceFile, env?: string): Reporter {
  return (code, path, message, options = {}) => {
    const pos = options.offset !== undefined ? file.locateInValue(path, options.offset) : file.locate(path, { key: options.key });
    const end = options.offset === undefined ? (pos as { endLine?: number; endColumn?: number }) : {};
    bag.add({
      code,
      severity: options.severity,
      file: file.path,
      line: pos.line,
      column: pos.column,
      endLine: end.endLine,
      endColumn: end.endColumn,
      message,
      hint: options.hint,
      path: path.join('.'),
      environments: env ? [env] : undefined,
    });
  };
}

function loadEntity(raw: RawFile, registry: ModuleRegistry, byNamespace: Map<string, Map<string, Entity>>, bag: DiagnosticBag, broken: BrokenFiles): void {
  const module = registry.forFile(raw.relative);
  if (!isYamlFile(raw.relative)) {
    bag.add({ code: 'GDP111', file: raw.display, message: `${raw.relative} is not a .yaml file and is ignored` });
    return;
  }
  if (!module) {
    const folder = raw.relative.split('/').slice(0, -1).join('/') || '.';
    const folders = registry.all().map((m) => m.folder);
    bag.add({
      code: 'GDP108',
      file: raw.display,
      message: `no module type reads files in folder "${folder}".${didYouMean(folder, folders)}`,
      hint: `Known folders: ${folders.join(', ')}. Platform teams can add module types (README: "Adding a module type").`,
    });
    return;
  }
  const baseName = raw.relative.split('/').pop()!.replace(/\.ya?ml$/i, '');
  const file = parseSource(raw.display, raw.bytes, bag);
  if (!file) {
    broken.add(module, [baseName]);
    return;
  }
  const parsed = module.schema.safeParse(file.value);
  if (!parsed.success) {
    reportSchemaIssues(bag, file, module.schema, parsed.error.issues);
    broken.add(module, [baseName, guessedName(module, file.value)]);
    return;
  }
  const name = module.logicalName(parsed.data, baseName);
  const entities = byNamespace.get(module.namespace)!;
  const existing = entities.get(name);
  if (existing) {
    const pos = file.locate(module.namePath ?? []);
    bag.add({
      code: 'GDP304',
      file: file.path,
      line: pos.line,
      column: pos.column,
      message: `${module.noun} "${name}" is already declared in ${existing.file.path}`,
    });
    return;
  }
  entities.set(name, { kind: module.kind, name, file, config: parsed.data });
  file.releaseSyntax();
}

/** The logical name an invalid file names in its name field (`namePath`), when it holds a string. */
function guessedName(module: ModuleType, value: unknown): string | undefined {
  let v = value;
  for (const key of module.namePath ?? []) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined;
  return module.namePath && typeof v === 'string' ? v : undefined;
}

/**
 * The file of a derived entity: the deriving entity's file holding the derived configuration as its
 * value, where every position is the position of `at`.
 */
class DerivedSourceFile extends SourceFile {
  constructor(
    private readonly base: SourceFile,
    value: unknown,
    private readonly at: ValuePath,
  ) {
    super(base.path, base.text, undefined, undefined, value);
  }

  override get doc(): SourceFile['doc'] {
    return this.base.doc;
  }

  override get lines(): SourceFile['lines'] {
    return this.base.lines;
  }

  override nodeAt(path: ValuePath): ReturnType<SourceFile['nodeAt']> {
    const found = this.base.nodeAt(this.at);
    return { node: found.node, exact: found.exact && path.length === 0 };
  }

  override locate(): ReturnType<SourceFile['locate']> {
    return this.base.locate(this.at);
  }

  override locateInValue(): ReturnType<SourceFile['locateInValue']> {
    return this.base.locate(this.at);
  }
}

function deriveEntities(owner: Entity, modules: Map<string, ModuleType>, byNamespace: Map<string, Map<string, Entity>>, bag: DiagnosticBag): void {
  const ownerModule = modules.get(owner.kind)!;
  for (const derived of ownerModule.derive?.(owner) ?? []) {
    const module = modules.get(derived.kind);
    if (!module) throw new Error(`gdp: module type "${owner.kind}" derives an entity of kind "${derived.kind}", which is not registered`);
    const file = new DerivedSourceFile(owner.file, derived.config, derived.at ?? []);
    const parsed = module.schema.safeParse(derived.config);
    if (!parsed.success) {
      reportSchemaIssues(bag, file, module.schema, parsed.error.issues);
      continue;
    }
    const name = module.logicalName(parsed.data, derived.name);
    const entities = byNamespace.get(module.namespace)!;
    const existing = entities.get(name);
    if (existing) {
      const pos = file.locate();
      bag.add({
        code: 'GDP304',
        file: file.path,
        line: pos.line,
        column: pos.column,
        message: `${ownerModule.noun} "${owner.name}" creates ${module.noun} "${name}", which is already declared in ${existing.file.path}`,
        hint: `Rename the ${module.noun} of ${existing.file.path}, or the ${ownerModule.noun}.`,
      });
      continue;
    }
    entities.set(name, { kind: module.kind, name, file, config: parsed.data });
  }
}

function loadEnvironment(raw: RawFile, envName: EnvironmentName, bag: DiagnosticBag): { env: Environment; file: SourceFile } | undefined {
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

function symbolSource(
  env: Environment,
  registry: ModuleRegistry,
  view: ProjectView,
): SymbolSource {
  const attrCache = new Map<string, Record<string, string>>();
  return {
    env,
    moduleFor: (ns) => registry.byNamespace(ns),
    namespaces: () => registry.all().map((m) => m.namespace),
    entity: (ns, name) => view.lookup(ns, name),
    names: (ns) => view.all(ns).map((e) => e.name),
    attributes: (ns, name) => {
      const key = `${ns}/${name}`;
      let attrs = attrCache.get(key);
      if (!attrs) {
        const module = registry.byNamespace(ns);
        const entity = view.lookup(ns, name);
        attrs = module && entity ? (module.attributes?.(entity, env, view) ?? {}) : {};
        attrCache.set(key, attrs);
      }
      return attrs;
    },
  };
}

function resolveEnvironment(
  env: Environment,
  entities: readonly Entity[],
  registry: ModuleRegistry,
  modules: Map<string, ModuleType>,
  view: ProjectView,
  graph: DependencyGraph,
  bag: DiagnosticBag,
): Map<string, unknown> {
  const symbols = symbolSource(env, registry, view);
  const resolver = new Resolver(symbols);
  const out = new Map<string, unknown>();
  for (const entity of entities) {
    const module = modules.get(entity.kind)!;
    const from = nodeOf(entity, modules);
    const r = resolveValue(resolver, entity.config, module.localSymbols ? (p) => module.localSymbols!(entity, p) : undefined);
    const report = reporterFor(bag, entity.file, env.name);
    for (const err of r.errors) report(err.code, err.path, err.message, { hint: err.hint, offset: err.offset });
    for (const dep of r.dependencies) {
      if (dep.namespace === module.namespace && dep.name === entity.name) continue;
      graph.addEdge(from, nodeKey(dep.namespace, dep.name));
    }
    out.set(from, r.value);
    if (r.errors.length === 0 && module.checkEnv) {
      const ctx: EnvCheckContext = {
        report,
        lookup: view.lookup,
        all: view.all,
        env,
        resolved: r.value,
        attributesOf: (ns, name) => (view.lookup(ns, name) ? symbols.attributes(ns, name) : undefined),
      };
      module.checkEnv(entity, ctx);
    }
  }
  return out;
}

function collectNameProblems(
  env: Environment,
  entities: readonly Entity[],
  modules: Map<string, ModuleType>,
  view: ProjectView,
  problems: Map<string, { file: SourceFile; path: ValuePath; rule: string; byEnv: Map<string, string> }>,
): void {
  for (const entity of entities) {
    const module = modules.get(entity.kind)!;
    for (const n of module.generatedNames?.(entity, env, view) ?? []) {
      const violation = nameViolation(n.rule as NameRuleKey, n.value);
      const key = `${entity.file.path}\u0000${n.path.join('.')}\u0000${n.rule}`;
      let p = problems.get(key);
      if (!p) {
        p = { file: entity.file, path: n.path, rule: n.rule, byEnv: new Map() };
        problems.set(key, p);
      }
      if (violation) p.byEnv.set(env.name, violation);
    }
  }
}

function reportNameProblems(
  problems: Map<string, { file: SourceFile; path: ValuePath; rule: string; byEnv: Map<string, string> }>,
  envs: readonly string[],
  bag: DiagnosticBag,
): void {
  for (const p of problems.values()) {
    if (p.byEnv.size === 0) continue;
    const failing = [...p.byEnv.keys()];
    const legal = envs.filter((e) => !p.byEnv.has(e));
    const report = reporterFor(bag, p.file);
    const first = p.byEnv.get(failing[0])!;
    const where = `in ${failing.join(', ')}`;
    const also = legal.length > 0 ? `; it is legal in ${legal.join(', ')}` : '';
    const rule = NAME_RULES[p.rule as NameRuleKey];
    const pos = p.file.locate(p.path);
    bag.add({
      code: 'GDP403' as DiagnosticCode,
      file: p.file.path,
      line: pos.line,
      column: pos.column,
      message: `${first} ${where}${also}`,
      hint: `Generated ${rule?.title ?? 'names'} must hold ${rule?.patternText ?? 'legal characters'}, ${rule?.min ?? 1}–${rule?.max ?? '?'} characters. Shorten the logical name (or the environment's app_name).`,
      environments: failing,
    });
    void report;
  }
}

function reportDuplicateGeneratedNames(
  environments: Map<EnvironmentName, EnvironmentModel>,
  entities: readonly Entity[],
  modules: Map<string, ModuleType>,
  view: ProjectView,
  bag: DiagnosticBag,
): void {
  for (const { env } of environments.values()) {
    const seen = new Map<string, { entity: Entity; name: GeneratedName }>();
    for (const entity of entities) {
      const module = modules.get(entity.kind)!;
      for (const n of module.generatedNames?.(entity, env, view) ?? []) {
        const key = `${n.rule}\u0000${n.uniqueKey ?? n.value}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, { entity, name: n });
          continue;
        }
        if (first.entity === entity) continue;
        const pos = entity.file.locate(n.path);
        bag.add({
          code: 'GDP406',
          file: entity.file.path,
          line: pos.line,
          column: pos.column,
          message: `${NAME_RULES[n.rule as NameRuleKey]?.title ?? 'name'} "${n.uniqueKey ?? n.value}" is also generated by ${first.entity.file.path}`,
          environments: [env.name],
        });
      }
    }
  }
}
