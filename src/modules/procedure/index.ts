/**
 * Module type `procedure`: `configuration/sql-scripts/sprocs/<routine>.yaml` → a BigQuery stored
 * procedure (`google_bigquery_routine`, routine_type PROCEDURE) in a declared dataset.
 */
import { NAME_RULES } from '../../core/naming';
import type { Environment } from '../../core/environment';
import type { CheckContext, Entity, ProjectView } from '../../core/module-type';
import { PROCEDURE_CODES, type ProcedureCode } from './codes';
import { defineModule } from '../../core/module-type';
import { datasetIdFor } from '../dataset';
import { checkBodyBlock } from './body';
import { ProcedureSchema, type ProcedureConfig } from './schema';
import { RESERVED_KEYWORDS } from './sql-keywords';
import { procedureSqlBodies } from './sql-bodies';
import { formatSqlType, parseSqlType } from './sql-type';
import { synthProcedure } from './synth';

export { parseSqlType, standardSqlTypeJson, formatSqlType, type StandardSqlDataType } from './sql-type';

type DatasetConfig = Parameters<typeof datasetIdFor>[1];

/** The generated dataset id of a procedure's dataset in an environment (undefined when it is not declared). */
export function procedureDatasetId(config: ProcedureConfig, env: Environment, project: ProjectView): string | undefined {
  const dataset = project.lookup<DatasetConfig>('datasets', config.dataset_id);
  return dataset ? datasetIdFor(dataset.name, dataset.config, env) : undefined;
}

function checkArguments(config: ProcedureConfig, ctx: CheckContext<ProcedureCode>): void {
  const seen = new Map<string, number>();
  config.arguments.forEach((arg, i) => {
    const at = ['arguments', i, 'name'];
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg.name)) {
      ctx.report('GDP533', at, `argument name "${arg.name}" must start with a letter or "_" and hold only letters, digits and "_"`);
    } else if (RESERVED_KEYWORDS.has(arg.name.toUpperCase())) {
      ctx.report('GDP533', at, `argument name "${arg.name}" is a reserved GoogleSQL keyword`, { hint: `Rename it, e.g. "${arg.name.toLowerCase()}_value".` });
    }
    const key = arg.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.report('GDP534', at, `argument "${arg.name}" is declared twice (first as arguments[${first}], "${config.arguments[first].name}")`);
    } else seen.set(key, i);
    checkDataType(arg.data_type, ['arguments', i, 'data_type'], ctx);
  });
}

function checkDataType(value: string, at: (string | number)[], ctx: CheckContext<ProcedureCode>): void {
  const parsed = parseSqlType(value);
  if (!parsed.ok) {
    ctx.report('GDP535', at, `data_type "${value}": ${parsed.message}`, { hint: parsed.hint, offset: parsed.offset });
    return;
  }
  for (const p of parsed.parameterized) {
    ctx.report('GDP536', at, `data_type "${value}": routine arguments keep the type ${formatSqlType(parsed.type)}, not the parameters of ${p.text}`, {
      offset: p.offset,
    });
  }
}

function checkBody(config: ProcedureConfig, ctx: CheckContext<ProcedureCode>): void {
  const problem = checkBodyBlock(config.definition_body);
  const at = ['definition_body'];
  if (!problem) return;
  switch (problem.kind) {
    case 'not-a-block':
      ctx.report('GDP537', at, `the procedure body starts with "${problem.first}", not BEGIN; BigQuery stores a procedure body as one BEGIN … END block`, {
        offset: problem.offset,
      });
      return;
    case 'unclosed':
      ctx.report('GDP538', at, 'the BEGIN that opens the procedure body has no matching END', { offset: problem.offset });
      return;
    case 'trailing':
      ctx.report('GDP539', at, `"${problem.first}" comes after the END that closes the body’s BEGIN block; a procedure body is one block`, { offset: problem.offset });
  }
}

/** Checks a procedure's fields beyond its schema. */
function checkProcedure(entity: Entity<ProcedureConfig>, ctx: CheckContext<ProcedureCode>): void {
  const { config } = entity;
  if (config.language !== 'SQL') {
    ctx.report('GDP532', ['language'], `language ${config.language} is not supported for stored procedures; gdp creates GoogleSQL procedures only (language: SQL)`, {
      hint: config.language === 'JAVASCRIPT' ? 'BigQuery runs JavaScript only in functions (UDFs), not procedures.' : 'Spark procedures (PYTHON, JAVA, SCALA) are not supported by gdp.',
    });
  }
  checkArguments(config, ctx);
  checkBody(config, ctx);
}

/** The procedure module type. */
export const procedureModule = defineModule({
  kind: 'procedure',
  title: 'BigQuery stored procedure',
  folder: 'sql-scripts/sprocs',
  namespace: 'procedures',
  noun: 'stored procedure',
  schema: ProcedureSchema,
  codes: PROCEDURE_CODES,
  synth(_entity, ctx) {
    const config = ctx.resolved;
    synthProcedure(ctx, procedureDatasetId(config, ctx.env, ctx.project) ?? config.dataset_id);
  },
  owningDataset: (entity) => entity.config.dataset_id,
  compile: {
    logicalName: (config) => config.routine_id,
    namePath: ['routine_id'],
    fieldReferences: (config) => [{ namespace: 'datasets', name: config.dataset_id, path: ['dataset_id'] }],
    check: checkProcedure,
  },
  environment: {
    attributes(entity, { env, ...project }) {
      // An undeclared dataset is reported as GDP308; fall back to its logical name to avoid follow-up errors.
      const datasetId = procedureDatasetId(entity.config, env, project) ?? entity.config.dataset_id;
      const routineId = entity.config.routine_id;
      return {
        project: env.project_id,
        dataset_id: datasetId,
        routine_id: routineId,
        reference: `\`${env.project_id}.${datasetId}.${routineId}\``,
        id: `projects/${env.project_id}/datasets/${datasetId}/routines/${routineId}`,
      };
    },
    generatedNames(entity, { env, ...project }) {
      const datasetId = procedureDatasetId(entity.config, env, project);
      if (datasetId === undefined) return [];
      const routineId = entity.config.routine_id;
      return [{ rule: NAME_RULES.routine, value: routineId, path: ['routine_id'], uniqueKey: `${datasetId}.${routineId}` }];
    },
    sqlBodies(entity, { env, resolved, ...project }) {
      const config = resolved;
      return procedureSqlBodies(entity, config, env, procedureDatasetId(config, env, project) ?? config.dataset_id);
    },
  },
  example: `# configuration/sql-scripts/sprocs/load_orders.yaml
routine_id: load_orders
dataset_id: sales                 # a file in configuration/datasets/
description: "Merge yesterday's orders"
arguments:
  - name: run_date
    data_type: DATE
  - name: loaded
    data_type: INT64
    mode: OUT
definition_body: |-
  BEGIN
    MERGE \${tables["orders_v2"].reference} AS t
    USING (SELECT * FROM \${external_table_reference} WHERE order_date = run_date) AS s
    ON t.order_id = s.order_id AND t.line_no = s.line_no AND t.order_date = run_date
    WHEN NOT MATCHED THEN INSERT ROW;
    SET loaded = @@row_count;
  END;
`,
});
