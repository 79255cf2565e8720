/**
 * What `gdp verify` expects to find deployed, from the stack gdp synthesizes for the environment: one
 * check per dataset, table, routine, workflow, Eventarc trigger and scheduler job, each with the REST
 * path that reads it and a comparison of the fields that matter.
 */
import type { StackJson } from '../plan/classify';
import type { Values } from '../plan/model';
import { analyzeSchema } from '../plan/table-schema';
import { isRecord, single } from '../plan/values';
import type { Service } from './endpoints';

/** A field whose deployed value is not the configured one. */
export interface Difference {
  readonly field: string;
  readonly configured: string;
  readonly deployed: string;
}

/** One resource to check. */
export interface Check {
  /** What it is, for people (`table`, `scheduler job`). */
  readonly noun: string;
  /** Its name in the cloud (`project.dataset.table`, a workflow name). */
  readonly name: string;
  /** Terraform address in the stack. */
  readonly address: string;
  readonly service: Service;
  /** REST path of the GET that reads it. */
  readonly path: string;
  /** Differences between the configured values and the resource the API returned. */
  compare(deployed: Record<string, unknown>): Difference[];
}

/** cdktf escapes `${` and `%{` in strings; the deployed text has them plain. */
function unescape(text: unknown): string {
  return String(text ?? '').replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function str(v: unknown): string {
  return v === undefined || v === null || v === '' ? '(not set)' : typeof v === 'string' ? v : JSON.stringify(v);
}

/** Compares two scalars as text; a difference when they differ. */
function field(name: string, configured: unknown, deployed: unknown, same = (a: string, b: string) => a === b): Difference[] {
  return same(str(configured), str(deployed)) ? [] : [{ field: name, configured: str(configured), deployed: str(deployed) }];
}

/** The first line where two texts differ, shown as the difference of a long text (SQL, workflow source). */
function text(name: string, configured: string, deployed: string): Difference[] {
  const a = configured.trim().split(/\r?\n/);
  const b = deployed.trim().split(/\r?\n/);
  const i = a.findIndex((line, k) => line !== b[k]);
  const at = i >= 0 ? i : a.length < b.length ? a.length : -1;
  if (at < 0) return [];
  return [{ field: `${name} (line ${at + 1})`, configured: a[at]?.trim() ?? '(ends)', deployed: b[at]?.trim() ?? '(ends)' }];
}

const enc = encodeURIComponent;

/** Every check for a stack; `project` and `region` are the provider's defaults. */
export function expectedChecks(stack: StackJson & { provider?: { google?: { project?: string; region?: string }[] } }): Check[] {
  const provider = stack.provider?.google?.[0] ?? {};
  const checks: Check[] = [];
  const each = (type: string, make: (address: string, v: Values, project: string) => Check): void => {
    for (const [name, v] of Object.entries(stack.resource?.[type] ?? {})) checks.push(make(`${type}.${name}`, v, String(v.project ?? provider.project ?? '')));
  };
  each('google_bigquery_dataset', (address, v, p) => ({
    noun: 'dataset',
    name: `${p}.${v.dataset_id}`,
    address,
    service: 'bigquery',
    path: `/bigquery/v2/projects/${enc(p)}/datasets/${enc(String(v.dataset_id))}`,
    compare: (d) => field('location', v.location ?? 'US', d.location, (a, b) => a.toLowerCase() === b.toLowerCase()),
  }));
  each('google_bigquery_table', (address, v, p) => ({
    noun: 'table',
    name: `${p}.${v.dataset_id}.${v.table_id}`,
    address,
    service: 'bigquery',
    path: `/bigquery/v2/projects/${enc(p)}/datasets/${enc(String(v.dataset_id))}/tables/${enc(String(v.table_id))}`,
    compare: (d) => [...schemaDifferences(v.schema, d), ...partitioningDifferences(v, d), ...field('clustering', (v.clustering as string[] | undefined)?.join(', '), (valueOf(d, 'clustering', 'fields') as string[] | undefined)?.join(', '))],
  }));
  each('google_bigquery_routine', (address, v, p) => ({
    noun: 'routine',
    name: `${p}.${v.dataset_id}.${v.routine_id}`,
    address,
    service: 'bigquery',
    path: `/bigquery/v2/projects/${enc(p)}/datasets/${enc(String(v.dataset_id))}/routines/${enc(String(v.routine_id))}`,
    compare: (d) => text('body', unescape(v.definition_body), String(d.definitionBody ?? '')),
  }));
  each('google_workflows_workflow', (address, v, p) => ({
    noun: 'workflow',
    name: String(v.name),
    address,
    service: 'workflows',
    path: `/v1/projects/${enc(p)}/locations/${enc(String(v.region ?? provider.region))}/workflows/${enc(String(v.name))}`,
    compare: (d) => [...field('state', 'ACTIVE', d.state), ...text('source', unescape(v.source_contents), String(d.sourceContents ?? '')), ...field('service account', serviceAccountEmail(v.service_account), serviceAccountEmail(d.serviceAccount))],
  }));
  each('google_eventarc_trigger', (address, v, p) => ({
    noun: 'Eventarc trigger',
    name: String(v.name),
    address,
    service: 'eventarc',
    path: `/v1/projects/${enc(p)}/locations/${enc(String(v.location ?? provider.region))}/triggers/${enc(String(v.name))}`,
    compare: (d) => [
      ...field('event filters', filters(v.matching_criteria, 'value'), filters(d.eventFilters, 'value')),
      ...field('destination workflow', valueOf(v, 'destination', 'workflow'), valueOf(d, 'destination', 'workflow')),
      ...field('service account', v.service_account, d.serviceAccount),
    ],
  }));
  each('google_cloud_scheduler_job', (address, v, p) => ({
    noun: 'scheduler job',
    name: String(v.name),
    address,
    service: 'scheduler',
    path: `/v1/projects/${enc(p)}/locations/${enc(String(v.region ?? provider.region))}/jobs/${enc(String(v.name))}`,
    compare: (d) => [
      ...field('state', v.paused === true ? 'PAUSED' : 'ENABLED', d.state),
      ...field('schedule', v.schedule, d.schedule),
      ...field('time zone', v.time_zone ?? 'Etc/UTC', d.timeZone ?? 'Etc/UTC'),
      ...field('target URI', valueOf(v, 'http_target', 'uri'), valueOf(d, 'httpTarget', 'uri')),
    ],
  }));
  return checks.sort((a, b) => a.address.localeCompare(b.address));
}

function valueOf(v: unknown, ...keys: string[]): unknown {
  let x: unknown = v;
  for (const k of keys) x = isRecord(single(x)) ? (single(x) as Record<string, unknown>)[k] : undefined;
  return x;
}

/** `projects/-/serviceAccounts/x@y` and `x@y` name the same account. */
function serviceAccountEmail(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v).replace(/^projects\/[^/]+\/serviceAccounts\//, '');
}

/** Event filters as sorted `attribute=value` text (a set in both APIs). */
function filters(list: unknown, valueKey: string): string {
  if (!Array.isArray(list)) return '';
  return list
    .filter(isRecord)
    .map((f) => `${String(f.attribute)}=${String(f[valueKey])}`)
    .sort()
    .join(', ');
}

/** Column differences, deployed schema before, configured after (the provider's comparison rules). */
function schemaDifferences(configured: unknown, deployed: Record<string, unknown>): Difference[] {
  const fields = valueOf(deployed, 'schema', 'fields') ?? [];
  const analysis = analyzeSchema(JSON.stringify(fields), configured);
  if (analysis.unreadable) return [{ field: 'schema', configured: str(configured), deployed: analysis.unreadable }];
  return analysis.columns.map((c) => ({
    field: `schema: column ${c.column}${c.change === 'option' ? ` ${c.key}` : c.change === 'added' || c.change === 'dropped' ? '' : ` ${c.change}`}`,
    configured: c.change === 'dropped' ? '(no such column)' : str(c.after),
    deployed: c.change === 'added' ? '(no such column)' : str(c.before),
  }));
}

function partitioningDifferences(v: Values, d: Record<string, unknown>): Difference[] {
  const tp = single(v.time_partitioning);
  const rp = single(v.range_partitioning);
  const configuredTime = isRecord(tp) ? `${String(tp.type ?? 'DAY')} on ${String(tp.field ?? '_PARTITIONTIME')}` : undefined;
  const deployedTp = d.timePartitioning;
  const deployedTime = isRecord(deployedTp) ? `${String(deployedTp.type ?? 'DAY')} on ${String(deployedTp.field ?? '_PARTITIONTIME')}` : undefined;
  const range = (r: unknown): string | undefined => {
    if (!isRecord(r)) return undefined;
    const x = single(r.range);
    return isRecord(x) ? `${String(r.field)} from ${String(x.start)} to ${String(x.end)} by ${String(x.interval)}` : String(r.field);
  };
  return [...field('time partitioning', configuredTime, deployedTime), ...field('range partitioning', range(rp), range(d.rangePartitioning))];
}
