/** The procedure body handed to the SQL analyzer, with positions mapped back to what was written. */
import type { Environment } from '../../core/environment';
import type { Entity, SqlBody } from '../../core/module-type';
import { templateOffsetMap } from '../../sql/analyzer/template-offsets';
import type { ProcedureConfig } from './schema';

/** The body of a SQL procedure in an environment; `datasetId` is its dataset's id there. */
export function procedureSqlBodies(entity: Entity<ProcedureConfig>, resolved: ProcedureConfig, env: Environment, datasetId: string): SqlBody[] {
  if (resolved.language !== 'SQL') return [];
  const map = templateOffsetMap(entity.config.definition_body, resolved.definition_body);
  return [
    {
      sql: resolved.definition_body,
      kind: 'procedure-body',
      path: ['definition_body'],
      ...(map ? { mapOffset: map } : {}),
      arguments: resolved.arguments.map((a) => ({ name: a.name, type: a.data_type, mode: a.mode })),
      routine: { project: env.project_id, dataset: datasetId, name: resolved.routine_id },
    },
  ];
}

