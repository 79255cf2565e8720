/**
 * Compiles a configuration into a validated project model, in stages (src/core/compile/): files →
 * entities (and the entities they derive) → plain-field references and compile checks → per-environment
 * resolution and checks → generated names → dependency cycles. Pure (no I/O): the CLI reads files with
 * `loader.ts`.
 */
import { DiagnosticBag, type Diagnostic } from './diagnostics';
import type { EnvironmentName } from './environment';
import { DependencyGraph } from './graph';
import type { RawFile } from './loader';
import type { AnyModuleType, Entity, ProjectView } from './module-type';
import type { ModuleRegistry } from './registry';
import { reportConstructIdClashes } from './construct-id';
import { checkEnvironmentFiles } from './environment-files';
import { BrokenFiles } from './follow-on';
import { loadEntities, nodeOf, sortedEntities, type EntityIndex } from './compile/entities';
import { loadEnvironment, resolveEnvironment, type EnvironmentModel } from './compile/environments';
import { checkGeneratedNames } from './compile/names';
import { moduleReporters } from './compile/reporter';
import { didYouMean, listNames } from './suggest';

export type { EnvironmentModel } from './compile/environments';
export { reporterFor } from './compile/reporter';

/** A compiled project: every entity, the environments asked for, and the dependency graph. */
export interface Project extends ProjectView {
  readonly registry: ModuleRegistry;
  /** Entities sorted by namespace then name. */
  readonly entities: readonly Entity[];
  readonly environments: ReadonlyMap<EnvironmentName, EnvironmentModel>;
  readonly graph: DependencyGraph;
  /** The module type of an entity. */
  moduleOf(entity: Entity): AnyModuleType;
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
  const { registry } = input;
  const bag = new DiagnosticBag(registry.codes);
  const index: EntityIndex = new Map(registry.all().map((m) => [m.namespace, new Map()]));
  const view: ProjectView = {
    lookup: <C>(ns: string, name: string) => index.get(ns)?.get(name) as Entity<C> | undefined,
    all: sortedLister(index),
  };

  // Environments are read first: number and boolean variables take part in the schema check of files.
  const loadedEnvs: ReturnType<typeof loadEnvironment>[] = [];
  const envFiles = new Map(input.environmentFiles.map((f) => [f.relative, f]));
  for (const envName of input.environments) {
    const raw = envFiles.get(`${envName}.json`);
    if (!raw) {
      bag.add({ code: 'GDP401', file: `environments/${envName}.json`, message: `environment file ${envName}.json is missing`, environments: [envName] });
      continue;
    }
    loadedEnvs.push(loadEnvironment(raw, envName, bag));
  }
  const usable = loadedEnvs.filter((l) => l !== undefined);
  const broken = new BrokenFiles();
  loadEntities(input.configFiles, registry, index, bag, broken, usable.map((l) => l.env));
  const entities = sortedEntities(index, registry);
  reportConstructIdClashes(entities, bag);
  const graph = new DependencyGraph();
  for (const e of entities) graph.addNode(nodeOf(e, registry));
  checkEntities(entities, registry, index, view, graph, bag);

  const environments = new Map<EnvironmentName, EnvironmentModel>();
  for (const loaded of usable) environments.set(loaded.env.name, resolveEnvironment(loaded, entities, registry, view, graph, bag));
  checkGeneratedNames([...environments.values()], input.environments, entities, registry, view, bag);
  checkEnvironmentFiles(input.environmentFiles, bag);
  reportCycles(graph, view, bag);

  const project: Project = {
    registry,
    entities,
    environments,
    graph,
    lookup: view.lookup,
    all: view.all,
    moduleOf: (e) => registry.get(e.kind)!,
  };
  return { project, diagnostics: broken.withoutFollowOn(bag.sorted()) };
}

/** Compile stage 2: plain-field references (checked to exist, added to the graph) and compile checks. */
function checkEntities(entities: readonly Entity[], registry: ModuleRegistry, index: EntityIndex, view: ProjectView, graph: DependencyGraph, bag: DiagnosticBag): void {
  for (const entity of entities) {
    const module = registry.get(entity.kind)!;
    const { report, reporterOf } = moduleReporters(bag, entity.file, entity.kind, registry.codes);
    for (const ref of module.compile.fieldReferences?.(entity.config) ?? []) {
      const targetModule = registry.byNamespace(ref.namespace);
      const target = view.lookup(ref.namespace, ref.name);
      if (!target) {
        const names = [...(index.get(ref.namespace)?.keys() ?? [])];
        report('GDP308', ref.path, `no ${targetModule?.noun ?? ref.namespace} is named "${ref.name}".${didYouMean(ref.name, names)}`, {
          hint: `Declared ${ref.namespace}: ${listNames(names)}${targetModule ? ` (files in configuration/${targetModule.folder}/)` : ''}.`,
        });
      } else {
        graph.addEdge(nodeOf(entity, registry), nodeOf(target, registry));
      }
    }
    module.compile.check?.(entity, { report, reporterOf, lookup: view.lookup, all: view.all });
  }
}

function reportCycles(graph: DependencyGraph, view: ProjectView, bag: DiagnosticBag): void {
  for (const cycle of graph.cycles()) {
    const first = cycle[0];
    const i = first.indexOf('/');
    const entity = view.lookup(first.slice(0, i), first.slice(i + 1));
    if (!entity) continue;
    bag.add({ code: 'GDP306', file: entity.file.path, message: `dependency cycle: ${cycle.join(' → ')}` });
  }
}

/**
 * `all(namespace)`: the entities of a namespace sorted by name. The sorted list is kept until the
 * namespace changes (entities are only ever added), because references and checks ask for it once per
 * entity and sorting each time made validation quadratic in the number of files.
 */
export function sortedLister(byNamespace: ReadonlyMap<string, ReadonlyMap<string, Entity>>): <C>(ns: string) => readonly Entity<C>[] {
  const sorted = new Map<string, { size: number; list: readonly Entity[] }>();
  return <C>(ns: string): readonly Entity<C>[] => {
    const size = byNamespace.get(ns)?.size ?? 0;
    let cached = sorted.get(ns);
    if (!cached || cached.size !== size) {
      cached = { size, list: Object.freeze([...(byNamespace.get(ns)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name))) };
      sorted.set(ns, cached);
    }
    return cached.list as readonly Entity<C>[];
  };
}
