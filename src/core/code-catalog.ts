/**
 * Every diagnostic code of one run with its owner: the core, gdp's SQL analyzer and plan, and each
 * registered module type. A code belongs to exactly one owner; the catalog refuses a second one.
 */
import type { CodeInfo, CodeTable } from './code-table';
import { CORE_CODES } from './codes';

/** Finds a code's catalog entry. */
export interface CodeLookup {
  info(code: string): CodeInfo | undefined;
}

/** A code with its catalog entry and owner (`core`, a part of gdp such as `sql` or `plan`, or a module kind). */
export interface OwnedCode extends CodeInfo {
  readonly code: string;
  readonly owner: string;
  /** Whether the owner is part of gdp itself rather than a module type. */
  readonly gdp: boolean;
}

/** Thrown when two owners declare the same code (a registration mistake, reported to whoever registers). */
export class CodeConflictError extends Error {}

/** The codes of one run, each with its owner. Starts with the core's codes. */
export class CodeCatalog implements CodeLookup {
  private readonly byCode = new Map<string, OwnedCode>();

  /** `parts`: the codes of gdp's parts besides the core (its SQL analyzer, plan, …). */
  constructor(parts: readonly { readonly owner: string; readonly codes: CodeTable }[] = []) {
    this.add('core', CORE_CODES, true);
    for (const o of parts) this.add(o.owner, o.codes, true);
  }

  /**
   * Adds an owner's codes (`gdp`: the owner is a part of gdp, else a module type); throws
   * {@link CodeConflictError} naming both owners when a code is taken.
   */
  add(owner: string, codes: CodeTable, gdp = false): void {
    for (const code of Object.keys(codes)) {
      const taken = this.byCode.get(code);
      if (taken) throw new CodeConflictError(`code ${code} of ${describeOwner(owner, gdp)} is already declared by ${describeOwner(taken.owner, taken.gdp)}`);
    }
    for (const [code, info] of Object.entries(codes)) this.byCode.set(code, { ...info, code, owner, gdp });
  }

  /** Removes every code of an owner (a plugin's module type taken back). */
  removeOwner(owner: string): void {
    for (const [code, info] of this.byCode) if (info.owner === owner && !info.gdp) this.byCode.delete(code);
  }

  /** A code's entry, or undefined when no owner declares it. */
  info(code: string): OwnedCode | undefined {
    return this.byCode.get(code);
  }

  /** Every code, sorted. */
  all(): OwnedCode[] {
    return [...this.byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The codes an owner declares, sorted. */
  ownedBy(owner: string): OwnedCode[] {
    return this.all().filter((c) => c.owner === owner);
  }
}

function describeOwner(owner: string, gdp: boolean): string {
  return gdp ? `gdp's ${owner}` : `module type "${owner}"`;
}

/** A lookup over fixed tables (the core's plus the ones given), for bags that never see module codes. */
export function codeLookup(...tables: readonly CodeTable[]): CodeLookup {
  const all: CodeTable = Object.assign({}, CORE_CODES, ...tables) as CodeTable;
  return { info: (code) => all[code] };
}
