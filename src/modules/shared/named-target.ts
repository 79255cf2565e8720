/** A field that names another entity either plainly (`orders_v1`) or with a reference (`${tables.orders_v1.reference}`). */
import type { FieldReference } from '../../core/module-type';
import { parseTemplate } from '../../core/references';
import type { ValuePath } from '../../core/source';

/**
 * The logical name a field names in `namespace`: the plain name, or the key of a reference to that
 * namespace when the value is exactly one such reference. Undefined for anything else (another
 * namespace, text around the reference).
 */
export function namedTarget(value: string, namespace: string): string | undefined {
  if (!value.includes('${')) return value.trim();
  const segments = parseTemplate(value.trim());
  const [only] = segments;
  if (segments.length !== 1 || only.type !== 'ref' || only.expr.head !== namespace || only.expr.keys.length === 0) return undefined;
  return only.expr.keys[0];
}

/** A field reference for a plainly written name (references written as `${...}` are checked by the resolver). */
export function plainReference(value: string | undefined, namespace: string, path: ValuePath): FieldReference[] {
  if (value === undefined || value.includes('${')) return [];
  return [{ namespace, name: value.trim(), path }];
}
