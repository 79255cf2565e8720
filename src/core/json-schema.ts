/** JSON Schemas generated from the zod schemas (the only definition of every file's shape). */
import { z } from 'zod';
import { EnvironmentSchema } from './environment';
import type { ModuleRegistry } from './registry';

/** One JSON Schema per module kind, plus `environment`. */
export function jsonSchemas(registry: ModuleRegistry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of registry.all()) {
    out[m.kind] = { ...z.toJSONSchema(m.schema, { io: 'input', unrepresentable: 'any' }), title: m.title };
  }
  out.environment = z.toJSONSchema(EnvironmentSchema, { io: 'input', unrepresentable: 'any' });
  return out;
}
