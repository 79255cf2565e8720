/**
 * The incremental cache of a run (docs/design.md, "Incremental cache"): where it lives, whether it is
 * used, and the salt every key carries.
 */
import * as path from 'node:path';
import type { ModuleRegistry } from '../registry';
import { moduleSetFingerprint, toolFingerprint } from './fingerprint';
import { DEFAULT_MAX_BYTES, DiskCache, hashOf } from './store';

export { DiskCache, hashOf } from './store';
export { dataKey } from './data-key';

/** The cache folder's name inside the project folder (the parent of `configuration/`). */
export const CACHE_FOLDER = '.gdp-cache';

/** How a run uses the cache. */
export interface CacheOptions {
  /** The project folder; the cache is its `.gdp-cache/` unless `GDP_CACHE_DIR` is set. */
  readonly projectDir: string;
  /** The run's module types (part of every key). */
  readonly registry: ModuleRegistry;
  /** `--no-cache`: neither read nor write. */
  readonly disabled?: boolean;
  /** Variables to read `GDP_CACHE_DIR` and `GDP_CACHE_MAX_MB` from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/** The cache folder of a project: `GDP_CACHE_DIR` when set, else `<project>/.gdp-cache`. */
export function cacheDirOf(projectDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.GDP_CACHE_DIR;
  return override ? path.resolve(override) : path.join(path.resolve(projectDir), CACHE_FOLDER);
}

/**
 * The cache of a run, or undefined when it is disabled or cannot be used safely (a module type whose code
 * gdp cannot fingerprint).
 */
export function openCache(options: CacheOptions): DiskCache | undefined {
  if (options.disabled) return undefined;
  const modules = moduleSetFingerprint(options.registry);
  if (modules === undefined) return undefined;
  const env = options.env ?? process.env;
  const mb = Number(env.GDP_CACHE_MAX_MB);
  const maxBytes = Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : DEFAULT_MAX_BYTES;
  return new DiskCache(cacheDirOf(options.projectDir, env), hashOf([toolFingerprint(), modules]), maxBytes);
}
