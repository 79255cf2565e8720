import { z } from 'zod';
import { NAME_RULES } from '../../core/naming';
import { nameViolation } from '../../core/naming';

/** Languages BigQuery routines can be written in; gdp creates SQL procedures only (checked in `check`). */
export const ROUTINE_LANGUAGES = ['SQL', 'JAVASCRIPT', 'PYTHON', 'JAVA', 'SCALA'] as const;

/** One argument of a procedure. */
export const ProcedureArgumentSchema = z
  .strictObject({
    name: z.string().meta({ description: 'Argument name, used as a variable in the body.', examples: ['run_date'] }),
    data_type: z
      .string()
      .meta({
        description: 'GoogleSQL type: INT64, STRING, NUMERIC, DATE, ARRAY<STRING>, STRUCT<a INT64, b ARRAY<DATE>>, RANGE<DATE>, …',
        examples: ['DATE', 'ARRAY<STRING>'],
      }),
    mode: z
      .enum(['IN', 'OUT', 'INOUT'])
      .default('IN')
      .meta({ description: 'IN (default) passes a value; OUT and INOUT need a variable in the CALL.' }),
  })
  .meta({ description: 'A procedure argument.' });

/** The shape of `configuration/sql-scripts/sprocs/<routine>.yaml`. */
export const ProcedureSchema = z
  .strictObject({
    routine_id: z
      .string()
      .superRefine((id, ctx) => {
        const problem = nameViolation(NAME_RULES.routine, id);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'GDP530' } });
      })
      .meta({ description: 'Procedure name in its dataset; also its logical name (letters, digits, "_", ≤ 256).', examples: ['load_transactions'] }),
    dataset_id: z
      .string()
      .meta({ description: 'Logical name of the dataset the procedure lives in (a file in configuration/datasets/).', examples: ['sales'] }),
    description: z.string().optional().meta({ description: 'What the procedure does.' }),
    definition_body: z
      .string()
      .superRefine((body, ctx) => {
        if (body.trim().length === 0) {
          ctx.addIssue({ code: 'custom', message: 'the procedure body is empty; it must hold GoogleSQL statements', params: { code: 'GDP531' } });
        }
      })
      .meta({
        description:
          'The procedure body: GoogleSQL statements in a BEGIN … END block. ${...} references are resolved per environment.',
      }),
    arguments: z
      .array(ProcedureArgumentSchema)
      .default([])
      .meta({ description: 'Arguments, in call order.' }),
    language: z
      .enum(ROUTINE_LANGUAGES)
      .default('SQL')
      .meta({ description: 'Language of the body; only SQL procedures are supported.' }),
  })
  .meta({ title: 'gdp stored procedure', description: 'A BigQuery stored procedure written in GoogleSQL.' });

/** A validated procedure file. */
export type ProcedureConfig = z.output<typeof ProcedureSchema>;
/** A validated procedure argument. */
export type ProcedureArgument = z.output<typeof ProcedureArgumentSchema>;
