/** A depth-first walk over the mappings of a workflow value, with one path array for the whole walk. */
import { isMapping, type Mapping } from './step-shape';

/** Whether `key` of a mapping holds a call's arguments: data, not steps (walks skip them). */
export function isCallArgs(mapping: Mapping, key: string): boolean {
  return key === 'args' && typeof mapping.call === 'string';
}

/**
 * Calls `visit` for every mapping inside `value` (through lists and mappings, depth first), with its path
 * below `path`. The path is one array, extended and shortened while walking (every workflow, every
 * environment): `visit` copies it to keep it. The entries `skip` names are not walked into.
 */
export function forEachMapping(
  value: unknown,
  path: (string | number)[],
  visit: (mapping: Mapping, path: readonly (string | number)[]) => void,
  skip?: (mapping: Mapping, key: string) => boolean,
): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      forEachMapping(value[i], path, visit, skip);
      path.pop();
    }
    return;
  }
  if (!isMapping(value)) return;
  visit(value, path);
  for (const [k, item] of Object.entries(value)) {
    if (skip?.(value, k)) continue;
    path.push(k);
    forEachMapping(item, path, visit, skip);
    path.pop();
  }
}
