/**
 * SQL written inside workflow steps (BigQuery connector calls): the checks the users' examples need
 * (seed README, "Where the examples are loose").
 */
import type { WorkflowCode } from './codes';
import type { Reporter } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { isMapping, type Mapping } from './step-shape';
import { forEachMapping, isCallArgs } from './walk-mappings';

/** A `call` found anywhere in a workflow (nested steps, try bodies, switch conditions, …). */
export interface CallSite {
  readonly call: string;
  readonly args: unknown;
  /** Path of the mapping that holds `call`. */
  readonly path: ValuePath;
}

/** The connector that returns before long jobs finish. */
export const JOBS_QUERY = 'googleapis.bigquery.v2.jobs.query';

/** Where BigQuery connectors take SQL: jobs.query and jobs.insert. */
const QUERY_PATHS: readonly (readonly string[])[] = [
  ['body', 'query'],
  ['body', 'configuration', 'query', 'query'],
];

/** Every call of a workflow's main steps and subworkflows. */
export function callSites(config: unknown): CallSite[] {
  const sites: CallSite[] = [];
  if (!isMapping(config)) return sites;
  const path: (string | number)[] = [];
  const visit = (value: Mapping, at: readonly (string | number)[]): void => {
    if (typeof value.call === 'string') sites.push({ call: value.call, args: value.args, path: [...at] });
  };
  for (const key of ['steps', 'subworkflows'] as const) {
    path.push(key);
    forEachMapping(config[key], path, visit, isCallArgs);
    path.pop();
  }
  return sites;
}

/** The SQL texts a BigQuery connector call carries, with their paths. */
export function embeddedQueries(site: CallSite): { sql: string; path: ValuePath }[] {
  if (!site.call.startsWith('googleapis.bigquery.')) return [];
  const out: { sql: string; path: ValuePath }[] = [];
  for (const p of QUERY_PATHS) {
    let v: unknown = site.args;
    for (const k of p) v = isMapping(v) ? v[k] : undefined;
    if (typeof v === 'string') out.push({ sql: v, path: [...site.path, 'args', ...p] });
  }
  return out;
}

/** Warns when jobs.query runs a CALL: it returns before a long procedure finishes (gcp-domain.md §4.2). */
export function checkJobsQueryCalls(config: unknown, report: Reporter<WorkflowCode>): void {
  for (const site of callSites(config)) {
    if (site.call !== JOBS_QUERY) continue;
    for (const q of embeddedQueries(site)) {
      if (!/\bCALL\b/i.test(maskSql(q.sql))) continue;
      report(
        'GDP554',
        [...site.path, 'call'],
        `${JOBS_QUERY} runs a CALL, but it returns after timeoutMs (10 s by default) with jobComplete: false while the procedure is still running`,
      );
    }
  }
}

/** SQL with its dashed project paths quoted, and where the quotes went. */
export interface QuotedSql {
  readonly sql: string;
  /** The paths quoted: their offset in the SQL given, and the path. */
  readonly quoted: readonly { readonly offset: number; readonly path: string }[];
  /** Offset in {@link sql} → offset in the SQL given. */
  toUnquoted(offset: number): number;
}

/**
 * Quotes `project-id.dataset.name` paths written without backticks when the project id holds a "-":
 * BigQuery rejects such a project id in routine paths (CALL p-x.d.r(), p-x.d.f(…)), and quoting is right
 * for table paths too. Comments, strings and quoted names are left alone.
 */
export function quoteProjectPaths(sql: string, projectId: string): QuotedSql {
  // Without the project id in it, nothing is quoted (masking only blanks characters out): no mask, no pattern.
  if (!projectId.includes('-') || !sql.includes(projectId)) return { sql, quoted: [], toUnquoted: (o) => o };
  const pattern = new RegExp(`(^|[^A-Za-z0-9_.\\-])${escapeRegExp(projectId)}\\.[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?`, 'g');
  const quoted: { offset: number; path: string }[] = [];
  for (const m of maskSql(sql).matchAll(pattern)) {
    const offset = (m.index ?? 0) + m[1].length;
    quoted.push({ offset, path: sql.slice(offset, (m.index ?? 0) + m[0].length) });
  }
  let out = '';
  let from = 0;
  for (const q of quoted) {
    out += `${sql.slice(from, q.offset)}\`${q.path}\``;
    from = q.offset + q.path.length;
  }
  out += sql.slice(from);
  const toUnquoted = (offset: number): number => {
    let shift = 0;
    for (const q of quoted) {
      const opening = q.offset + shift;
      if (offset <= opening) break;
      if (offset <= opening + q.path.length + 1) return offset - shift - 1;
      shift += 2;
    }
    return offset - shift;
  };
  return { sql: out, quoted, toUnquoted };
}

/** The embedded queries of a resolved workflow with their dashed project paths quoted, as they are deployed. */
export function withQuotedProjectPaths<T>(resolved: T, projectId: string): T {
  for (const site of callSites(resolved)) {
    for (const q of embeddedQueries(site)) {
      const quoted = quoteProjectPaths(q.sql, projectId);
      if (quoted.quoted.length === 0) continue;
      let holder: unknown = resolved;
      for (const k of q.path.slice(0, -1)) holder = (holder as Record<string | number, unknown>)[k];
      (holder as Record<string | number, unknown>)[q.path[q.path.length - 1]] = quoted.sql;
    }
  }
  return resolved;
}

/** Says, once per path, that a dashed project path is deployed quoted. Runs on the resolved configuration. */
export function reportQuotedProjectPaths(resolved: unknown, projectId: string, report: Reporter<WorkflowCode>): void {
  for (const site of callSites(resolved)) {
    for (const q of embeddedQueries(site)) {
      for (const { path } of quoteProjectPaths(q.sql, projectId).quoted) {
        // The message names only what is the same in every environment, so environments merge into one report.
        const name = path.split('.').pop()!;
        report('GDP555', q.path, `the path of "${name}" names its project without backticks; gdp quotes it in the deployed SQL (\`project.dataset.${name}\`)`, {
          hint: `BigQuery rejects a project id with "-" unquoted in routine paths. Quote the path yourself, or write \${procedures["${name}"].reference} or \${tables["<table>"].reference}, which are quoted.`,
        });
      }
    }
  }
}

/** The SQL with comments, string literals and backtick-quoted names blanked out (offsets kept). */
export function maskSql(sql: string): string {
  const out = sql.split('');
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const two = sql.slice(i, i + 2);
    if (two === '--' || c === '#') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      blank(i, stop);
      i = stop;
    } else if (two === '/*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      const triple = c !== '`' && sql.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + triple.length;
      while (j < sql.length && !sql.startsWith(triple, j)) j += sql[j] === '\\' ? 2 : 1;
      const stop = Math.min(sql.length, j + triple.length);
      blank(i, stop);
      i = stop;
    } else {
      i++;
    }
  }
  return out.join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
}
