/**
 * The backfill load `gdp evolve` writes: copies every row of a table's current version into the next
 * one, with a cast for each column whose type changes. The pattern keeps it safe to run again:
 * partition_replace for a partitioned table, upsert on the primary key, else append (run once).
 */
import type { TableConfig } from '../modules/table/schema';

/** A column as the table file declares it. */
interface Column {
  readonly name: string;
  readonly type: string;
  readonly mode?: string;
}

/** What the backfill needs to know about the two versions. */
export interface BackfillInput {
  readonly oldName: string;
  readonly newName: string;
  readonly oldConfig: TableConfig;
  readonly newConfig: TableConfig;
}

/** The load file text, or why no backfill can be written. */
export type BackfillOutcome = { readonly ok: true; readonly text: string; readonly casts: Readonly<Record<string, string>>; readonly pattern: string } | { readonly ok: false; readonly problem: string };

/** Type names the provider treats as the same type (BigQuery's legacy and standard spellings). */
const SAME_TYPE: Readonly<Record<string, string>> = { INT64: 'INTEGER', FLOAT64: 'FLOAT', BOOL: 'BOOLEAN', STRUCT: 'RECORD' };
const normal = (t: string): string => SAME_TYPE[t.toUpperCase()] ?? t.toUpperCase();

/** GoogleSQL type to cast to (standard names; legacy names are not valid in CAST). */
const CAST_TYPE: Readonly<Record<string, string>> = { INTEGER: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL' };

/** Builds the backfill load of `newName` from `oldName`. */
export function backfillLoad(input: BackfillInput): BackfillOutcome {
  const oldColumns = new Map((input.oldConfig.schema as Column[]).map((c) => [c.name.toLowerCase(), c]));
  const casts: Record<string, string> = {};
  for (const c of input.newConfig.schema as Column[]) {
    const before = oldColumns.get(c.name.toLowerCase());
    if (!before) {
      if ((c.mode ?? 'NULLABLE').toUpperCase() === 'REQUIRED') {
        return { ok: false, problem: `column ${c.name} is new in ${input.newName} and REQUIRED: ${input.oldName} has no values for it. Make it NULLABLE (or give it a default_value_expression) before evolving` };
      }
      continue;
    }
    if (normal(before.type) === normal(c.type)) continue;
    if (normal(before.type) === 'RECORD' || normal(c.type) === 'RECORD') {
      return { ok: false, problem: `column ${c.name} changes from ${before.type} to ${c.type}: a RECORD cannot be cast; write the backfill procedure by hand` };
    }
    casts[c.name] = CAST_TYPE[normal(c.type)] ?? normal(c.type);
  }
  const partition = input.oldConfig.time_partitioning?.field;
  const newPartitioned = input.newConfig.time_partitioning !== undefined;
  const keys = input.newConfig.primary_key;
  const pattern = newPartitioned ? 'partition_replace' : keys ? 'upsert' : 'append';
  const lines = [
    '# yaml-language-server: $schema=../../schemas/load.schema.json',
    `# Written by \`gdp evolve table ${input.oldName}\`: copies ${input.oldName} into ${input.newName}${Object.keys(casts).length > 0 ? ' with the casts its type changes need' : ''}.`,
    `# Deploy, then run it once: CALL the procedure load_backfill_${input.newName}. Remove this file when the backfill is done.`,
    `description: "Backfill ${input.newName} from ${input.oldName} (gdp evolve)"`,
    `target: ${input.newName}`,
    `pattern: ${pattern}${pattern === 'append' ? '  # no primary key and no partitioning: run it once (a second run appends the rows again)' : '  # safe to run again'}`,
    'source:',
    `  table: ${input.oldName}`,
  ];
  // A source table that requires a partition filter is read whole with one that keeps every partition.
  if (input.oldConfig.require_partition_filter && partition) lines.push(`  filter: "${partition} IS NULL OR ${partition} >= '0001-01-01'"`);
  if (pattern === 'upsert') lines.push(`keys: [${keys!.join(', ')}]`);
  if (Object.keys(casts).length > 0) lines.push(`casts: { ${Object.entries(casts).map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
  return { ok: true, text: lines.join('\n') + '\n', casts, pattern };
}
