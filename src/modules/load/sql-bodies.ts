/**
 * The generated procedure of a load, handed to the SQL analyzer: the body as it is deployed in the
 * environment, the tables the load writes besides declared ones (its log and quarantine tables), and
 * where findings go. A finding in SQL the user wrote (source.query, source.filter, a quality condition)
 * points into that value; any other finding is about generated SQL and points at `pattern`, naming the
 * generated statement.
 */
import type { DiagnosticCode } from '../../core/codes';
import type { Environment } from '../../core/environment';
import { dataKey } from '../../core/cache/data-key';
import type { Entity, ProjectView, SqlBody, SqlMemo } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import type { ExtendedSqlBody, SqlBodyTable, SqlLocation } from '../../sql/analyzer/body-extras';
import { templateOffsetMap } from '../../sql/analyzer/template-offsets';
import { logTableColumns, rejectedTableColumns, renderMappedLoadProcedure, type LoadSpec, type MappedProcedure, type PieceRange, type SqlColumn, type TableRef } from './sql/spec';
import { canonicalColumns } from '../table';
import { buildLoadSpec } from './build-spec';
import type { LoadConfig } from './schema';

/** Hint of a finding in generated SQL. */
const GENERATED_HINT =
  'The SQL at this place is generated from the load’s settings (source and its columns, keys, casts, order_by, window, audit, scd2, quality): check the names and types they give against the tables. If they are right, tell the gdp maintainers; --no-sql-check skips the check.';

/** Where the procedure is created (index.ts computes it). */
interface Address {
  readonly project: string;
  readonly datasetId: string;
  readonly routineId: string;
}

/** A piece of SQL the user wrote: the value it came from, as written and as resolved. */
interface UserValue {
  readonly path: ValuePath;
  readonly written?: string;
  readonly resolved?: string;
}

/** The YAML value a marked piece of user SQL came from. */
function userValue(piece: PieceRange, written: LoadConfig, resolved: LoadConfig): UserValue | undefined {
  switch (piece.kind) {
    case 'query':
      return { path: ['source', 'query'], written: written.source.query, resolved: resolved.source.query };
    case 'filter':
      return { path: ['source', 'filter'], written: written.source.filter, resolved: resolved.source.filter };
    case 'condition':
      return { path: ['quality', piece.rule, 'condition'], written: written.quality?.[piece.rule]?.condition, resolved: resolved.quality?.[piece.rule]?.condition };
    default:
      return undefined;
  }
}

/**
 * The offset in the written value of an offset inside a piece: the generator inserts the resolved value
 * trimmed (and a query without its trailing `;`), so the piece is found in the resolved value first.
 */
function writtenOffset(value: UserValue, pieceText: string, inPiece: number): number | undefined {
  if (value.written === undefined || value.resolved === undefined) return undefined;
  const base = value.resolved.indexOf(pieceText);
  if (base < 0) return undefined;
  return templateOffsetMap(value.written, value.resolved)?.(base + inPiece);
}

function table(ref: TableRef, columns: SqlColumn[]): SqlBodyTable {
  return { project: ref.project, dataset: ref.dataset, name: ref.table, columns: canonicalColumns({ schema: columns }) };
}

/** The tables a load writes that no file declares: its dataset's log table and its target's quarantine table. */
function createdTables(spec: LoadSpec): SqlBodyTable[] {
  const tables = [table(spec.logTable, logTableColumns())];
  if (spec.rejectedTable) tables.push(table(spec.rejectedTable, rejectedTableColumns(spec.target.columns)));
  return tables;
}

/** The smallest piece of a kind that holds an offset (a user piece also holds the offset just after it). */
function innermost(pieces: readonly PieceRange[], offset: number, user: boolean): PieceRange | undefined {
  let found: PieceRange | undefined;
  for (const p of pieces) {
    if ((p.kind !== 'statement') !== user) continue;
    const inside = offset >= p.start && (offset < p.end || (user && offset === p.end));
    if (inside && (!found || p.end - p.start < found.end - found.start)) found = p;
  }
  return found;
}

/** The procedure of a spec and its pieces; null when it cannot be generated. */
function tryRender(spec: LoadSpec): MappedProcedure | null {
  try {
    return renderMappedLoadProcedure(spec);
  } catch {
    return null;
  }
}

/** A stored {@link tryRender} result. */
function isRendered(v: unknown): v is MappedProcedure | null {
  if (v === null) return true;
  if (typeof v !== 'object') return false;
  const { sql, pieces } = v as Partial<MappedProcedure>;
  return typeof sql === 'string' && Array.isArray(pieces) && pieces.every((p: Partial<PieceRange> | null) => typeof p === 'object' && p !== null && typeof p.start === 'number' && typeof p.end === 'number' && typeof p.kind === 'string');
}

/**
 * The load's procedure body in an environment, for the SQL analyzer. None when the load cannot be
 * generated (its file has errors, which are reported, and then its SQL is not checked).
 */
export function loadSqlBodies(entity: Entity<LoadConfig>, resolved: LoadConfig, env: Environment, project: ProjectView, address: Address, memo?: SqlMemo): SqlBody[] {
  let spec: LoadSpec;
  try {
    spec = buildLoadSpec(entity.name, resolved, env, project);
  } catch {
    return [];
  }
  // The procedure is a pure function of the spec: a run with a cache renders only specs it has not seen.
  const key = memo && dataKey(spec);
  const rendered = key !== undefined && memo ? memo('load-procedure', key, () => tryRender(spec), isRendered) : tryRender(spec);
  if (!rendered) return [];
  const { sql, pieces } = rendered;
  const procedure = `generated procedure ${address.routineId}`;
  const inValue = (piece: PieceRange, offset: number): SqlLocation | undefined => {
    const value = userValue(piece, entity.config, resolved);
    return value && { path: value.path, offset: writtenOffset(value, sql.slice(piece.start, piece.end), offset - piece.start) };
  };
  const locate = (offset: number | undefined, code: DiagnosticCode): SqlLocation => {
    if (offset === undefined) return { path: ['pattern'], context: procedure };
    const user = innermost(pieces, offset, true);
    const found = user && inValue(user, offset);
    if (found) return found;
    const statement = innermost(pieces, offset, false);
    // Generated SQL parses: a syntax error after user SQL in the same statement comes from that SQL (an unclosed parenthesis…).
    const before = statement && code === 'GDP621' ? pieces.filter((p) => p.kind !== 'statement' && p.start >= statement.start && p.end <= offset).pop() : undefined;
    const unclosed = before && inValue(before, before.end);
    if (unclosed) return unclosed;
    return { path: ['pattern'], context: statement?.kind === 'statement' ? `${procedure}, statement "${statement.step}"` : procedure, hint: GENERATED_HINT };
  };
  const body: ExtendedSqlBody = {
    sql,
    kind: 'procedure-body',
    path: ['pattern'],
    routine: { project: address.project, dataset: address.datasetId, name: address.routineId },
    tables: createdTables(spec),
    locate,
  };
  return [body];
}
