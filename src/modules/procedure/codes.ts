import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the procedure module. */
export const PROCEDURE_CODES = {
  GDP530: { severity: 'error', title: 'Invalid routine id', hint: 'Use letters, digits and "_" only, at most 256 characters (e.g. load_transactions).' },
  GDP531: { severity: 'error', title: 'Empty procedure body', hint: 'Write the procedure’s SQL in definition_body, as a BEGIN … END block.' },
  GDP532: { severity: 'error', title: 'Procedure language not supported', hint: 'Write the procedure in GoogleSQL and set language: SQL (or remove language).' },
  GDP533: { severity: 'error', title: 'Invalid argument name', hint: 'Start argument names with a letter or "_", then letters, digits or "_"; avoid reserved keywords.' },
  GDP534: { severity: 'error', title: 'Duplicate argument name', hint: 'Give each argument its own name (names are compared case-insensitively).' },
  GDP535: { severity: 'error', title: 'Invalid data type', hint: 'Write a GoogleSQL type such as INT64, STRING, NUMERIC, DATE, ARRAY<STRING> or STRUCT<a INT64, b DATE>.' },
  GDP536: { severity: 'info', title: 'Type parameters not kept', hint: 'Routine arguments keep the type only; check lengths and precision in the body if they matter.' },
  GDP537: { severity: 'warning', title: 'Procedure body is not a BEGIN … END block', hint: 'Wrap the statements in BEGIN … END; BigQuery stores a procedure body as one block.' },
  GDP538: { severity: 'warning', title: 'BEGIN block not closed', hint: 'Add END; after the last statement (IF, LOOP, WHILE, FOR, REPEAT and CASE each need their own END …).' },
  GDP539: { severity: 'warning', title: 'Statements after the body’s END', hint: 'Move these statements inside the BEGIN … END block.' },
} as const satisfies CodeTable;

/** A code of this module. */
export type ProcedureCode = keyof typeof PROCEDURE_CODES;
