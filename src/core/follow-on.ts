/**
 * Follow-on errors: a file that fails to load is reported once; references to the entity it would have
 * declared ("no dataset is named sales") are consequences of that error, not mistakes of their own.
 */
import type { Diagnostic } from './diagnostics';
import type { AnyModuleType } from './module-type';

/** Logical names of files that failed to load, by module type. */
export class BrokenFiles {
  private readonly phrases = new Set<string>();

  /** Records a file of `module` that did not load; `names` are the logical names it may have declared. */
  add(module: AnyModuleType, names: readonly (string | undefined)[]): void {
    for (const name of names) if (name) this.phrases.add(`no ${module.noun} is named "${name}"`);
  }

  /** The diagnostics without unknown-reference errors (GDP301, GDP308) that name a file that did not load. */
  withoutFollowOn(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    if (this.phrases.size === 0) return [...diagnostics];
    return diagnostics.filter((d) => !((d.code === 'GDP301' || d.code === 'GDP308') && [...this.phrases].some((p) => d.message.includes(`${p}.`))));
  }
}
