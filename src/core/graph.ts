/**
 * The dependency graph of a project: an edge A → B means A uses B (a table uses its dataset, a trigger
 * its workflow, a procedure the tables its SQL names). Synthesis uses it for creation order, the plan
 * for impact.
 */

/** Key of a node: `namespace/name`. */
export type NodeKey = string;

/** Builds the key of an entity. */
export function nodeKey(namespace: string, name: string): NodeKey {
  return `${namespace}/${name}`;
}

/** A directed graph of entity dependencies. */
export class DependencyGraph {
  private readonly edges = new Map<NodeKey, Set<NodeKey>>();

  /** Adds a node without edges. */
  addNode(key: NodeKey): void {
    if (!this.edges.has(key)) this.edges.set(key, new Set());
  }

  /** Records that `from` depends on `to`. */
  addEdge(from: NodeKey, to: NodeKey): void {
    this.addNode(from);
    this.addNode(to);
    if (from !== to) this.edges.get(from)!.add(to);
  }

  /** What a node depends on directly, sorted. */
  dependenciesOf(key: NodeKey): NodeKey[] {
    return [...(this.edges.get(key) ?? [])].sort();
  }

  /** Nodes that depend on this node directly, sorted. */
  dependentsOf(key: NodeKey): NodeKey[] {
    const out: NodeKey[] = [];
    for (const [from, tos] of this.edges) if (tos.has(key)) out.push(from);
    return out.sort();
  }

  /** Every node, sorted. */
  nodes(): NodeKey[] {
    return [...this.edges.keys()].sort();
  }

  /** Cycles found (each as a list of nodes, first repeated at the end); empty when acyclic. */
  cycles(): NodeKey[][] {
    const state = new Map<NodeKey, 1 | 2>();
    const stack: NodeKey[] = [];
    const found: NodeKey[][] = [];
    const visit = (n: NodeKey): void => {
      state.set(n, 1);
      stack.push(n);
      for (const m of this.dependenciesOf(n)) {
        const s = state.get(m);
        if (s === 1) found.push([...stack.slice(stack.indexOf(m)), m]);
        else if (s === undefined) visit(m);
      }
      stack.pop();
      state.set(n, 2);
    };
    for (const n of this.nodes()) if (!state.has(n)) visit(n);
    return found;
  }

  /** Nodes ordered so that each comes after everything it depends on (ties sorted by key). */
  topologicalOrder(): NodeKey[] {
    const order: NodeKey[] = [];
    const done = new Set<NodeKey>();
    const visit = (n: NodeKey, path: Set<NodeKey>): void => {
      if (done.has(n) || path.has(n)) return;
      path.add(n);
      for (const m of this.dependenciesOf(n)) visit(m, path);
      path.delete(n);
      done.add(n);
      order.push(n);
    };
    for (const n of this.nodes()) visit(n, new Set());
    return order;
  }
}
