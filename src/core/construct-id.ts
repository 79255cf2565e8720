/**
 * Terraform local names of resources, and the check that no two files of one kind get the same one
 * (`Orders_v1.yaml` beside `orders_v1.yaml`): validate reports what synthesis could not build.
 */
import type { DiagnosticBag } from './diagnostics';
import type { Entity } from './module-type';

/** A Terraform local name from parts: lowercase letters, digits, `_` and `-`. */
export function constructId(parts: readonly string[]): string {
  return parts.map((p) => p.toLowerCase().replace(/[^a-z0-9_-]+/g, '_')).join('_');
}

/** Reports entities of one kind whose names differ only in case or punctuation (one Terraform name). */
export function reportConstructIdClashes(entities: readonly Entity[], bag: DiagnosticBag): void {
  const seen = new Map<string, Entity>();
  for (const entity of entities) {
    const id = constructId([entity.kind, entity.name]);
    const first = seen.get(id);
    if (!first) {
      seen.set(id, entity);
      continue;
    }
    bag.add({
      code: 'GDP305',
      file: entity.file.path,
      message: `"${entity.name}" and "${first.name}" (${first.file.path}) differ only in case or punctuation: both become the Terraform resource ${id}`,
      hint: 'Rename one of the files; names are compared ignoring case, as on case-insensitive file systems.',
    });
  }
}
