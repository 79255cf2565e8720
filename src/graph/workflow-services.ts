/**
 * The services a workflow calls besides BigQuery: HTTP calls (`http.get`, `http.post`, … with a literal
 * URL) and other Google connectors (`googleapis.<service>.…`). Run-time values (`$${…}`) are not known
 * before the workflow runs and are left out.
 */
import { callSites } from '../modules/workflow/embedded-sql';

/** Labels of the services called, sorted: `api.example.com/data/status`, `googleapis.storage`. */
export function servicesCalled(resolvedWorkflow: unknown): string[] {
  const out = new Set<string>();
  for (const site of callSites(resolvedWorkflow)) {
    if (site.call.startsWith('http.')) {
      const url = typeof site.args === 'object' && site.args !== null ? (site.args as Record<string, unknown>).url : undefined;
      if (typeof url !== 'string' || url.includes('${')) continue;
      try {
        const u = new URL(url);
        out.add(`${u.host}${u.pathname === '/' ? '' : u.pathname}`);
      } catch {
        continue;
      }
    } else if (site.call.startsWith('googleapis.') && !site.call.startsWith('googleapis.bigquery.')) {
      out.add(site.call.split('.').slice(0, 2).join('.'));
    }
  }
  return [...out].sort();
}
