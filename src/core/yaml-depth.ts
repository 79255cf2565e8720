/**
 * A guard before YAML composition: yaml's composer recurses once per nesting level, so a file nested a
 * few thousand levels deep would overflow the stack. yaml's CST parser keeps an explicit stack, so the
 * depth is measured on the CST, iteratively, before composing.
 */
import { Parser } from 'yaml';

/** Nesting levels a configuration file may have (real files use fewer than 20). */
export const MAX_NESTING_DEPTH = 64;

interface CstNode {
  readonly offset?: number;
  readonly items?: readonly { readonly key?: CstNode | null; readonly value?: CstNode | null }[];
  readonly value?: CstNode | null;
}

/** The offset of the first collection nested deeper than `max`, or undefined when the text is shallower. */
export function tooDeepAt(text: string, max = MAX_NESTING_DEPTH): number | undefined {
  if (!mightBeDeep(text, max)) return undefined;
  const stack: { node: CstNode; depth: number }[] = [];
  for (const token of new Parser().parse(text)) stack.push({ node: token as CstNode, depth: 0 });
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { node, depth } = next;
    if (Array.isArray(node.items)) {
      if (depth > max) return node.offset ?? 0;
      for (const item of node.items) {
        if (item.key) stack.push({ node: item.key, depth: depth + 1 });
        if (item.value) stack.push({ node: item.value, depth: depth + 1 });
      }
    } else if (node.value && typeof node.value === 'object') stack.push({ node: node.value, depth });
  }
  return undefined;
}

/** A cheap test first: nesting needs indentation (block style) or brackets (flow style) for every level. */
function mightBeDeep(text: string, max: number): boolean {
  if (new RegExp(`^[ \\t?:-]{${max},}`, 'm').test(text)) return true;
  let brackets = 0;
  for (let i = text.indexOf('[') === -1 && text.indexOf('{') === -1 ? text.length : 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x5b || c === 0x7b) && ++brackets > max) return true;
  }
  return false;
}
