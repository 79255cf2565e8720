/**
 * Diagnostics: every problem gdp finds in a user's configuration is collected as a {@link Diagnostic}
 * (never thrown), so one run reports every mistake in every file.
 */
import { codeLookup, type CodeLookup } from './code-catalog';
import type { DiagnosticCode } from './codes';

/** How serious a diagnostic is. Errors fail the run (exit 1); warnings and infos do not. */
export type Severity = 'error' | 'warning' | 'info';

/** A 1-based line/column position in a source file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One problem found in the configuration, with where it is and how to fix it. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable code, e.g. `GDP201`; listed in the README's error-code table. */
  readonly code: DiagnosticCode;
  /** Path of the file as given to gdp (relative to the working directory when possible). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Position where the offending text ends (same line when unknown). */
  readonly endLine?: number;
  readonly endColumn?: number;
  /** What is wrong, naming the value given. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  /** Environments this diagnostic applies to, when it depends on the environment. */
  readonly environments?: readonly string[];
  /** Dotted path of the offending value inside the file (`schema.2.type`). */
  readonly path?: string;
}

/** Fields a caller gives to report a diagnostic; severity defaults to the code's severity. */
export type DiagnosticInput = Omit<Diagnostic, 'severity' | 'line' | 'column'> & {
  readonly severity?: Severity;
  readonly line?: number;
  readonly column?: number;
};

const CORE_LOOKUP = codeLookup();

/** Collects diagnostics from every stage of a run. */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];

  /** `codes` gives each code's default severity and hint (default: the core's codes). */
  constructor(private readonly codes: CodeLookup = CORE_LOOKUP) {}

  /** Adds one diagnostic. A code nobody declares is a bug in gdp or a module type. */
  add(input: DiagnosticInput): void {
    const info = this.codes.info(input.code);
    if (!info) throw new Error(`diagnostic code ${input.code} is not declared by gdp or any registered module type`);
    this.items.push({
      ...input,
      severity: input.severity ?? info.severity,
      line: input.line ?? 1,
      column: input.column ?? 1,
      hint: input.hint ?? info.hint,
    });
  }

  /** Adds every diagnostic of another bag or list. */
  addAll(other: Iterable<Diagnostic>): void {
    for (const d of other) this.items.push(d);
  }

  /** True when at least one error was reported. */
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  /** Diagnostics sorted by file, line, column, code, then message; identical entries merged. */
  sorted(): Diagnostic[] {
    return mergeByEnvironment(this.items).sort(compareDiagnostics);
  }

  /** Number of diagnostics reported so far. */
  get size(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<Diagnostic> {
    return this.items[Symbol.iterator]();
  }
}

/** Orders diagnostics for stable output. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}

/**
 * The same problem found in several environments is reported once, listing the environments,
 * instead of four times.
 */
function mergeByEnvironment(items: readonly Diagnostic[]): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  for (const d of items) {
    const key = [d.file, d.line, d.column, d.code, d.message, d.hint ?? ''].join('\u0000');
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, d);
      continue;
    }
    if (seen.environments === undefined || d.environments === undefined) {
      byKey.set(key, { ...seen, environments: undefined });
    } else {
      const envs = [...new Set([...seen.environments, ...d.environments])];
      byKey.set(key, { ...seen, environments: envs });
    }
  }
  return [...byKey.values()];
}

/** Counts errors and warnings. */
export function countBySeverity(items: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of items) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
