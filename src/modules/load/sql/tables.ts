/**
 * Schemas of the tables generated loads write besides their target: the log table and the rejected-rows
 * table. The load module creates them; the generated SQL names every column it writes.
 */
import type { SqlColumn } from './types';

/**
 * Columns of a load log table. One row per run (`status` `success` with the counts, or `error` with the
 * error message) plus one `warning` row per `warn` quality rule that found bad rows.
 */
export function logTableColumns(): SqlColumn[] {
  return [
    { name: 'load_name', type: 'STRING', mode: 'REQUIRED' },
    { name: 'load_id', type: 'STRING', mode: 'REQUIRED' },
    { name: 'status', type: 'STRING', mode: 'REQUIRED' },
    { name: 'rows_inserted', type: 'INTEGER', mode: 'NULLABLE' },
    { name: 'rows_updated', type: 'INTEGER', mode: 'NULLABLE' },
    { name: 'rows_deleted', type: 'INTEGER', mode: 'NULLABLE' },
    { name: 'rows_rejected', type: 'INTEGER', mode: 'NULLABLE' },
    { name: 'message', type: 'STRING', mode: 'NULLABLE' },
    { name: 'started_at', type: 'TIMESTAMP', mode: 'REQUIRED' },
    { name: 'finished_at', type: 'TIMESTAMP', mode: 'REQUIRED' },
  ];
}

/** Names of the columns a rejected-rows table adds to the target's columns. */
export const REJECTED_COLUMNS = { rule: '_gdp_rule', loadId: '_gdp_load_id', rejectedAt: '_gdp_rejected_at' } as const;

/**
 * Columns of the rejected-rows table of a target: the target's columns, all NULLABLE (a bad row may lack
 * a required value), then `_gdp_rule`, `_gdp_load_id` and `_gdp_rejected_at`.
 */
export function rejectedTableColumns(target: SqlColumn[]): SqlColumn[] {
  return [
    ...target.map((c) => ({ ...c, mode: c.mode === 'REQUIRED' ? ('NULLABLE' as const) : c.mode })),
    { name: REJECTED_COLUMNS.rule, type: 'STRING', mode: 'REQUIRED' },
    { name: REJECTED_COLUMNS.loadId, type: 'STRING', mode: 'REQUIRED' },
    { name: REJECTED_COLUMNS.rejectedAt, type: 'TIMESTAMP', mode: 'REQUIRED' },
  ];
}
