/**
 * The procedure's resources in one environment: a `google_bigquery_routine` (PROCEDURE, SQL) whose body is
 * the resolved body, escaped for Terraform, with typed arguments. The workflows account, which CALLs
 * procedures, gets dataViewer on the datasets the body reads and dataEditor on the ones it writes.
 */
import type { SynthContext } from '../../core/synth-context';
import type { ProcedureConfig } from './schema';
import { sqlRunnerGrants } from './least-privilege';
import { parseSqlType, standardSqlTypeJson } from './sql-type';

/** The `data_type` JSON of an argument type (check() has reported a type that does not parse). */
function dataTypeJson(value: string): string | undefined {
  const parsed = parseSqlType(value);
  return parsed.ok ? standardSqlTypeJson(parsed.type) : undefined;
}

/** Creates the procedure's routine; `datasetId` is its dataset's id in the environment (index.ts computes it). */
export function synthProcedure(ctx: SynthContext<ProcedureConfig>, datasetId: string): void {
  const config = ctx.resolved;
  ctx.resources.bigqueryRoutine(ctx.id(), {
    datasetId,
    routineId: config.routine_id,
    routineType: 'PROCEDURE',
    language: 'SQL',
    definitionBody: ctx.escape(config.definition_body),
    description: config.description === undefined ? undefined : ctx.escape(config.description),
    arguments: config.arguments.length === 0 ? undefined : config.arguments.map((arg) => ({ name: arg.name, mode: arg.mode, dataType: dataTypeJson(arg.data_type) })),
  });
  // Workflows CALL procedures as the workflows account: it may read what the body reads and write what it writes.
  sqlRunnerGrants(config.definition_body, ctx, 'workflows');
}
