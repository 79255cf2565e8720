/**
 * The registry of module types. Adding a module type means adding its folder and one line in
 * `src/modules/index.ts`; nothing in the core switches on kinds.
 */
import type { ModuleType } from './module-type';

/** Thrown for programming mistakes in module registration (never for user input). */
export class RegistryError extends Error {}

/** Holds the module types of one run, keyed by kind, folder and namespace. */
export class ModuleRegistry {
  private readonly byKind = new Map<string, ModuleType>();

  constructor(modules: readonly ModuleType[] = []) {
    for (const m of modules) this.register(m);
  }

  /** Adds a module type; a kind, folder or namespace may be registered once. */
  register(module: ModuleType): void {
    for (const existing of this.byKind.values()) {
      if (existing.kind === module.kind) throw new RegistryError(`module type "${module.kind}" is already registered`);
      if (existing.folder === module.folder) {
        throw new RegistryError(`folder "${module.folder}" is already handled by module type "${existing.kind}" (registering "${module.kind}")`);
      }
      if (existing.namespace === module.namespace) {
        throw new RegistryError(`namespace "${module.namespace}" is already used by module type "${existing.kind}" (registering "${module.kind}")`);
      }
    }
    this.byKind.set(module.kind, module);
  }

  /** The module type of a kind. */
  get(kind: string): ModuleType | undefined {
    return this.byKind.get(kind);
  }

  /** The module type whose namespace this is (`tables` → table). */
  byNamespace(namespace: string): ModuleType | undefined {
    return [...this.byKind.values()].find((m) => m.namespace === namespace);
  }

  /** The module type that owns a file at this path relative to `configuration/` (POSIX separators). */
  forFile(relativePath: string): ModuleType | undefined {
    const dir = relativePath.split('/').slice(0, -1).join('/');
    return [...this.byKind.values()].find((m) => m.folder === dir);
  }

  /** Every module type, sorted by kind (deterministic order). */
  all(): ModuleType[] {
    return [...this.byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }

  /** Registered kinds, sorted. */
  kinds(): string[] {
    return this.all().map((m) => m.kind);
  }
}
