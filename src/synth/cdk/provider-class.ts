/**
 * Provider classes by deep import path, so a module type (built in or a plugin's) can create any resource
 * or data source of the Google provider without an edit here: `@cdktf/provider-google/lib/pubsub-topic`
 * loads only that class (the package's barrel costs ~2 s and 380 MB).
 */
import { TerraformDataSource, type TerraformElement } from 'cdktf';
import type { Construct } from 'constructs';
import { createRequire } from 'node:module';

/**
 * The package whose classes modules may create, read by deep path (`<package>/lib/<resource>`). The beta
 * provider is not offered: gdp's stacks configure only the `google` provider, and the offline schema check
 * reads only its bindings.
 */
export const PROVIDER_PACKAGE_OF_CLASSES = '@cdktf/provider-google';

/** A provider class as the adapter uses it. */
export type ProviderClass = (new (scope: Construct, id: string, config: never) => TerraformElement & { dependsOn?: string[] }) & {
  readonly tfResourceType: string;
};

/** A loaded provider class: its Terraform type and whether it is a data source. */
export interface LoadedProviderClass {
  readonly cls: ProviderClass;
  readonly type: string;
  readonly dataSource: boolean;
}

/** Thrown for a path that names no provider class (the module type's mistake, reported with its name). */
export class ProviderClassError extends Error {}

const DEEP_PATH = /^(@cdktf\/provider-google)\/lib\/([a-z0-9-]+)$/;
/** Loads a provider class file by the path a module names (known only at run time). */
const loadCode = createRequire(__filename);
const loaded = new Map<string, LoadedProviderClass>();

/** Loads the provider class at a deep import path (once per process). */
export function providerClass(path: string): LoadedProviderClass {
  const cached = loaded.get(path);
  if (cached) return cached;
  const m = DEEP_PATH.exec(path);
  if (!m) throw new ProviderClassError(`"${path}" is not a provider class path; write ${PROVIDER_PACKAGE_OF_CLASSES}/lib/<resource-file>, e.g. ${PROVIDER_PACKAGE_OF_CLASSES}/lib/pubsub-topic`);
  let exports: Record<string, unknown>;
  try {
    exports = loadCode(path) as Record<string, unknown>;
  } catch (e) {
    const missing = (e as { code?: string }).code === 'MODULE_NOT_FOUND';
    throw new ProviderClassError(missing ? `"${path}" does not exist (is ${m[1]} installed, and is the file name right?)` : `"${path}" cannot be loaded: ${(e as Error).message}`);
  }
  const cls = Object.values(exports).find((v): v is ProviderClass => typeof v === 'function' && typeof (v as { tfResourceType?: unknown }).tfResourceType === 'string');
  if (!cls) throw new ProviderClassError(`"${path}" exports no resource or data source class`);
  const result = { cls, type: cls.tfResourceType, dataSource: cls.prototype instanceof TerraformDataSource };
  loaded.set(path, result);
  return result;
}
