/**
 * `gdp verify` against a local fake of the Google APIs holding what the bundled example deploys in pd,
 * with one deliberate difference per resource type, missing resources, a changed schema and a paused
 * job; and without credentials.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackJson } from '../../src/plan/classify';
import type { Values } from '../../src/plan/model';
import { synthesizeInMemory } from '../../src/plan/stacks';
import { expectedChecks } from '../../src/verify';
import { cli } from '../../src/testing/cli';
import { bundledConfiguration, compileFiles, errors, ROOT, tempDir } from '../../src/testing';
import { startFakeGoogle, type FakeGoogle } from './fake-google';

const TOKEN = 'test-token';
const compiled = compileFiles({}, { base: bundledConfiguration(), environments: ['pd'] });
const stack = synthesizeInMemory(compiled.project, ['pd']).get('pd')!;

const plain = (s: unknown): string => String(s).replace(/\$\$\{/g, '${');

/** The REST resource the API would return for a stack resource, as deployed. */
function apiResource(type: string, v: Values): Record<string, unknown> {
  switch (type) {
    case 'google_bigquery_dataset':
      return { location: v.location };
    case 'google_bigquery_table':
      return {
        schema: { fields: JSON.parse(String(v.schema)) },
        ...(v.time_partitioning ? { timePartitioning: v.time_partitioning } : {}),
        ...(v.clustering ? { clustering: { fields: v.clustering } } : {}),
      };
    case 'google_bigquery_routine':
      return { definitionBody: plain(v.definition_body) };
    case 'google_workflows_workflow':
      return { state: 'ACTIVE', sourceContents: plain(v.source_contents), serviceAccount: `projects/acme-data-pd/serviceAccounts/${String(v.service_account)}` };
    case 'google_eventarc_trigger':
      return { eventFilters: v.matching_criteria, destination: v.destination, serviceAccount: v.service_account };
    default:
      return { state: v.paused ? 'PAUSED' : 'ENABLED', schedule: v.schedule, timeZone: v.time_zone, httpTarget: { uri: (v.http_target as Values).uri } };
  }
}

/** Every resource of the stack at its REST path, then `edit` applied (undefined: the resource is missing). */
function deployed(edit: (address: string, body: Record<string, unknown>) => Record<string, unknown> | undefined): Map<string, unknown> {
  const byAddress = new Map<string, Values>();
  for (const [type, byName] of Object.entries((stack as StackJson).resource ?? {})) for (const [name, v] of Object.entries(byName)) byAddress.set(`${type}.${name}`, v);
  const out = new Map<string, unknown>();
  for (const check of expectedChecks(stack)) {
    const type = check.address.slice(0, check.address.indexOf('.'));
    const body = edit(check.address, apiResource(type, byAddress.get(check.address)!));
    if (body) out.set(check.path, body);
  }
  return out;
}

let dir: string;
let tokenFile: string;
beforeAll(() => {
  expect(errors(compiled)).toEqual([]);
  dir = tempDir('gdp-verify-');
  tokenFile = path.join(dir, 'token');
  fs.writeFileSync(tokenFile, `${TOKEN}\n`);
});

async function verify(fake: FakeGoogle, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const endpoints = ['bigquery', 'workflows', 'eventarc', 'scheduler'].flatMap((s) => ['--endpoint', `${s}=${fake.url}`]);
  return cli(['verify', 'pd', '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments'), '--access-token-file', tokenFile, ...endpoints, ...extra]);
}

it('reports nothing when everything is deployed as configured', async () => {
  const fake = await startFakeGoogle(
    deployed((_, b) => b),
    TOKEN,
  );
  try {
    const r = await verify(fake);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^gdp verify pd: (\d+) resources checked: \1 as configured, 0 missing, 0 different\n$/);
    expect(fake.requests).toContain('/bigquery/v2/projects/acme-data-pd/datasets/acme_c2_sales_eu_pd/tables/transactions_v1');
    expect(fake.requests).toContain('/v1/projects/acme-data-pd/locations/europe-west4/jobs/acme-sch-daily-orders-ew4-pd');
  } finally {
    await fake.close();
  }
});

describe('one deliberate difference per resource type', () => {
  let fake: FakeGoogle;
  beforeAll(async () => {
    fake = await startFakeGoogle(
      deployed((address, b) => {
        switch (address) {
          case 'google_bigquery_dataset.dataset_landing':
            return { ...b, location: 'US' };
          case 'google_bigquery_table.table_orders_v1':
          case 'google_workflows_workflow.workflow_load_customers_history':
            return undefined;
          case 'google_bigquery_table.table_transactions_v1': {
            const fields = (b.schema as { fields: { name: string; type: string }[] }).fields.map((f) => (f.name === 'amount' ? { ...f, type: 'STRING' } : f));
            return { ...b, schema: { fields } };
          }
          case 'google_bigquery_routine.procedure_load_transactions':
            return { ...b, definitionBody: String(b.definitionBody).replace('MERGE', 'INSERT') };
          case 'google_workflows_workflow.workflow_daily_orders':
            return { ...b, sourceContents: String(b.sourceContents).replace('max_retries: 3', 'max_retries: 5') };
          case 'google_eventarc_trigger.eventarc_trigger_transaction_upload':
            return { ...b, destination: { workflow: 'projects/acme-data-pd/locations/europe-west4/workflows/something-else' } };
          case 'google_cloud_scheduler_job.scheduler_daily_orders':
            return { ...b, state: 'PAUSED' };
          case 'google_cloud_scheduler_job.scheduler_load_customers_history':
            return { ...b, timeZone: 'Etc/UTC' };
          default:
            return b;
        }
      }),
      TOKEN,
    );
  });
  afterAll(() => fake.close());

  it('reports each, and exits 3', async () => {
    const r = await verify(fake);
    expect(r.code).toBe(3);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/: \d+ as configured, 2 missing, 7 different$/);
    const expected = [
      '  DIFFERS dataset acme-data-pd.acme_c2_landing_eu_pd  (configuration/datasets/landing.yaml)  [GDP843]',
      '          location: configured EU, deployed US',
      '  MISSING table acme-data-pd.acme_c2_sales_eu_pd.orders_v1  (configuration/tables/orders_v1.yaml)  [GDP842]',
      '          schema: column amount type: configured NUMERIC, deployed STRING',
      '          body (line 3): configured MERGE `acme-data-pd.acme_c2_sales_eu_pd.transactions_v1` AS target, deployed INSERT `acme-data-pd.acme_c2_sales_eu_pd.transactions_v1` AS target',
      '          destination workflow: configured projects/acme-data-pd/locations/europe-west4/workflows/acme-wkf-process_transactions-ew4-pd, deployed projects/acme-data-pd/locations/europe-west4/workflows/something-else',
      '  DIFFERS scheduler job acme-sch-daily-orders-ew4-pd  (configuration/triggers/schedulers/daily_orders.yaml)  [GDP843]',
      '          state: configured ENABLED, deployed PAUSED',
      '          time zone: configured Europe/Amsterdam, deployed Etc/UTC',
      '  MISSING workflow acme-wkf-load_customers_history-ew4-pd',
    ];
    for (const e of expected) expect(r.stdout).toContain(e);
    expect(r.stdout).toMatch(/source \(line \d+\): configured max_retries: 3, deployed max_retries: 5/);
  });

  it('prints JSON for machines', async () => {
    const r = await verify(fake, '--format', 'json');
    const json = JSON.parse(r.stdout) as { verified: boolean; results: { address: string; status: string }[] };
    expect(json.verified).toBe(false);
    const statusOf = (a: string) => json.results.find((x) => x.address === a)?.status;
    expect(statusOf('google_bigquery_table.table_orders_v1')).toBe('missing');
    expect(statusOf('google_bigquery_routine.procedure_load_transactions')).toBe('differs');
    expect(statusOf('google_bigquery_table.table_customers_v1')).toBe('ok');
  });
});

describe('failures stop with a clear message, no stack trace', () => {
  it('no credentials', async () => {
    const saved = { ...process.env };
    process.env.HOME = dir;
    process.env.GOOGLE_APPLICATION_CREDENTIALS = path.join(dir, 'no-such-key.json');
    process.env.METADATA_SERVER_DETECTION = 'none';
    try {
      const r = await cli(['verify', 'pd', '--config', path.join(ROOT, 'configuration'), '--environments', path.join(ROOT, 'environments')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^gdp: error GDP840: no Google credentials found/);
      expect(r.stderr).toContain('hint: Run `gcloud auth application-default login`');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    } finally {
      process.env = saved;
    }
  });

  it('a token the API refuses', async () => {
    const fake = await startFakeGoogle(new Map(), 'another-token');
    try {
      const r = await verify(fake);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error GDP841: ');
      expect(r.stderr).toContain('answered 401');
      expect(r.stderr).toContain('Request had invalid authentication credentials.');
    } finally {
      await fake.close();
    }
  });

  it('an endpoint nobody listens on, and a malformed --endpoint', async () => {
    const fake = await startFakeGoogle(new Map(), TOKEN);
    await fake.close();
    const r = await verify(fake);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error GDP841: cannot reach ${fake.url} (ECONNREFUSED)`);
    const bad = await cli(['verify', 'pd', '--endpoint', 'bigqery=http://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--endpoint "bigqery=http://x": write <service>=<url>');
  });
});
