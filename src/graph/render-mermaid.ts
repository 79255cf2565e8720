/** Renders a lineage graph as a Mermaid flowchart (GitHub renders it in markdown). */
import type { Lineage, LineageNode } from './model';
import { EDGE_STYLES, NODE_STYLES, ORCHESTRATION_GROUP } from './style';

/** Options of {@link renderMermaid}. */
export interface MermaidOptions {
  /** Node ids drawn highlighted (e.g. the changed entities of a plan). */
  readonly highlight?: ReadonlySet<string>;
}

/** The flowchart text (without a code fence). */
export function renderMermaid(lineage: Lineage, options: MermaidOptions = {}): string {
  const ids = new Map(lineage.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const [group, nodes] of groupNodes(lineage.nodes)) {
    lines.push(`  subgraph g_${safeId(group)}["${escape(groupTitle(group))}"]`);
    for (const n of nodes) lines.push(`    ${ids.get(n.id)}${shape(n)}`);
    lines.push('  end');
  }
  for (const e of lineage.edges) {
    const style = EDGE_STYLES[e.relation];
    lines.push(`  ${ids.get(e.from)} ${style.mermaid}${style.label ? `|${style.label}|` : ''} ${ids.get(e.to)}`);
  }
  const classes = new Map<string, string[]>();
  for (const n of lineage.nodes) {
    const c = options.highlight?.has(n.id) ? 'highlight' : n.kind;
    classes.set(c, [...(classes.get(c) ?? []), ids.get(n.id)!]);
  }
  for (const [c, members] of classes) {
    lines.push(`  classDef ${c} ${c === 'highlight' ? 'fill:#fecaca,stroke:#dc2626,stroke-width:2px' : classStyle(c)}`);
    lines.push(`  class ${members.join(',')} ${c}`);
  }
  return lines.join('\n') + '\n';
}

/** Nodes per cluster: datasets in name order, then orchestration. */
export function groupNodes(nodes: readonly LineageNode[]): [string, LineageNode[]][] {
  const groups = new Map<string, LineageNode[]>();
  for (const n of nodes) {
    const g = n.group ?? ORCHESTRATION_GROUP;
    groups.set(g, [...(groups.get(g) ?? []), n]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === ORCHESTRATION_GROUP ? 1 : b === ORCHESTRATION_GROUP ? -1 : a.localeCompare(b)));
}

/** Title of a cluster. */
export function groupTitle(group: string): string {
  return group === ORCHESTRATION_GROUP ? 'workflows and schedules' : `dataset ${group}`;
}

function shape(n: LineageNode): string {
  const [open, close] = NODE_STYLES[n.kind].mermaid;
  return `${open}"${escape(n.label)}<br/><small>${NODE_STYLES[n.kind].title}</small>"${close}`;
}

function classStyle(kind: string): string {
  const style = NODE_STYLES[kind as keyof typeof NODE_STYLES];
  return `fill:${style.fill},stroke:#374151${style.dashed ? ',stroke-dasharray:4 3' : ''}`;
}

function safeId(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Mermaid labels are quoted; quotes and angle brackets become entities. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
