/**
 * `gdp drift --live`: tables and routines that exist in gdp-managed datasets but that no file declares
 * (created by hand, or left by a resource removed from the state). Read with the BigQuery API
 * (tables.list, routines.list; https://cloud.google.com/bigquery/docs/reference/rest) through the client
 * `gdp verify` uses.
 */
import type { StackJson } from '../plan/classify';
import type { GoogleReader, ReaderOptions } from '../verify/client';
import type { DriftItem } from './compare';

/** What `--live` needs: credentials and, for tests or private endpoints, other API endpoints. */
export type LiveOptions = ReaderOptions;

const enc = encodeURIComponent;

/** Lists every page of a BigQuery list call; `key` is the array field (`tables`, `routines`). */
async function listAll(reader: GoogleReader, path: string, key: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let token: string | undefined;
  do {
    const got = await reader.get('bigquery', token ? `${path}?pageToken=${enc(token)}` : path);
    if (!got.found) return out; // the dataset itself is missing: `gdp drift` reports that already
    const items = got.body[key];
    if (Array.isArray(items)) out.push(...(items as Record<string, unknown>[]));
    token = typeof got.body.nextPageToken === 'string' && got.body.nextPageToken !== '' ? got.body.nextPageToken : undefined;
  } while (token);
  return out;
}

function reference(item: Record<string, unknown>, key: string, id: string): string | undefined {
  const ref = item[key] as Record<string, unknown> | undefined;
  return typeof ref?.[id] === 'string' ? (ref[id] as string) : undefined;
}

type ProjectStack = StackJson & { provider?: { google?: { project?: string }[] } };

/** The tables and routines some stack declares, as `project.dataset.id`. */
export interface DeclaredObjects {
  readonly tables: ReadonlySet<string>;
  readonly routines: ReadonlySet<string>;
}

/** What the stacks declare together (a split environment's tables may be in another stack than their dataset). */
export function declaredObjects(stacks: readonly ProjectStack[]): DeclaredObjects {
  const declared = (type: string, idKey: string): Set<string> =>
    new Set(
      stacks.flatMap((s) => {
        const project = s.provider?.google?.[0]?.project ?? '';
        return Object.values(s.resource?.[type] ?? {}).map((v) => `${String(v.project ?? project)}.${String(v.dataset_id)}.${String(v[idKey])}`);
      }),
    );
  return { tables: declared('google_bigquery_table', 'table_id'), routines: declared('google_bigquery_routine', 'routine_id') };
}

/** Tables and routines in the stack's datasets that are not `declared` (default: what the stack itself declares). */
export async function unmanagedObjects(stack: ProjectStack, reader: GoogleReader, declared: DeclaredObjects = declaredObjects([stack])): Promise<DriftItem[]> {
  const defaultProject = stack.provider?.google?.[0]?.project ?? '';
  const { tables, routines } = declared;
  const items: DriftItem[] = [];
  for (const dataset of Object.values(stack.resource?.google_bigquery_dataset ?? {})) {
    const project = String(dataset.project ?? defaultProject);
    const base = `/bigquery/v2/projects/${enc(project)}/datasets/${enc(String(dataset.dataset_id))}`;
    for (const t of await listAll(reader, `${base}/tables`, 'tables')) {
      const id = reference(t, 'tableReference', 'tableId');
      const name = `${project}.${String(dataset.dataset_id)}.${id}`;
      if (id && !tables.has(name)) items.push({ kind: 'unmanaged', address: name, type: String(t.type ?? 'TABLE').toLowerCase(), attributes: [] });
    }
    for (const r of await listAll(reader, `${base}/routines`, 'routines')) {
      const id = reference(r, 'routineReference', 'routineId');
      const name = `${project}.${String(dataset.dataset_id)}.${id}`;
      if (id && !routines.has(name)) items.push({ kind: 'unmanaged', address: name, type: 'routine', attributes: [] });
    }
  }
  return items.sort((a, b) => a.address.localeCompare(b.address));
}
