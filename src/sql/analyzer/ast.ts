/**
 * Reading ZetaSQL's parse tree as the server returns it (JSON of the `AnyAST…Proto` messages): a oneof
 * names its concrete node in `node`, and fields of base classes sit under `parent`.
 */
import type { TreeNode } from './service';

/** A parse-tree node with its concrete kind (`astMergeStatementNode`) and UTF-8 byte range. */
export interface AstNode {
  readonly kind: string;
  readonly node: TreeNode;
  readonly start: number;
  readonly end: number;
}

function isObject(v: unknown): v is TreeNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The concrete node inside a oneof wrapper (or the node itself), with its kind and range. */
export function unwrap(value: unknown, kind = 'node'): AstNode | undefined {
  let node = value;
  let name = kind;
  while (isObject(node) && typeof node.node === 'string' && isObject(node[node.node])) {
    name = node.node;
    node = node[node.node];
  }
  if (!isObject(node)) return undefined;
  const r = rangeOf(node);
  return { kind: name, node, start: r?.start ?? 0, end: r?.end ?? 0 };
}

/** A field of a node or of one of its base classes. */
export function field(node: TreeNode, name: string): unknown {
  let n: unknown = node;
  while (isObject(n)) {
    if (n[name] !== undefined && n[name] !== null) return n[name];
    n = n.parent;
  }
  return undefined;
}

/** A field holding a node, unwrapped. */
export function child(node: TreeNode, name: string): AstNode | undefined {
  const v = field(node, name);
  return v === undefined ? undefined : unwrap(v, name);
}

function rangeOf(node: TreeNode): { start: number; end: number } | undefined {
  let n: unknown = node;
  while (isObject(n)) {
    const r = n.parseLocationRange;
    if (isObject(r)) return { start: Number(r.start ?? 0), end: Number(r.end ?? 0) };
    n = n.parent;
  }
  return undefined;
}

/** The statements of a statement-list node (`ASTStatementListProto`). */
export function statementsOf(list: unknown): AstNode[] {
  if (!isObject(list)) return [];
  const items = field(list, 'statementList');
  return Array.isArray(items) ? items.map((s) => unwrap(s)).filter((s): s is AstNode => s !== undefined) : [];
}

/** The names of an identifier, identifier list or path expression (`a.b.c` → `['a','b','c']`). */
export function namesOf(value: unknown): string[] {
  if (!isObject(value)) return [];
  const n = unwrap(value)?.node ?? value;
  const id = field(n, 'idString');
  if (typeof id === 'string') return [id];
  const list = field(n, 'identifierList') ?? field(n, 'names');
  return Array.isArray(list) ? list.flatMap((i) => namesOf(i)) : [];
}

/** Every nested statement list of a node, for script statements the checker does not know. */
export function nestedStatementLists(node: TreeNode): TreeNode[] {
  const out: TreeNode[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      if (Array.isArray(v.statementList)) {
        out.push(v);
        return;
      }
      for (const [k, x] of Object.entries(v)) if (k !== 'parseLocationRange') visit(x);
    }
  };
  for (const [k, x] of Object.entries(node)) if (k !== 'parseLocationRange') visit(x);
  return out;
}
