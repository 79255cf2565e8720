/** How each kind of node and edge is drawn, shared by the Mermaid and DOT renderers. */
import type { LineageNodeKind, LineageRelation } from './model';

/** Drawing of a node kind. */
export interface NodeStyle {
  /** Shown under the name (what the node is). */
  readonly title: string;
  /** Graphviz shape and fill. */
  readonly dotShape: string;
  readonly fill: string;
  readonly dashed?: boolean;
  /** Mermaid node text wrapper, e.g. `[(` `)]` for a cylinder. */
  readonly mermaid: readonly [string, string];
}

/** Styles per node kind (colours: a table is blue, code is green, orchestration is orange/yellow). */
export const NODE_STYLES: Readonly<Record<LineageNodeKind, NodeStyle>> = {
  table: { title: 'table', dotShape: 'cylinder', fill: '#dbeafe', mermaid: ['[(', ')]'] },
  generated_table: { title: 'table made by a load', dotShape: 'cylinder', fill: '#e0e7ff', mermaid: ['[(', ')]'] },
  external_table: { title: 'external table', dotShape: 'cylinder', fill: '#f3f4f6', dashed: true, mermaid: ['[(', ')]'] },
  procedure: { title: 'procedure', dotShape: 'component', fill: '#dcfce7', mermaid: ['[[', ']]'] },
  load: { title: 'load', dotShape: 'component', fill: '#bbf7d0', mermaid: ['[[', ']]'] },
  workflow: { title: 'workflow', dotShape: 'box', fill: '#ffedd5', mermaid: ['([', '])'] },
  scheduler: { title: 'scheduler', dotShape: 'hexagon', fill: '#fef9c3', mermaid: ['{{', '}}'] },
  eventarc_trigger: { title: 'eventarc trigger', dotShape: 'cds', fill: '#fef9c3', mermaid: ['>', ']'] },
  service: { title: 'service', dotShape: 'ellipse', fill: '#fae8ff', mermaid: ['((', '))'] },
  statemachine: { title: 'state machine', dotShape: 'note', fill: '#fef9c3', mermaid: ['>', ']'] },
};

/** Drawing of an edge relation: its label (none for the obvious data flow) and line style. */
export const EDGE_STYLES: Readonly<Record<LineageRelation, { readonly label?: string; readonly dot: string; readonly mermaid: string }>> = {
  reads: { dot: 'color="#2563eb"', mermaid: '-->' },
  writes: { dot: 'color="#16a34a", penwidth=2', mermaid: '==>' },
  calls: { label: 'calls', dot: 'color="#ea580c", style=dashed', mermaid: '-.->' },
  starts: { label: 'starts', dot: 'color="#ca8a04", style=dashed', mermaid: '-.->' },
  uses: { label: 'uses', dot: 'color="#6b7280", style=dotted', mermaid: '-.->' },
};

/** Name of the cluster of nodes that belong to no dataset (workflows, schedulers, triggers). */
export const ORCHESTRATION_GROUP = 'orchestration';
