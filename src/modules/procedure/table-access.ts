/**
 * Which declared datasets a SQL text reads and which it writes, for least-privilege grants: the account
 * that runs the SQL gets roles/bigquery.dataViewer on the first and roles/bigquery.dataEditor on the
 * second, nothing else. Works on the resolved SQL (references already replaced by names), so tables
 * written with `${tables[...]}` and tables written by name are both found. A table path is written to
 * when it follows INSERT [INTO], MERGE [INTO], UPDATE, DELETE [FROM], LOAD DATA INTO/OVERWRITE, or
 * CREATE/REPLACE/DROP/ALTER/TRUNCATE TABLE/VIEW/FUNCTION/PROCEDURE; any other mention is a read
 * (a CALLed procedure too: calling needs bigquery.routines.get, which dataViewer holds).
 */
import { tokenizeSql, type SqlToken } from './body';

/** Logical dataset names a SQL text reads and writes (a written dataset is not listed as read). */
export interface DatasetAccess {
  readonly reads: readonly string[];
  readonly writes: readonly string[];
}

/** Words after which a table path is written to. */
const WRITE_AFTER = new Set(['INTO', 'UPDATE', 'OVERWRITE', 'INSERT', 'MERGE']);
/** Object kinds of DDL statements. */
const DDL_OBJECTS = new Set(['TABLE', 'VIEW', 'FUNCTION', 'PROCEDURE']);
/** Verbs of DDL statements that change an object of a dataset. */
const DDL_VERBS = new Set(['CREATE', 'REPLACE', 'DROP', 'ALTER', 'TRUNCATE']);
/** Words that may stand between a DDL verb and the object kind, or between the kind and the name. */
const DDL_FILLERS = new Set(['OR', 'TEMP', 'TEMPORARY', 'MATERIALIZED', 'EXTERNAL', 'SNAPSHOT', 'IF', 'NOT', 'EXISTS', 'TABLE']);

const isName = (t: SqlToken | undefined): t is SqlToken => t !== undefined && t.text !== '.' && t.text !== ';' && t.text !== ':';

/** True when the path starting at token `start` is written to. */
function writtenAt(tokens: readonly SqlToken[], start: number): boolean {
  const word = (i: number): string | undefined => (i >= 0 && !tokens[i].quoted ? tokens[i].text : undefined);
  const prev = word(start - 1);
  if (prev === undefined) return false;
  if (WRITE_AFTER.has(prev)) return true;
  if (prev === 'FROM' && word(start - 2) === 'DELETE') return true;
  let i = start - 1;
  while (i >= 0 && ['IF', 'NOT', 'EXISTS'].includes(word(i) ?? '')) i--;
  if (!DDL_OBJECTS.has(word(i) ?? '')) return false;
  for (i--; i >= 0 && DDL_FILLERS.has(word(i) ?? ''); i--);
  return DDL_VERBS.has(word(i) ?? '');
}

/** The ids in lower case, computed once per map (callers pass the same map for every body of a stack). */
function lowerCased(datasetIds: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let lower = lowerIds.get(datasetIds);
  if (!lower) lowerIds.set(datasetIds, (lower = new Map([...datasetIds].map(([id, name]) => [id.toLowerCase(), name]))));
  return lower;
}

const lowerIds = new WeakMap<ReadonlyMap<string, string>, ReadonlyMap<string, string>>();

/**
 * The declared datasets a SQL text reads and writes. `datasetIds` maps each declared dataset's id in the
 * environment (any case) to its logical name. Returns undefined when the text does not tokenize.
 */
export function datasetAccess(sql: string, datasetIds: ReadonlyMap<string, string>): DatasetAccess | undefined {
  const tokenized = tokenizeSql(sql);
  if (!tokenized.ok) return undefined;
  const { tokens } = tokenized;
  const byId = lowerCased(datasetIds);
  const reads = new Set<string>();
  const writes = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    if (!isName(tokens[i])) continue;
    const start = i;
    const parts = tokens[i].text.split('.');
    while (tokens[i + 1]?.text === '.' && isName(tokens[i + 2])) {
      parts.push(...tokens[i + 2].text.split('.'));
      i += 2;
    }
    if (parts.length < 2) continue;
    // A dataset id followed by a name: `dataset.table` (with or without the project before it).
    for (let p = 0; p + 1 < parts.length; p++) {
      const dataset = byId.get(parts[p].toLowerCase());
      if (dataset === undefined) continue;
      (writtenAt(tokens, start) ? writes : reads).add(dataset);
      break;
    }
  }
  return { reads: [...reads].filter((d) => !writes.has(d)).sort(), writes: [...writes].sort() };
}
