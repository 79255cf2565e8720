/**
 * Builds the lineage graph of one environment from a compiled project: entities become nodes (datasets
 * become clusters), SQL analysis gives reads/writes/calls, and the dependency graph gives what starts
 * and calls what; workflows started through their (literal) trigger URL are found in the resolved configuration.
 */
import type { EnvironmentName } from '../core/environment';
import { nodeKey } from '../core/graph';
import type { Entity } from '../core/module-type';
import type { Project } from '../core/project';
import type { EntitySqlUse } from './collect-sql';
import type { Lineage, LineageEdge, LineageNode, LineageNodeKind, LineageRelation } from './model';
import { servicesCalled } from './workflow-services';
import { workflowsStarted } from './started-workflows';

/** Node kinds by namespace; namespaces not listed (datasets) are not nodes. */
const KIND_BY_NAMESPACE: Readonly<Record<string, LineageNodeKind>> = {
  tables: 'table',
  procedures: 'procedure',
  loads: 'load',
  workflows: 'workflow',
  schedulers: 'scheduler',
  eventarc_triggers: 'eventarc_trigger',
  statemachines: 'statemachine',
};

const STARTERS = new Set<LineageNodeKind>(['scheduler', 'eventarc_trigger', 'statemachine']);
const RUNS_SQL = new Set<LineageNodeKind>(['procedure', 'load', 'workflow']);

/**
 * The lineage of an environment. `sqlUse` is the parsed SQL per entity (undefined: SQL not analysed,
 * so procedures and loads are linked to what they reference, without direction of data).
 */
export function buildLineage(project: Project, env: EnvironmentName, sqlUse: EntitySqlUse | undefined): Lineage {
  const model = project.environments.get(env);
  if (!model) return { env, nodes: [], edges: [], sqlAnalysed: sqlUse !== undefined };
  const attrs = (e: Entity): Readonly<Record<string, string>> => model.attributesOf(project.moduleOf(e).namespace, e.name) ?? {};

  const datasetById = new Map<string, string>();
  for (const d of project.all('datasets')) {
    const id = attrs(d).dataset_id;
    if (id) datasetById.set(id.toLowerCase(), d.name);
  }
  const nodes = new Map<string, LineageNode>();
  const tableByName = new Map<string, string>();
  const routineByName = new Map<string, string>();
  const workflowByTriggerUrl = new Map<string, string>();
  for (const entity of project.entities) {
    const module = project.moduleOf(entity);
    const kind = KIND_BY_NAMESPACE[module.namespace];
    if (!kind) continue;
    const id = nodeKey(module.namespace, entity.name);
    const a = attrs(entity);
    const dataset = a.dataset_id ? (datasetById.get(a.dataset_id.toLowerCase()) ?? a.dataset_id) : undefined;
    const cloudName = a.full_name ?? (a.routine_id ? `${a.project}.${a.dataset_id}.${a.routine_id}` : a.name);
    nodes.set(id, { id, kind, label: entity.name, group: dataset, file: entity.file.path, cloudName });
    if (kind === 'table' && a.project && a.dataset_id && a.table_id) addNames(tableByName, a.project, a.dataset_id, a.table_id, id, model.env.project_id);
    if (a.routine_id && a.project && a.dataset_id) addNames(routineByName, a.project, a.dataset_id, a.routine_id, id, model.env.project_id);
    if (kind === 'workflow' && a.trigger_url) workflowByTriggerUrl.set(a.trigger_url, id);
  }

  const edges = new Map<string, LineageEdge>();
  const addEdge = (from: string, to: string, relation: LineageRelation): void => {
    if (from === to) return;
    edges.set(`${from}\u0000${to}\u0000${relation}`, { from, to, relation });
  };
  const generated = new Set([...(sqlUse?.values() ?? [])].flatMap((u) => u.creates));
  const tableNode = (name: string): string => {
    const known = tableByName.get(name);
    if (known) return known;
    const made = generated.has(name);
    const id = `${made ? 'generated' : 'external'}/${name}`;
    if (!nodes.has(id)) {
      const parts = name.split('.');
      const datasetId = parts.length >= 2 ? parts[parts.length - 2] : undefined;
      const group = datasetId ? (datasetById.get(datasetId) ?? datasetId) : undefined;
      // A table in a gdp dataset is named by its table id inside the dataset's cluster.
      const label = datasetId && datasetById.has(datasetId) ? parts[parts.length - 1] : name;
      nodes.set(id, { id, kind: made ? 'generated_table' : 'external_table', label, group, cloudName: name });
    }
    return id;
  };

  for (const node of [...nodes.values()]) {
    const use = sqlUse?.get(node.id);
    if (use) {
      for (const t of use.reads) addEdge(tableNode(t), node.id, 'reads');
      for (const t of use.writes) addEdge(node.id, tableNode(t), 'writes');
      for (const r of use.calls) {
        const target = routineByName.get(r);
        if (target) addEdge(node.id, target, 'calls');
      }
    }
    if (node.kind === 'workflow') {
      for (const label of servicesCalled(model.resolved.get(node.id))) {
        const id = `service/${label}`;
        if (!nodes.has(id)) nodes.set(id, { id, kind: 'service', label });
        addEdge(node.id, id, 'calls');
      }
    }
    if (STARTERS.has(node.kind)) {
      for (const workflow of workflowsStarted(model.resolved.get(node.id), workflowByTriggerUrl)) addEdge(node.id, workflow, 'starts');
    }
    for (const dep of project.graph.dependenciesOf(node.id)) {
      const target = nodes.get(dep);
      if (!target) continue;
      if (STARTERS.has(node.kind) && target.kind === 'workflow') addEdge(node.id, dep, 'starts');
      else if (RUNS_SQL.has(node.kind) && (target.kind === 'procedure' || target.kind === 'load')) addEdge(node.id, dep, 'calls');
      else if (target.kind === 'table' && use) continue; // the SQL analysis said how it uses the table
      else if (target.kind === 'table') addEdge(node.id, dep, 'uses');
    }
  }
  const sortedNodes = [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id));
  const sortedEdges = [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.relation.localeCompare(b.relation));
  return { env, nodes: sortedNodes, edges: sortedEdges, sqlAnalysed: sqlUse !== undefined };
}

/** Registers the names SQL may use for an object: `project.dataset.name` and, in the default project, `dataset.name`. */
function addNames(map: Map<string, string>, project: string, dataset: string, name: string, id: string, defaultProject: string): void {
  map.set(`${project}.${dataset}.${name}`.toLowerCase(), id);
  if (project === defaultProject) map.set(`${dataset}.${name}`.toLowerCase(), id);
}
