/**
 * BigQuery's system variables (`@@row_count`, `@@error.message`, …), declared to the analyzer so
 * scripts that read or set them are checked like BigQuery does.
 */
import { simpleType, type SqlType } from './types';

const STRING = simpleType('TYPE_STRING');
const INT64 = simpleType('TYPE_INT64');

const STACK_FRAME: SqlType = {
  typeKind: 'TYPE_STRUCT',
  structType: {
    field: [
      { fieldName: 'line', fieldType: INT64 },
      { fieldName: 'column', fieldType: INT64 },
      { fieldName: 'filename', fieldType: STRING },
      { fieldName: 'location', fieldType: STRING },
    ],
  },
};

/** Every system variable, by name path (`['error', 'message']` is `@@error.message`). */
export const SYSTEM_VARIABLES: readonly { readonly namePath: readonly string[]; readonly type: SqlType }[] = [
  { namePath: ['current_job_id'], type: STRING },
  { namePath: ['dataset_id'], type: STRING },
  { namePath: ['dataset_project_id'], type: STRING },
  { namePath: ['error', 'formatted_stack_trace'], type: STRING },
  { namePath: ['error', 'message'], type: STRING },
  { namePath: ['error', 'stack_trace'], type: { typeKind: 'TYPE_ARRAY', arrayType: { elementType: STACK_FRAME } } },
  { namePath: ['error', 'statement_text'], type: STRING },
  { namePath: ['last_job_id'], type: STRING },
  { namePath: ['location'], type: STRING },
  { namePath: ['project_id'], type: STRING },
  { namePath: ['query_label'], type: STRING },
  { namePath: ['reservation'], type: STRING },
  { namePath: ['row_count'], type: INT64 },
  { namePath: ['script', 'bytes_billed'], type: INT64 },
  { namePath: ['script', 'bytes_processed'], type: INT64 },
  { namePath: ['script', 'creation_time'], type: simpleType('TYPE_TIMESTAMP') },
  { namePath: ['script', 'job_id'], type: STRING },
  { namePath: ['script', 'num_child_jobs'], type: INT64 },
  { namePath: ['script', 'slot_ms'], type: INT64 },
  { namePath: ['session_id'], type: STRING },
  { namePath: ['time_zone'], type: STRING },
];

/** The type of a system variable written as `@@a.b`, or undefined when BigQuery has none of that name. */
export function systemVariable(name: string): SqlType | undefined {
  const path = name.replace(/^@@/, '').toLowerCase();
  return SYSTEM_VARIABLES.find((v) => v.namePath.join('.') === path)?.type;
}
