/**
 * Which part of a split state each entity belongs to (`gdp synth --split-by dataset|folder`), the stack
 * names of the parts, and the check that the parts do not depend on each other in a cycle.
 *
 * - `dataset`: an entity goes to the dataset its module type names through the `owningDataset` hook
 *   (a dataset itself, its tables and procedures, the loads whose target is in it). An entity of no
 *   dataset goes to the `shared` part when it needs (directly or not) something of a dataset (workflows,
 *   triggers, schedulers, permissions), else to the `base` part (buckets, notification channels): so
 *   `base` is applied first, the datasets next, `shared` last.
 * - `folder`: an entity goes to the top-level folder under configuration/ its file is in (`tables`,
 *   `sql-scripts`, `triggers`…); a derived entity follows the file that declares it.
 * Stack-level resources that belong to no entity (service accounts, project grants) go to the `base`
 * part; one that waits for resources of one part goes with them, one that waits for several parts to the
 * `shared` part (also with `folder`), applied after them (split-stack.ts).
 */
import * as path from 'node:path';
import { nodeOf } from '../../core/compile/entities';
import { stateBackend } from '../../core/environment-files';
import type { DiagnosticInput } from '../../core/diagnostics';
import type { Entity } from '../../core/module-type';
import type { Project } from '../../core/project';

/** The ways a state can be split, as `--split-by` accepts them. */
export const SPLIT_BY_VALUES = ['dataset', 'folder'] as const;
/** How a state is split. */
export type SplitBy = (typeof SPLIT_BY_VALUES)[number];

/** Part of the stack-level resources that belong to no entity (service accounts, project grants). */
export const BASE_PART = 'base';
/** Part of the entities that belong to no dataset (`--split-by dataset`). */
export const SHARED_PART = 'shared';

/** A part name usable in a stack name and a state prefix: lowercase letters, digits, `_` and `-`. */
function cleanPart(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
}

/**
 * The part an entity names itself (its dataset or folder), undefined for none. A dataset or folder named
 * like a fixed part is prefixed with the split's name (`dataset-base`), so parts never collide.
 */
function ownPartOf(entity: Entity, project: Project, splitBy: SplitBy): string | undefined {
  const raw = splitBy === 'dataset' ? project.moduleOf(entity).owningDataset?.(entity, project) : topFolderOf(entity, project);
  if (raw === undefined) return undefined;
  const part = cleanPart(raw);
  return part === BASE_PART || part === SHARED_PART ? `${splitBy}-${part}` : part;
}

/** The top-level folder under configuration/ of the file that declares an entity. */
function topFolderOf(entity: Entity, project: Project): string {
  const segments = entity.file.path.split(/[\\/]/);
  // The longest module folder found in the path decides where configuration/ ends.
  let best: { at: number; folder: string } | undefined;
  for (const { module } of project.registry.registered()) {
    const folder = module.folder.split('/');
    for (let at = segments.length - folder.length - 1; at >= 0; at--) {
      if (folder.every((f, i) => segments[at + i] === f) && (!best || folder.length > best.folder.split('/').length)) {
        best = { at, folder: module.folder };
        break;
      }
    }
  }
  return (best?.folder ?? project.moduleOf(entity).folder).split('/')[0];
}

/** The stack name of a part in an environment: `<env>-<part>` (`dv-sales`, `dv-base`). */
export function stackNameOf(env: string, part: string): string {
  return `${env}-${part}`;
}

/** The state prefix of a part: the environment's prefix, then the part (`gdp/dv/sales`). */
export function partPrefix(envPrefix: string, part: string): string {
  return `${envPrefix.replace(/\/+$/, '')}/${part}`;
}

/** Entity key → part, for every entity of the project. */
export function partsOfProject(project: Project, splitBy: SplitBy): Map<string, string> {
  const own = new Map(project.entities.map((e) => [nodeOf(e, project.registry), ownPartOf(e, project, splitBy)]));
  /** Whether an entity needs, directly or not, an entity of some part (the graph is acyclic here). */
  const needsPart = new Map<string, boolean>();
  const needs = (key: string): boolean => {
    const known = needsPart.get(key);
    if (known !== undefined) return known;
    needsPart.set(key, false);
    const result = project.graph.dependenciesOf(key).some((d) => own.get(d) !== undefined || needs(d));
    needsPart.set(key, result);
    return result;
  };
  const parts = new Map<string, string>();
  for (const [key, part] of own) parts.set(key, part ?? (needs(key) ? SHARED_PART : BASE_PART));
  return parts;
}

/**
 * One error (GDP850) per cycle between parts, located at the file of the entity whose dependency closes
 * it, before anything is built. Dependencies on entities that create no resources (existing tables) do
 * not count: they become no reference between stacks.
 */
export function splitCycles(project: Project, splitBy: SplitBy): DiagnosticInput[] {
  const parts = partsOfProject(project, splitBy);
  /** part → part it depends on → the entity edge that makes it (first in key order). */
  const edges = new Map<string, Map<string, { from: string; to: string }>>();
  for (const from of [...parts.keys()].sort()) {
    const fromPart = parts.get(from)!;
    for (const to of project.graph.dependenciesOf(from).sort()) {
      const toPart = parts.get(to);
      const target = entityOf(project, to);
      if (toPart === undefined || toPart === fromPart || !target || !project.moduleOf(target).synth) continue;
      const byTarget = edges.get(fromPart) ?? new Map<string, { from: string; to: string }>();
      if (!byTarget.has(toPart)) byTarget.set(toPart, { from, to });
      edges.set(fromPart, byTarget);
    }
  }
  return partCycles(edges).map((cycle) => {
    const closing = edges.get(cycle[0])!.get(cycle[1])!;
    const entity = entityOf(project, closing.from)!;
    const because = cycle
      .slice(0, -1)
      .map((p, i) => {
        const e = edges.get(p)!.get(cycle[i + 1])!;
        return `${e.from} (${p}) needs ${e.to} (${cycle[i + 1]})`;
      })
      .join('; ');
    return {
      code: 'GDP850',
      file: entity.file.path,
      message: `with --split-by ${splitBy}, the stacks ${cycle.join(' → ')} depend on each other: ${because}`,
      hint:
        splitBy === 'dataset'
          ? 'Split by folder (--split-by folder), or keep what these datasets share in one dataset, so that one stack can be applied before the other.'
          : 'Split by dataset (--split-by dataset), or move the files so that one folder can be applied before the other.',
    };
  });
}

/**
 * GDP407 across stacks: every stack of every environment split in this run keeps its own state, distinct
 * from the other stacks' and from every environment's unsplit state. Located at the environment file
 * (`environmentsDir/<env>.json`) of the stack that clashes.
 */
export function splitStateClashes(project: Project, splitBy: SplitBy, environmentsDir: string): DiagnosticInput[] {
  const parts = [...new Set([BASE_PART, SHARED_PART, ...partsOfProject(project, splitBy).values()])].sort();
  const owners = new Map<string, string>();
  const key = (bucket: string, prefix: string): string => `gs://${bucket}/${prefix.replace(/^\/+|\/+$/g, '')}`;
  for (const [name, model] of project.environments) owners.set(key(stateBackend(model.env).bucket, stateBackend(model.env).prefix), `the state of environment ${name}`);
  const out: DiagnosticInput[] = [];
  for (const [name, model] of [...project.environments].sort(([a], [b]) => a.localeCompare(b))) {
    const backend = stateBackend(model.env);
    for (const part of parts) {
      const state = key(backend.bucket, partPrefix(backend.prefix, part));
      const other = owners.get(state);
      if (other) {
        out.push({
          code: 'GDP407',
          file: path.join(environmentsDir, `${name}.json`),
          message: `with --split-by ${splitBy}, stack ${stackNameOf(name, part)} would keep its state at ${state}, which is already ${other}`,
        });
      } else owners.set(state, `the state of stack ${stackNameOf(name, part)}`);
    }
  }
  return out;
}

function entityOf(project: Project, key: string): Entity | undefined {
  const i = key.indexOf('/');
  return project.lookup(key.slice(0, i), key.slice(i + 1));
}

/**
 * The cycles of a small graph of parts, each once, as a path that starts and ends with its smallest part
 * (`[a, b, a]`). Finds one cycle per strongly connected part of the graph.
 */
export function partCycles(edges: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])])].sort();
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      for (const next of edges.get(stack.pop()!)?.keys() ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return seen;
  };
  const reachable = new Map(nodes.map((n) => [n, reach(n)]));
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const start of nodes) {
    if (done.has(start) || !reachable.get(start)!.has(start)) continue;
    const component = nodes.filter((n) => reachable.get(start)!.has(n) && reachable.get(n)!.has(start));
    component.forEach((n) => done.add(n));
    cycles.push(shortestCycle(start, edges, new Set(component)));
  }
  return cycles;
}

/** The shortest path from `start` back to itself inside a component (breadth first, sorted neighbours). */
function shortestCycle(start: string, edges: ReadonlyMap<string, ReadonlyMap<string, unknown>>, component: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of [...(edges.get(node)?.keys() ?? [])].sort()) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
