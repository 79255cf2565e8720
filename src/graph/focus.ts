/** Narrows a lineage graph to what is upstream and/or downstream of one node. */
import type { Lineage, LineageNode } from './model';

/** What to keep around the focus node; depth undefined: all the way. */
export interface FocusOptions {
  readonly upstream?: { readonly depth?: number };
  readonly downstream?: { readonly depth?: number };
}

/**
 * Finds the node a user names: its id (`tables/orders_v1`), its logical name (`orders_v1`) or, for
 * external tables, the full table name. Returns the matches (several when a name is used by more kinds).
 */
export function findNodes(lineage: Lineage, name: string): LineageNode[] {
  const exact = lineage.nodes.filter((n) => n.id === name);
  if (exact.length > 0) return exact;
  const lower = name.toLowerCase();
  return lineage.nodes.filter((n) => n.label.toLowerCase() === lower || n.cloudName?.toLowerCase() === lower);
}

/** Node ids reachable from `start` following edges forwards (downstream) or backwards (upstream). */
export function reachable(lineage: Lineage, start: string, direction: 'upstream' | 'downstream', depth?: number): Map<string, number> {
  const next = new Map<string, string[]>();
  for (const e of lineage.edges) {
    const [from, to] = direction === 'downstream' ? [e.from, e.to] : [e.to, e.from];
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  }
  const seen = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  for (let level = 1; frontier.length > 0 && (depth === undefined || level <= depth); level++) {
    const following: string[] = [];
    for (const id of frontier) {
      for (const n of next.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.set(n, level);
        following.push(n);
      }
    }
    frontier = following;
  }
  return seen;
}

/** The subgraph around a node: the node, what is upstream/downstream as asked, and the edges among them. */
export function focusLineage(lineage: Lineage, id: string, options: FocusOptions): Lineage {
  const keep = new Set<string>([id]);
  // Neither direction asked: both, one step (the node's neighbourhood).
  const both = !options.upstream && !options.downstream;
  const up = options.upstream ?? (both ? { depth: 1 } : undefined);
  const down = options.downstream ?? (both ? { depth: 1 } : undefined);
  if (up) for (const n of reachable(lineage, id, 'upstream', up.depth).keys()) keep.add(n);
  if (down) for (const n of reachable(lineage, id, 'downstream', down.depth).keys()) keep.add(n);
  return subgraph(lineage, keep);
}

/** The nodes given and the edges between them. */
export function subgraph(lineage: Lineage, ids: ReadonlySet<string>): Lineage {
  return {
    ...lineage,
    nodes: lineage.nodes.filter((n) => ids.has(n.id)),
    edges: lineage.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
  };
}
