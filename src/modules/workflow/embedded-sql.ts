/**
 * SQL written inside workflow steps (BigQuery connector calls): the checks the users' examples need
 * (seed README, "Where the examples are loose").
 */
import type { WorkflowCode } from './codes';
import type { Reporter } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { isMapping } from './step-shape';

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
  const walk = (value: unknown, path: ValuePath): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (!isMapping(value)) return;
    if (typeof value.call === 'string') sites.push({ call: value.call, args: value.args, path });
    // A call's args are data, not steps.
    for (const [k, item] of Object.entries(value)) if (!(k === 'args' && typeof value.call === 'string')) walk(item, [...path, k]);
  };
  if (isMapping(config)) {
    walk(config.steps, ['steps']);
    walk(config.subworkflows, ['subworkflows']);
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

/**
 * Reports routine calls (`CALL p.d.r`, `p.d.f(...)`) written without backticks while the project id holds
 * a "-": BigQuery accepts dashes only in table paths. Runs on the resolved configuration.
 */
export function checkUnquotedProjectPaths(resolved: unknown, projectId: string, report: Reporter<WorkflowCode>): void {
  if (!projectId.includes('-')) return;
  const pattern = new RegExp(`(^|[^A-Za-z0-9_.\\-])${escapeRegExp(projectId)}\\.[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?`, 'g');
  for (const site of callSites(resolved)) {
    for (const q of embeddedQueries(site)) {
      if (q.sql.trim().startsWith('${')) continue; // built at run time
      const masked = maskSql(q.sql);
      for (const m of masked.matchAll(pattern)) {
        const start = (m.index ?? 0) + m[1].length;
        const path = masked.slice(start, (m.index ?? 0) + m[0].length);
        const isCall = /\bCALL\s*$/i.test(masked.slice(0, start));
        const isFunction = masked.slice(start + path.length).trimStart().startsWith('(');
        if (!isCall && !isFunction) continue;
        // The message names only what is the same in every environment, so environments merge into one report.
        const routine = path.split('.').pop()!;
        report(
          'GDP555',
          q.path,
          `${isCall ? 'CALL of' : 'call of function'} "${routine}" names its project without backticks; BigQuery rejects a project id with "-" there`,
          { hint: `Quote the whole path in backticks (\`project.dataset.${routine}\`), or write \${procedures["${routine}"].reference}, which is quoted.` },
        );
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
