/** Renders a lineage graph as Graphviz DOT: left to right, one cluster per dataset, a legend. */
import type { Lineage, LineageNode } from './model';
import { groupNodes, groupTitle } from './render-mermaid';
import { EDGE_STYLES, NODE_STYLES } from './style';

/** Options of {@link renderDot}. */
export interface DotOptions {
  /** Node ids drawn highlighted. */
  readonly highlight?: ReadonlySet<string>;
  /** Draw the legend (default true). */
  readonly legend?: boolean;
}

/** The DOT text. */
export function renderDot(lineage: Lineage, options: DotOptions = {}): string {
  const ids = new Map(lineage.nodes.map((n, i) => [n.id, `n${i}`]));
  const big = lineage.nodes.length > 200;
  const out = [
    'digraph lineage {',
    // Large graphs: tighter spacing, and no spline routing around clusters (the slow part of dot).
    `  graph [rankdir=LR, fontname="Helvetica", fontsize=12, labelloc=t, label=${quote(`gdp lineage: ${lineage.env}`)}, nodesep=${big ? 0.08 : 0.25}, ranksep=${big ? 0.5 : 0.8}${big ? ', splines=line' : ''}];`,
    // Viewers often lack Helvetica and draw a wider font: extra margin keeps names inside their shapes.
    '  node [fontname="Helvetica", fontsize=10, style="filled", penwidth=1, margin="0.2,0.06"];',
    '  edge [arrowsize=0.7];',
  ];
  let c = 0;
  const groups = groupNodes(lineage.nodes);
  for (const [group, nodes] of groups) {
    out.push(`  subgraph cluster_${c++} {`);
    out.push(`    label=${quote(groupTitle(group))}; style="rounded,filled"; fillcolor="#f9fafb"; color="#9ca3af"; fontsize=11;`);
    for (const n of nodes) out.push(`    ${ids.get(n.id)} ${nodeAttributes(n, options.highlight?.has(n.id) === true)};`);
    out.push('  }');
  }
  for (const e of lineage.edges) {
    const style = EDGE_STYLES[e.relation];
    // In a large graph, edge labels land far from their straight edges: colour and line style (and the legend) say it.
    const label = style.label && !big ? `, label=${quote(style.label)}, fontsize=8, fontcolor="#6b7280"` : '';
    out.push(`  ${ids.get(e.from)} -> ${ids.get(e.to)} [${style.dot}${label}];`);
  }
  out.push(...isolatedRows(lineage, groups.map(([, nodes]) => nodes), ids));
  if (options.legend !== false && lineage.nodes.length > 0) out.push(...legend(lineage));
  out.push('}');
  return out.join('\n') + '\n';
}

/**
 * Dot stacks nodes without edges in one column per cluster (500 unread tables: a picture 500 nodes
 * tall). Invisible edges chain them into rows of {@link ISOLATED_PER_ROW}, so a cluster stays compact.
 */
function isolatedRows(lineage: Lineage, groups: readonly (readonly LineageNode[])[], ids: ReadonlyMap<string, string>): string[] {
  const linked = new Set(lineage.edges.flatMap((e) => [e.from, e.to]));
  const out: string[] = [];
  for (const nodes of groups) {
    const isolated = nodes.filter((n) => !linked.has(n.id));
    for (let i = 0; i + 1 < isolated.length; i++) {
      if ((i + 1) % ISOLATED_PER_ROW === 0) continue;
      out.push(`  ${ids.get(isolated[i].id)} -> ${ids.get(isolated[i + 1].id)} [style=invis];`);
    }
  }
  return out;
}

/** Unlinked nodes per row inside a cluster. */
const ISOLATED_PER_ROW = 4;

function nodeAttributes(n: LineageNode, highlighted: boolean): string {
  const s = NODE_STYLES[n.kind];
  const styles = ['filled', ...(s.dashed ? ['dashed'] : []), ...(n.kind === 'workflow' ? ['rounded'] : [])];
  const label = `<${html(n.label)}<br/><font point-size="8" color="#4b5563">${html(s.title)}</font>>`;
  const tooltip = n.cloudName ? `, tooltip=${quote(n.cloudName)}` : '';
  return `[shape=${s.dotShape}, style=${quote(styles.join(','))}, fillcolor=${quote(s.fill)}, label=${label}${tooltip}${highlighted ? ', color="#dc2626", penwidth=2.5' : ''}]`;
}

/** A small legend of the kinds and relations the graph uses. */
function legend(lineage: Lineage): string[] {
  const kinds = [...new Set(lineage.nodes.map((n) => n.kind))];
  const relations = [...new Set(lineage.edges.map((e) => e.relation))];
  const rows = [
    ...kinds.map((k) => `<tr><td bgcolor=${quote(NODE_STYLES[k].fill)}>  </td><td align="left">${html(NODE_STYLES[k].title)}</td></tr>`),
    ...relations.map((r) => `<tr><td><font color=${quote(EDGE_STYLES[r].dot.match(/#[0-9a-f]+/)?.[0] ?? '#000000')}>&#8594;</font></td><td align="left">${r}</td></tr>`),
  ];
  return [`  legend [shape=plaintext, style="", label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="3"><tr><td colspan="2"><b>legend</b></td></tr>${rows.join('')}</table>>];`];
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
