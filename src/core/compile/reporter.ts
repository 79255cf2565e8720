/** Reporters: diagnostics positioned inside one file, the way module hooks report them. */
import type { DiagnosticBag } from '../diagnostics';
import type { CodeCatalog } from '../code-catalog';
import type { CodeTable } from '../code-table';
import type { Reporter } from '../module-type';
import { ModuleTypeError } from '../registry';
import type { SourceFile } from '../source';

/** Builds a reporter that positions diagnostics inside one file (for one environment when `env` is given). */
export function reporterFor(bag: DiagnosticBag, file: SourceFile, env?: string): Reporter {
  return (code, path, message, options = {}) => {
    const pos = options.offset !== undefined ? file.locateInValue(path, options.offset) : file.locate(path, { key: options.key });
    const end = options.offset === undefined ? (pos as { endLine?: number; endColumn?: number }) : {};
    bag.add({
      code,
      severity: options.severity,
      file: file.path,
      line: pos.line,
      column: pos.column,
      endLine: end.endLine,
      endColumn: end.endColumn,
      message,
      hint: options.hint,
      path: path.join('.'),
      environments: env ? [env] : undefined,
    });
  };
}

/** What a module's hooks report through: its reporter, and reporters for the codes it borrows. */
export interface ModuleReporters {
  readonly report: Reporter;
  reporterOf(codes: CodeTable): Reporter;
}

/**
 * Reporters for one module type's hooks. Types keep a module to its own codes and the core's; this checks
 * the same at run time (a plugin written in JavaScript has no types), so a module can never report another
 * owner's code under its name, and a code's severity is always its owner's.
 */
export function moduleReporters(bag: DiagnosticBag, file: SourceFile, kind: string, codes: CodeCatalog, env?: string): ModuleReporters {
  const report = reporterFor(bag, file, env);
  const limitedTo = (owners: ReadonlySet<string>): Reporter => (code, path, message, options) => {
    const owner = codes.info(code)?.owner;
    if (owner === undefined || !owners.has(owner)) {
      throw new ModuleTypeError(kind, `module type "${kind}" reports ${code}, ${owner === undefined ? 'which nobody declares' : `which ${owner} owns`}; report its own codes, or another owner's through ctx.reporterOf(thatOwnersCodes)`);
    }
    report(code, path, message, options);
  };
  return {
    report: limitedTo(new Set([kind, 'core'])),
    reporterOf: (borrowed) => {
      const first = Object.keys(borrowed)[0];
      const owner = first === undefined ? undefined : codes.info(first)?.owner;
      return limitedTo(new Set([kind, 'core', ...(owner === undefined ? [] : [owner])]));
    },
  };
}
