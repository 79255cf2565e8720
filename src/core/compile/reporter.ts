/** Reporters: diagnostics positioned inside one file, the way module hooks report them. */
import type { DiagnosticBag } from '../diagnostics';
import type { Reporter } from '../module-type';
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
