/**
 * What a load reads and writes, as the checks and the synthesis see it: its source kind, the target
 * table and its columns, and the source's columns when gdp knows them (a query's columns are unknown).
 */
import type { Entity, ProjectView } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { canonicalColumns, type CanonicalColumn, type TableConfig } from '../table';
import type { LoadConfig } from './schema';

/** The kind of source a load reads. */
export type SourceKind = 'table' | 'query' | 'files';

/** The source kind, or undefined when the source does not give exactly one of table, query and files (GDP591). */
export function sourceKind(source: LoadConfig['source']): SourceKind | undefined {
  const given = (['table', 'query', 'files'] as const).filter((k) => source[k] !== undefined);
  return given.length === 1 ? given[0] : undefined;
}

/** Target columns the load fills in itself (audit and SCD2 columns), lower-cased. */
export function managedColumns(config: LoadConfig): Set<string> {
  const names = [config.audit?.load_time, config.audit?.load_id];
  if (config.pattern === 'scd2') {
    const scd2 = scd2Settings(config);
    names.push(scd2.valid_from, scd2.valid_to, scd2.is_current);
  }
  return new Set(names.filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()));
}

/** The SCD2 settings with their defaults (the scd2 block may be left out). */
export function scd2Settings(config: LoadConfig): NonNullable<LoadConfig['scd2']> {
  return config.scd2 ?? { valid_from: 'valid_from', valid_to: 'valid_to', is_current: 'is_current', hard_deletes: 'ignore' };
}

/** The tables and columns of a load whose target is declared. */
export interface LoadTables {
  readonly target: Entity<TableConfig>;
  readonly targetColumns: readonly CanonicalColumn[];
  /** The declared source table (table sources). */
  readonly sourceTable?: Entity<TableConfig>;
  /** Columns of the rows the source delivers; undefined for a query without columns, or an undeclared source table. */
  readonly sourceColumns?: readonly CanonicalColumn[];
  /** How messages name the source (`table transactions_landing_v1`). */
  readonly sourceLabel: string;
  /** Where the source's columns are declared, for positions of type problems. */
  readonly sourcePath: ValuePath;
}

/** The load's tables, or undefined when its target is not declared (reported as GDP308). */
export function loadTables(config: LoadConfig, project: Pick<ProjectView, 'lookup'>): LoadTables | undefined {
  const target = project.lookup<TableConfig>('tables', config.target);
  if (!target) return undefined;
  const targetColumns = canonicalColumns(target.config);
  const kind = sourceKind(config.source);
  if (kind === 'table') {
    const sourceTable = project.lookup<TableConfig>('tables', config.source.table!);
    return {
      target,
      targetColumns,
      sourceTable,
      sourceColumns: sourceTable ? canonicalColumns(sourceTable.config) : undefined,
      sourceLabel: `source table ${config.source.table}`,
      sourcePath: ['source', 'table'],
    };
  }
  if (kind === 'files') {
    const written = config.source.columns;
    const managed = managedColumns(config);
    return {
      target,
      targetColumns,
      sourceColumns: written ? canonicalColumns({ schema: written }) : targetColumns.filter((c) => !managed.has(c.name.toLowerCase())),
      sourceLabel: written ? 'the files’ columns (source.columns)' : `the files’ columns (those of ${config.target})`,
      sourcePath: written ? ['source', 'columns'] : ['source', 'files'],
    };
  }
  const written = config.source.columns;
  return {
    target,
    targetColumns,
    sourceColumns: written ? canonicalColumns({ schema: written }) : undefined,
    sourceLabel: written ? 'the query’s columns (source.columns)' : 'the source query',
    sourcePath: written ? ['source', 'columns'] : ['source', 'query'],
  };
}
