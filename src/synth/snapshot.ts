/**
 * A compiled project reduced to plain data for ONE environment, so that a synthesis worker process can
 * build that environment's stack without reading, parsing and validating the configuration again (a cold
 * process spends more time compiling than synthesizing). Written to a file with V8's serializer (what IPC's
 * structured clone uses), so that the parent need not keep the project while its workers run. Files keep
 * their text and are parsed again only if a module asks for a position.
 */
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import { DiagnosticBag } from '../core/diagnostics';
import type { EnvironmentName } from '../core/environment';
import { DependencyGraph } from '../core/graph';
import type { Entity, ProjectView } from '../core/module-type';
import { attributeCache } from '../core/compile/environments';
import { sortedLister, type EnvironmentModel, type Project } from '../core/project';
import type { ModuleRegistry } from '../core/registry';
import { parseSource, SourceFile } from '../core/source';

/** One entity as plain data. */
interface EntitySnapshot {
  readonly kind: string;
  readonly name: string;
  /** The file as shown to users, and its text (parsed again only if a module reads `entity.file`). */
  readonly path: string;
  readonly text: string;
  readonly config: unknown;
}

/** What a worker needs to rebuild the project for one environment. */
export interface ProjectSnapshot {
  readonly entities: readonly EntitySnapshot[];
  readonly environment: {
    readonly env: EnvironmentModel['env'];
    readonly path: string;
    readonly text: string;
    readonly resolved: readonly (readonly [string, unknown])[];
  };
  /** Every node of the dependency graph and its direct dependencies. */
  readonly graph: readonly (readonly [string, readonly string[]])[];
}

/**
 * Whether a value survives structured clone unchanged: primitives, arrays and plain objects (what YAML,
 * JSON and zod give). A class instance would arrive without its methods.
 */
export function isPlainData(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function' && typeof value !== 'symbol';
  if (seen.has(value)) return true;
  seen.add(value);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, seen));
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlainData(v, seen));
}

/** The snapshot of a project for one environment, or undefined when some configuration is not plain data. */
export function snapshotFor(project: Project, envName: EnvironmentName): ProjectSnapshot | undefined {
  const model = project.environments.get(envName);
  if (!model) return undefined;
  const shared = sharedPart(project);
  const resolved = [...model.resolved.entries()];
  if (!shared || !isPlainData(resolved.map(([, v]) => v)) || !isPlainData(model.env)) return undefined;
  return { ...shared, environment: { env: model.env, path: model.file.path, text: model.file.text, resolved } };
}

/** What every environment's snapshot of a project holds alike, checked once (undefined: not plain data). */
const sharedParts = new WeakMap<Project, Omit<ProjectSnapshot, 'environment'> | null>();

function sharedPart(project: Project): Omit<ProjectSnapshot, 'environment'> | undefined {
  if (!sharedParts.has(project)) {
    const entities = project.entities.map((e) => ({ kind: e.kind, name: e.name, path: e.file.path, text: e.file.text, config: e.config }));
    const graph = project.graph.nodes().map((n) => [n, project.graph.dependenciesOf(n)] as const);
    sharedParts.set(project, isPlainData(entities.map((e) => e.config)) ? { entities, graph } : null);
  }
  return sharedParts.get(project) ?? undefined;
}

/** Where a snapshot is written: the part every environment of a project shares, and the environment's own. */
export interface SnapshotFiles {
  readonly shared: string;
  readonly environment: string;
}

/**
 * Writes a snapshot for a worker process (see {@link readSnapshot}). The environments of one run share
 * one file of the shared part (the entities with their files' text, the graph: tens of MB at 20,000
 * tables), written with the first of them (`withShared`), not once per environment.
 */
export function writeSnapshot(files: SnapshotFiles, snapshot: ProjectSnapshot, withShared = true): void {
  const { environment, ...shared } = snapshot;
  if (withShared) fs.writeFileSync(files.shared, v8.serialize(shared));
  fs.writeFileSync(files.environment, v8.serialize(environment));
}

/** Reads a snapshot written by {@link writeSnapshot}. */
export function readSnapshot(files: SnapshotFiles): ProjectSnapshot {
  const shared = v8.deserialize(fs.readFileSync(files.shared)) as Omit<ProjectSnapshot, 'environment'>;
  return { ...shared, environment: v8.deserialize(fs.readFileSync(files.environment)) as ProjectSnapshot['environment'] };
}

/** A SourceFile whose path and text are at hand and whose YAML is parsed only when a method needs it. */
function lazyFile(path: string, text: string): SourceFile {
  let parsed: SourceFile | undefined;
  const real = (): SourceFile => {
    parsed ??= parseSource(path, Buffer.from(text, 'utf8'), new DiagnosticBag());
    if (!parsed) throw new Error(`gdp: ${path} no longer parses`);
    return parsed;
  };
  return Object.create(SourceFile.prototype, {
    path: { value: path, enumerable: true },
    text: { value: text, enumerable: true },
    doc: { get: () => real().doc, enumerable: true },
    lines: { get: () => real().lines, enumerable: true },
    value: { get: () => real().value, enumerable: true },
  }) as SourceFile;
}

/** Rebuilds a {@link Project} for the snapshot's environment with the given module types. */
export function projectFromSnapshot(snapshot: ProjectSnapshot, registry: ModuleRegistry): Project {
  const byNamespace = new Map<string, Map<string, Entity>>();
  const entities = snapshot.entities.map((s) => {
    const module = registry.get(s.kind);
    if (!module) throw new Error(`gdp: module type "${s.kind}" is not registered in the synthesis worker`);
    const entity: Entity = { kind: s.kind, name: s.name, file: lazyFile(s.path, s.text), config: s.config };
    if (!byNamespace.has(module.namespace)) byNamespace.set(module.namespace, new Map());
    byNamespace.get(module.namespace)!.set(s.name, entity);
    return entity;
  });
  const graph = new DependencyGraph();
  for (const [node, deps] of snapshot.graph) {
    graph.addNode(node);
    for (const d of deps) graph.addEdge(node, d);
  }
  const { env, path, text, resolved } = snapshot.environment;
  // Same views as compileProject: lookups by namespace, lists sorted by name.
  const view: ProjectView = { lookup: <C>(ns: string, name: string) => byNamespace.get(ns)?.get(name) as Entity<C> | undefined, all: sortedLister(byNamespace) };
  const model: EnvironmentModel = { env, file: lazyFile(path, text), resolved: new Map(resolved), attributesOf: attributeCache(env, registry, view) };
  return {
    registry,
    entities,
    environments: new Map([[env.name, model]]),
    graph,
    ...view,
    moduleOf: (e) => registry.get(e.kind)!,
  };
}
