/**
 * What a plan's changes reach beyond the resources themselves, per environment: the readers downstream
 * of every changed, replaced or destroyed table (from the lineage graph, src/graph), a Mermaid picture
 * of the changed part of the graph for the pull request comment, and the next runs of scheduler jobs
 * whose schedule or time zone changes, before and after.
 */
import type { EnvironmentName } from '../core/environment';
import { nodeKey } from '../core/graph';
import type { Project } from '../core/project';
import type { Entity } from '../core/module-type';
import { focusLineage, reachable, renderMermaid, subgraph, type Lineage } from '../graph';
import { impactLineage } from './impact-lineage';
import { runTimes, type RunTime } from '../schedules';
import { SqlServerUnavailable, SqlService } from '../sql/analyzer';
import type { LoadConfig } from '../modules/load/schema';
import type { TableConfig } from '../modules/table/schema';
import type { StackJson } from './classify';
import { ownerFinder } from './stacks';
import type { ChangeAction, ResourceChange } from './model';

/** What reads a changed table, directly and further downstream (lineage node ids such as `loads/x`). */
export interface TableImpact {
  readonly table: string;
  readonly address: string;
  readonly action: ChangeAction;
  readonly readers: readonly string[];
  readonly downstream: readonly string[];
}

/** A job's timing on one side. */
export interface JobTiming {
  readonly schedule: string;
  readonly timeZone: string;
  readonly paused: boolean;
  readonly next: readonly RunTime[];
}

/** A scheduler job whose schedule, time zone or paused state changes. */
export interface ScheduleChange {
  readonly address: string;
  readonly before?: JobTiming;
  readonly after?: JobTiming;
}

/**
 * A new table version backfilled from the version before it, which is kept: the safe way to make a
 * change that would replace a table (`gdp evolve`). Nothing is lost; the old version and the backfill
 * are removed later, once nothing reads the old version.
 */
export interface TableEvolution {
  readonly oldTable: string;
  readonly newTable: string;
  /** The load that copies the rows. */
  readonly backfill: string;
  /** Files to remove later. */
  readonly removeLater: readonly string[];
  /** Entities that still use the old version (lineage node ids). */
  readonly stillUsingOld: readonly string[];
}

/** The impact section of one environment's plan. */
export interface EnvironmentImpact {
  readonly tables: readonly TableImpact[];
  readonly evolutions: readonly TableEvolution[];
  /** Mermaid flowchart of the changed entities and what is downstream of changed tables. */
  readonly mermaid?: string;
  readonly schedules: readonly ScheduleChange[];
  /** False when the SQL was not parsed (readers are then the entities referencing the table). */
  readonly sqlAnalysed: boolean;
}

/** Most nodes drawn: beyond, only the changed entities and the direct readers of changed tables. */
const MAX_PICTURE_NODES = 60;
/** The Terraform type of scheduler jobs, the only resources of the stacks the impact reads. */
export const SCHEDULER_JOB = 'google_cloud_scheduler_job';
/** Next runs shown per side. */
const RUNS = 3;

/**
 * The compiled sides of a plan. The base project is asked for only when a change needs its lineage (a
 * destroyed table), so that a caller can let it go and compile it again then.
 */
export interface ImpactSides {
  /** The base project (compiled again when first asked for): only the lineage of destroyed tables needs it. */
  readonly base: () => Project;
  /** The base side's lineage nodes, known without compiling it again. */
  readonly baseNodes: SideNodes;
  readonly head: Project;
}

/** A side's lineage nodes: the node a resource comes from, and whether a node is on the side. */
export interface SideNodes {
  of(resourceName: string): string | undefined;
  has(node: string): boolean;
}

/** {@link SideNodes} of a compiled project; it holds node keys only, so the project can be let go. */
export function sideNodes(project: Project): SideNodes {
  const keyOf = (e: Entity): string => nodeKey(project.moduleOf(e).namespace, e.name);
  const nodes = new Set(project.entities.map(keyOf));
  return { of: ownerFinder(project, keyOf), has: (node) => nodes.has(node) };
}

/** The lineage node of the entity a change's resource comes from: the base side's for a destroyed one. */
type ChangeNode = (c: ResourceChange) => string | undefined;

/** Impact of every environment's changes; each side's lineage parses only the SQL the impact can read. */
export async function planImpact(
  projects: ImpactSides,
  stacks: readonly [ReadonlyMap<EnvironmentName, StackJson>, ReadonlyMap<EnvironmentName, StackJson>],
  changes: ReadonlyMap<EnvironmentName, readonly ResourceChange[]>,
  now: Date,
): Promise<Map<EnvironmentName, EnvironmentImpact>> {
  const out = new Map<EnvironmentName, EnvironmentImpact>();
  const changedEnvs = [...changes].filter(([, list]) => list.length > 0).map(([env]) => env);
  if (changedEnvs.length === 0) return out;
  const headNodes = sideNodes(projects.head);
  const nodeOf: ChangeNode = (c) => (c.action === 'destroy' ? projects.baseNodes : headNodes).of(c.name);
  const service = await startSqlService();
  try {
    for (const env of changedEnvs) {
      const list = changes.get(env)!;
      const candidates = evolutionCandidates(projects, list, nodeOf);
      const seeds = impactSeeds(list, nodeOf, candidates);
      // The base side's lineage is only needed for the readers of destroyed tables.
      const base = seeds.baseTables.length > 0 && projects.base().environments.has(env) ? await impactLineage(projects.base(), env, service, (l) => consultedNodes(l, seeds.baseTables, [])) : undefined;
      // The picture draws those readers from the head's lineage: their edges there must be parsed too.
      const readersOfDestroyed = base ? seeds.baseTables.flatMap((id) => [...reachable(base, id, 'downstream').keys()]) : [];
      const head = await impactLineage(projects.head, env, service, (l) => {
        const nodes = consultedNodes(l, seeds.headTables, seeds.neighbourhoods);
        for (const id of readersOfDestroyed) nodes.add(id);
        return nodes;
      });
      out.set(env, environmentImpact(env, stacks, list, nodeOf, candidates, head, base, now));
    }
  } finally {
    await service?.close();
  }
  return out;
}

/**
 * Where the impact of a list of changes reads a lineage: what is downstream of changed tables (head side;
 * destroyed ones on the base side too), and the neighbours of changed entities (the picture) and of the
 * tables a new version is backfilled from (the evolutions).
 */
function impactSeeds(list: readonly ResourceChange[], nodeOf: ChangeNode, candidates: readonly EvolutionCandidate[]): { headTables: string[]; baseTables: string[]; neighbourhoods: string[] } {
  const headTables: string[] = [];
  const baseTables: string[] = [];
  const neighbourhoods: string[] = [];
  for (const c of list) {
    const id = nodeOf(c);
    if (!id) continue;
    neighbourhoods.push(id);
    if (c.type !== 'google_bigquery_table' || c.action === 'create' || !id.startsWith('tables/')) continue;
    headTables.push(id);
    if (c.action === 'destroy') baseTables.push(id);
  }
  for (const candidate of candidates) neighbourhoods.push(`tables/${candidate.source}`);
  return { headTables, baseTables, neighbourhoods };
}

/** The nodes the impact reads in a lineage: everything downstream of `tables`, and `neighbourhoods` with their neighbours. */
function consultedNodes(lineage: Lineage, tables: readonly string[], neighbourhoods: readonly string[]): Set<string> {
  const out = new Set<string>(neighbourhoods);
  for (const id of tables) for (const n of reachable(lineage, id, 'downstream').keys()) out.add(n);
  const around = new Set(neighbourhoods);
  for (const e of lineage.edges) {
    if (around.has(e.from)) out.add(e.to);
    if (around.has(e.to)) out.add(e.from);
  }
  return out;
}

/** Starts the SQL service the lineage parses with; undefined when it cannot start (lineage then uses references). */
async function startSqlService(): Promise<SqlService | undefined> {
  try {
    return await SqlService.start();
  } catch (e) {
    if (e instanceof SqlServerUnavailable) return undefined;
    throw e;
  }
}

/** The impact of one environment's changes. */
function environmentImpact(
  env: EnvironmentName,
  stacks: readonly [ReadonlyMap<EnvironmentName, StackJson>, ReadonlyMap<EnvironmentName, StackJson>],
  list: readonly ResourceChange[],
  nodeOf: ChangeNode,
  candidates: readonly EvolutionCandidate[],
  headLineage: Lineage,
  baseLineage: Lineage | undefined,
  now: Date,
): EnvironmentImpact {
  const tables: TableImpact[] = [];
  const changed = new Set<string>();
  for (const c of list) {
    const id = nodeOf(c);
    if (id) changed.add(id);
    // A new table has no readers yet to break.
    if (c.type !== 'google_bigquery_table' || c.action === 'create' || !id?.startsWith('tables/')) continue;
    const lineage = c.action === 'destroy' && baseLineage ? baseLineage : headLineage;
    const direct = lineage.edges.filter((e) => e.from === id && e.relation === 'reads').map((e) => e.to);
    const all = [...reachable(lineage, id, 'downstream').keys()].filter((n) => n !== id && !direct.includes(n));
    tables.push({ table: id.slice('tables/'.length), address: c.address, action: c.action, readers: direct.sort(), downstream: all.sort() });
  }
  return {
    tables,
    evolutions: evolutions(candidates, headLineage),
    mermaid: picture(headLineage, changed, tables),
    schedules: scheduleChanges(list, stacks[0].get(env), stacks[1].get(env), now),
    sqlAnalysed: headLineage.sqlAnalysed,
  };
}

/** New table versions created with a backfill load from a version both sides keep. */
function evolutions(candidates: readonly EvolutionCandidate[], lineage: Lineage): TableEvolution[] {
  return candidates.map(({ source, target, load, oldTable }) => {
    const stillUsingOld = lineage.edges.filter((e) => (e.from === `tables/${source}` || e.to === `tables/${source}`) && e.from !== `loads/${load.name}` && e.to !== `loads/${load.name}`).map((e) => (e.from === `tables/${source}` ? e.to : e.from));
    return { oldTable: source, newTable: target, backfill: load.name, removeLater: [oldTable.file.path, load.file.path], stillUsingOld: [...new Set(stillUsingOld)].sort() };
  });
}

/** A new table version of {@link evolutions}, before the lineage tells what still uses the old one. */
interface EvolutionCandidate {
  readonly source: string;
  readonly target: string;
  readonly load: Entity<LoadConfig>;
  readonly oldTable: Entity<TableConfig>;
}

/** The new table versions created with a backfill load from a version the base side has. */
function evolutionCandidates(projects: ImpactSides, list: readonly ResourceChange[], nodeOf: ChangeNode): EvolutionCandidate[] {
  const head = projects.head;
  const created = new Set(list.filter((c) => c.action === 'create').map(nodeOf));
  const out: EvolutionCandidate[] = [];
  for (const load of head.all<LoadConfig>('loads')) {
    const source = (load.config.source as { table?: string }).table;
    const target = load.config.target;
    if (!source || !created.has(`tables/${target}`) || !created.has(`loads/${load.name}`)) continue;
    const oldTable = head.lookup<TableConfig>('tables', source);
    const newTable = head.lookup<TableConfig>('tables', target);
    if (!oldTable || !newTable) continue;
    if (oldTable.config.table_id !== newTable.config.table_id || newTable.config.version <= oldTable.config.version) continue;
    if (!projects.baseNodes.has(nodeKey('tables', source))) continue;
    out.push({ source, target, load, oldTable });
  }
  return out;
}

function picture(lineage: Lineage, changed: ReadonlySet<string>, tables: readonly TableImpact[]): string | undefined {
  const present = [...changed].filter((id) => lineage.nodes.some((n) => n.id === id));
  if (present.length === 0) return undefined;
  let ids = new Set<string>(present);
  for (const t of tables) for (const n of [...t.readers, ...t.downstream]) ids.add(n);
  if (ids.size > MAX_PICTURE_NODES) ids = new Set([...present, ...tables.flatMap((t) => t.readers)]);
  // Changed entities with nothing downstream still show their neighbours (what feeds or starts them).
  for (const id of present) if (!tables.some((t) => `tables/${t.table}` === id)) for (const n of focusLineage(lineage, id, {}).nodes) if (ids.size < MAX_PICTURE_NODES) ids.add(n.id);
  return renderMermaid(subgraph(lineage, ids), { highlight: new Set(present) });
}

function scheduleChanges(list: readonly ResourceChange[], base: StackJson | undefined, head: StackJson | undefined, now: Date): ScheduleChange[] {
  const out: ScheduleChange[] = [];
  for (const c of list) {
    if (c.type !== SCHEDULER_JOB) continue;
    if (c.action !== 'create' && c.action !== 'destroy' && !c.attributes.some((a) => ['schedule', 'time_zone', 'paused'].includes(a.path))) continue;
    const timing = (stack: StackJson | undefined): JobTiming | undefined => {
      const v = stack?.resource?.[SCHEDULER_JOB]?.[c.name];
      if (!v) return undefined;
      const schedule = String(v.schedule);
      const timeZone = String(v.time_zone ?? 'Etc/UTC');
      return { schedule, timeZone, paused: v.paused === true, next: runTimes(schedule, timeZone, RUNS, now) };
    };
    out.push({ address: c.address, before: timing(base), after: timing(head) });
  }
  return out;
}
