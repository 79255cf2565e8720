/**
 * The registry of module types. A module type comes built in (`src/modules/<kind>`, one line in
 * `src/modules/index.ts`) or from a plugin a project lists in `gdp.config.yaml`; nothing in the core
 * switches on kinds. The registry refuses a kind, folder, namespace or diagnostic code that two owners
 * claim, naming both.
 */
import { CodeCatalog, CodeConflictError } from './code-catalog';
import type { CodeTable } from './code-table';
import type { AnyModuleType } from './module-type';

/** Thrown for mistakes in module registration (a module type's or a plugin's, never a configuration file's). */
export class RegistryError extends Error {}

/**
 * Thrown when a module type's code breaks the contract while it runs (reports a code it does not own,
 * creates a provider class it did not list): a bug in that module type, reported as such.
 */
export class ModuleTypeError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModuleTypeError';
  }
}

/** Where a module type comes from. */
export type ModuleOrigin =
  | { readonly source: 'builtin' }
  /** `name`: the npm package or path the project's config lists; `entry`: the file loaded, when known. */
  | { readonly source: 'plugin'; readonly name: string; readonly entry?: string };

/** A registered module type and where it came from. */
export interface RegisteredModule {
  readonly module: AnyModuleType;
  readonly origin: ModuleOrigin;
  /** The prefix of its diagnostic codes (`GDP` for built-ins, the upper-cased kind for a plugin). */
  readonly codePrefix: string;
}

/** Codes besides the core's and the modules' (gdp's SQL analyzer and plan). */
export interface RegistryOptions {
  readonly codes?: readonly { readonly owner: string; readonly codes: CodeTable }[];
}

const KIND = /^[a-z][a-z0-9_-]*$/;
const BUILTIN_CODE = /^GDP\d{3}$/;

/** The code prefix a plugin's module type must use: its kind, upper-cased, without `-` and `_`. */
export function pluginCodePrefix(kind: string): string {
  return kind.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Holds the module types of one run, keyed by kind, folder and namespace, and every diagnostic code. */
export class ModuleRegistry {
  private readonly byKind = new Map<string, RegisteredModule>();
  private readonly byFolder = new Map<string, AnyModuleType>();
  private readonly byNs = new Map<string, AnyModuleType>();
  /** Every code of the run with its owner: core, the options' owners, then each module type. */
  readonly codes: CodeCatalog;

  constructor(modules: readonly AnyModuleType[] = [], options: RegistryOptions = {}) {
    this.codes = new CodeCatalog(options.codes);
    for (const m of modules) this.register(m);
  }

  /** Adds a module type; a kind, folder, namespace or code may be claimed once. */
  register(module: AnyModuleType, origin: ModuleOrigin = { source: 'builtin' }): void {
    const who = describe(module.kind, origin);
    if (!KIND.test(module.kind)) throw new RegistryError(`${who}: kind must be lowercase letters, digits, "_" and "-", starting with a letter`);
    for (const existing of this.byKind.values()) {
      const other = describe(existing.module.kind, existing.origin);
      if (existing.module.kind === module.kind) throw new RegistryError(`${who} is already registered as ${other}`);
      if (existing.module.folder === module.folder) throw new RegistryError(`folder "${module.folder}" of ${who} is already handled by ${other}`);
      if (existing.module.namespace === module.namespace) throw new RegistryError(`namespace "${module.namespace}" of ${who} is already used by ${other}`);
    }
    const codePrefix = origin.source === 'builtin' ? 'GDP' : pluginCodePrefix(module.kind);
    const pattern = origin.source === 'builtin' ? BUILTIN_CODE : new RegExp(`^${codePrefix}\\d{3}$`);
    for (const code of Object.keys(module.codes)) {
      if (!pattern.test(code)) {
        throw new RegistryError(`${who} declares code "${code}"; its codes must be ${origin.source === 'builtin' ? 'GDP' : codePrefix} followed by three digits (e.g. ${codePrefix}001)`);
      }
    }
    try {
      this.codes.add(module.kind, module.codes);
    } catch (e) {
      if (e instanceof CodeConflictError) throw new RegistryError(`${e.message}${origin.source === 'plugin' ? ` (plugin "${origin.name}")` : ''}`);
      throw e;
    }
    this.byKind.set(module.kind, { module, origin, codePrefix });
    this.byFolder.set(module.folder, module);
    this.byNs.set(module.namespace, module);
  }

  /** Takes a module type back (a plugin whose other module type could not be registered). */
  remove(kind: string): void {
    const registered = this.byKind.get(kind);
    if (!registered) return;
    this.byKind.delete(kind);
    this.byFolder.delete(registered.module.folder);
    this.byNs.delete(registered.module.namespace);
    this.codes.removeOwner(kind);
  }

  /** The module type of a kind. */
  get(kind: string): AnyModuleType | undefined {
    return this.byKind.get(kind)?.module;
  }

  /** The module type whose namespace this is (`tables` → table). */
  byNamespace(namespace: string): AnyModuleType | undefined {
    return this.byNs.get(namespace);
  }

  /** The module type that owns a file at this path relative to `configuration/` (POSIX separators). */
  forFile(relativePath: string): AnyModuleType | undefined {
    const dir = relativePath.split('/').slice(0, -1).join('/');
    return this.byFolder.get(dir);
  }

  /** Every module type, sorted by kind (deterministic order). */
  all(): AnyModuleType[] {
    return this.registered().map((r) => r.module);
  }

  /** Every registration with its origin, sorted by kind. */
  registered(): RegisteredModule[] {
    return [...this.byKind.values()].sort((a, b) => a.module.kind.localeCompare(b.module.kind));
  }

  /** Registered kinds, sorted. */
  kinds(): string[] {
    return this.all().map((m) => m.kind);
  }
}

function describe(kind: string, origin: ModuleOrigin): string {
  return origin.source === 'builtin' ? `module type "${kind}"` : `module type "${kind}" of plugin "${origin.name}"`;
}
