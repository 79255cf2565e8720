/**
 * The Google REST APIs `gdp verify` reads, with their public endpoints. Each can be pointed elsewhere
 * (a private endpoint, or a local fake in tests) with `--endpoint <service>=<url>`.
 * Sources: BigQuery API v2 (https://cloud.google.com/bigquery/docs/reference/rest), Workflows API v1
 * (https://cloud.google.com/workflows/docs/reference/rest), Eventarc API v1
 * (https://cloud.google.com/eventarc/docs/reference/rest), Cloud Scheduler API v1
 * (https://cloud.google.com/scheduler/docs/reference/rest).
 */

/** The services. */
export const SERVICES = ['bigquery', 'workflows', 'eventarc', 'scheduler'] as const;

/** A service. */
export type Service = (typeof SERVICES)[number];

/** Base URL per service. */
export type Endpoints = Readonly<Record<Service, string>>;

/** The public endpoints. */
export const DEFAULT_ENDPOINTS: Endpoints = {
  bigquery: 'https://bigquery.googleapis.com',
  workflows: 'https://workflows.googleapis.com',
  eventarc: 'https://eventarc.googleapis.com',
  scheduler: 'https://cloudscheduler.googleapis.com',
};

/** Parses `service=url` overrides; returns the endpoints or a message saying what is wrong. */
export function parseEndpoints(overrides: readonly string[]): Endpoints | string {
  const out: Record<Service, string> = { ...DEFAULT_ENDPOINTS };
  for (const o of overrides) {
    const eq = o.indexOf('=');
    const service = o.slice(0, eq) as Service;
    const url = o.slice(eq + 1);
    if (eq < 0 || !SERVICES.includes(service)) return `--endpoint "${o}": write <service>=<url> with a service of ${SERVICES.join(', ')}`;
    if (!/^https?:\/\/[^/]+/.test(url)) return `--endpoint "${o}": "${url}" is not an http(s) URL`;
    out[service] = url.replace(/\/+$/, '');
  }
  return out;
}
