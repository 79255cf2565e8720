/**
 * What a module can hand over with a SQL body beyond `SqlBody` (src/core/module-type.ts), for SQL gdp
 * generates: the tables the entity creates itself, and where a finding goes when the SQL was not written
 * in one YAML value (a load's procedure holds pieces of several fields, and generated text in between).
 */
import type { DiagnosticCode } from '../../core/codes';
import type { SqlBody } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import type { CanonicalColumn } from '../../modules/table';

/** A table an entity creates (not declared in `configuration/tables/`), named as in the environment. */
export interface SqlBodyTable {
  readonly project: string;
  readonly dataset: string;
  readonly name: string;
  readonly columns: readonly CanonicalColumn[];
}

/** Where a finding is reported: a value of the entity's file, and an offset in it as written. */
export interface SqlLocation {
  readonly path: ValuePath;
  /** Offset in the unresolved value at {@link path}; undefined: the value as a whole. */
  readonly offset?: number;
  /** Put before the finding's message, e.g. to say which generated statement it is in. */
  readonly context?: string;
  /** Hint when the finding has no specific one (instead of the code's default). */
  readonly hint?: string;
}

/** Optional additions to a {@link SqlBody}; every field may be left out. */
export interface SqlBodyExtras {
  /** Tables the body's entity creates, known to every body of the environment. */
  readonly tables?: readonly SqlBodyTable[];
  /**
   * Where a finding with a code, at an offset of the SQL (undefined: the SQL as a whole), is reported.
   * Without it, findings go to `path` through `mapOffset`.
   */
  locate?(sqlOffset: number | undefined, code: DiagnosticCode): SqlLocation;
}

/** A SQL body with the optional additions. */
export type ExtendedSqlBody = SqlBody & SqlBodyExtras;

/** The additions of a body (a module that has none hands over a plain `SqlBody`). */
export function extrasOf(body: SqlBody): SqlBodyExtras {
  return body as ExtendedSqlBody;
}
