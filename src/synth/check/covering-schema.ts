/**
 * The provider schema a stack is checked against when it holds types beyond the committed schema (a
 * plugin's resources): those types are derived from the installed bindings' jsii assembly, the same way
 * as the committed ones, and kept in a cache file per bindings version so the 95 MB assembly is parsed
 * once per machine, not once per synth.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deriveProviderSchema, readProviderAssembly } from './derive-schema';
import type { BlockSchema, ProviderSchema } from './schema-types';

/** Folder of the derived-schema cache (safe to delete: it is derived again on the next synth). */
export function schemaCacheDir(): string {
  return path.join(process.env.GDP_CACHE_DIR ?? path.join(os.tmpdir(), 'gdp-cache'), 'provider-schema');
}

/** `base`, completed with the schema of every type the stack holds that `base` lacks. */
export function schemaCovering(stack: unknown, base: ProviderSchema, version: string): ProviderSchema {
  const s = stack as { resource?: Record<string, unknown>; data?: Record<string, unknown> };
  const resources = Object.keys(s.resource ?? {}).filter((t) => !base.resources[t] && t !== 'terraform_data');
  const dataSources = Object.keys(s.data ?? {}).filter((t) => !base.dataSources[t] && t !== 'terraform_remote_state');
  if (resources.length === 0 && dataSources.length === 0) return base;
  const cacheFile = path.join(schemaCacheDir(), `${version}.json`);
  const cached = readCache(cacheFile);
  const missing = { resources: resources.filter((t) => !cached.resources[t]), dataSources: dataSources.filter((t) => !cached.dataSources[t]) };
  if (missing.resources.length > 0 || missing.dataSources.length > 0) {
    const derived = Object.values(deriveProviderSchema(readProviderAssembly(), missing))[0];
    Object.assign(cached.resources, derived.resources);
    Object.assign(cached.dataSources, derived.dataSources);
    writeCache(cacheFile, cached);
  }
  return { ...base, resources: { ...base.resources, ...cached.resources }, dataSources: { ...base.dataSources, ...cached.dataSources } };
}

interface Cache {
  resources: Record<string, BlockSchema>;
  dataSources: Record<string, BlockSchema>;
}

function readCache(file: string): Cache {
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as Cache;
    return { resources: c.resources ?? {}, dataSources: c.dataSources ?? {} };
  } catch {
    return { resources: {}, dataSources: {} };
  }
}

/** Writes the cache through a temporary file, so a concurrent synth never reads half a file. */
function writeCache(file: string, cache: Cache): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cache));
  fs.renameSync(tmp, file);
}
