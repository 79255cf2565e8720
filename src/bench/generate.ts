/**
 * A synthetic, valid configuration of any size for the benchmark: for N tables, N/10 datasets, N/5
 * hand-written procedures, N/10 loads across every pattern (when the `load` module type is registered),
 * N/20 workflows, N/20 Eventarc triggers and N/20 scheduler jobs. The files follow the bundled example
 * (configuration/**) so that every module's checks, the SQL analysis and the synthesis have real work.
 * Written to a folder the caller chooses (a temporary one): generated inputs are never committed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from '../modules';

/** What {@link generateConfiguration} wrote. */
export interface GeneratedConfiguration {
  /** The configuration folder (the `--config` of gdp). */
  readonly configDir: string;
  /** Files per module folder. */
  readonly counts: Readonly<Record<string, number>>;
  /** Whether loads were generated (only when the `load` module type is registered). */
  readonly loads: boolean;
  /** Logical names of the tables, in generation order (the plan benchmark changes some of them). */
  readonly tables: readonly string[];
}

/** Patterns of the generated loads, in turn (every pattern the load module knows). */
export const LOAD_PATTERNS = ['append', 'upsert', 'upsert-files', 'full_sync', 'partition_replace', 'scd2'] as const;
type LoadShape = (typeof LOAD_PATTERNS)[number];

/** Whether the `load` module type is registered (loads are generated only then). */
export function loadModuleRegistered(): boolean {
  return builtinModules.some((m) => m.kind === 'load');
}

const pad = (i: number, width = 5): string => String(i).padStart(width, '0');
const tableName = (i: number): string => `t_${pad(i)}`;
const datasetName = (d: number): string => `ds_${pad(d, 4)}`;

/** The columns every generated table starts with (procedures read and write them). */
const BASE_COLUMNS = `  - name: id
    type: STRING
    mode: REQUIRED
    description: "Row identifier"
  - name: customer_id
    type: STRING
  - name: event_date
    type: DATE
    mode: REQUIRED
  - name: amount
    type: NUMERIC
    precision: 18
    scale: 2
  - name: category
    type: STRING
    max_length: 20
  - name: updated_at
    type: TIMESTAMP
    mode: REQUIRED
`;

const NESTED_COLUMNS = `  - name: shipping_address
    type: RECORD
    description: "Where the order goes"
    fields:
      - name: street
        type: STRING
      - name: city
        type: STRING
      - name: country_code
        type: STRING
        max_length: 2
  - name: items
    type: RECORD
    mode: REPEATED
    fields:
      - name: sku
        type: STRING
        mode: REQUIRED
      - name: quantity
        type: INT64
      - name: unit_price
        type: NUMERIC
      - name: discounts
        type: RECORD
        mode: REPEATED
        fields:
          - name: code
            type: STRING
          - name: amount
            type: NUMERIC
  - name: tags
    type: STRING
    mode: REPEATED
`;

/** Extra columns some load targets need (audit and SCD2 columns). */
const LOAD_TARGET_COLUMNS: Readonly<Record<LoadShape, string>> = {
  append: `  - name: loaded_at
    type: TIMESTAMP
`,
  upsert: '',
  'upsert-files': '',
  full_sync: '',
  partition_replace: `  - name: refreshed_at
    type: TIMESTAMP
`,
  scd2: `  - name: valid_from
    type: TIMESTAMP
    mode: REQUIRED
  - name: valid_to
    type: TIMESTAMP
  - name: is_current
    type: BOOLEAN
    mode: REQUIRED
`,
};

function datasetFile(d: number): string {
  const confidentiality = ['c1', 'c2', 'c3'][d % 3];
  return `description: "Synthetic dataset ${d}"
confidentiality: ${confidentiality}
location: eu
deletion_protection: ${d % 2 === 0}
max_time_travel_hours: 168
labels:
  domain: domain_${d % 7}
`;
}

/** Table i: every fourth plain, partitioned + clustered, nested, or partitioned + nested. */
function tableFile(i: number, dataset: string, loadShape: LoadShape | undefined): string {
  const variant = loadShape ? 1 : i % 4;
  const partitioned = variant === 1 || variant === 3;
  const nested = variant === 2 || variant === 3;
  const lines = [
    `table_id: ${tableName(i)}`,
    `dataset: ${dataset}`,
    'version: 1',
    `description: "Synthetic table ${i}${loadShape ? ` (target of a ${loadShape} load)` : ''}"`,
  ];
  if (partitioned) {
    lines.push('time_partitioning:', '  type: DAY', '  field: event_date');
    if (i % 8 === 1) lines.push('  expiration_ms: 63072000000');
    lines.push('clustering:', '  fields: ["customer_id", "category"]');
  }
  if (i % 5 === 0) lines.push('primary_key: ["id"]');
  if (i % 6 === 0) lines.push('labels:', `  team: team_${i % 9}`);
  lines.push('schema:');
  return `${lines.join('\n')}\n${BASE_COLUMNS}${nested ? NESTED_COLUMNS : ''}${loadShape ? LOAD_TARGET_COLUMNS[loadShape] : ''}`;
}

/** Procedure p: an upsert (MERGE) or an insert from one table into another, with an argument. */
function procedureFile(p: number, dataset: string, source: string, target: string): string {
  const merge = p % 2 === 0;
  const body = merge
    ? `BEGIN
  MERGE \${tables["${target}"].reference} AS target
  USING (
    SELECT id, customer_id, event_date, amount, category, CURRENT_TIMESTAMP() AS updated_at
    FROM \${tables["${source}"].reference}
    WHERE event_date >= DATE_SUB(CURRENT_DATE(), INTERVAL lookback_days DAY)
    QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY updated_at DESC) = 1
  ) AS source
  ON source.id = target.id
  WHEN MATCHED THEN
    UPDATE SET amount = source.amount, category = source.category, updated_at = source.updated_at
  WHEN NOT MATCHED BY TARGET THEN
    INSERT (id, customer_id, event_date, amount, category, updated_at)
    VALUES (source.id, source.customer_id, source.event_date, source.amount, source.category, source.updated_at);
END;`
    : `BEGIN
  DECLARE cutoff DATE DEFAULT DATE_SUB(CURRENT_DATE(), INTERVAL lookback_days DAY);
  DELETE FROM \${tables["${target}"].reference} WHERE event_date >= cutoff;
  INSERT INTO \${tables["${target}"].reference} (id, customer_id, event_date, amount, category, updated_at)
  SELECT id, customer_id, event_date, SUM(amount) OVER (PARTITION BY customer_id), category, CURRENT_TIMESTAMP()
  FROM \${tables["${source}"].reference}
  WHERE event_date >= cutoff;
END;`;
  return `routine_id: p_${pad(p)}
dataset_id: ${dataset}
description: "Synthetic procedure ${p}: ${merge ? 'merge' : 'replace'} ${source} into ${target}"
arguments:
  - name: lookback_days
    data_type: INT64
definition_body: |-
${body
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;
}

function workflowFile(w: number, procedure: string): string {
  return `workflow_name: wf_${pad(w)}
description: "Synthetic workflow ${w}: runs ${procedure}"
params: [args]
steps:
  - name: init
    assign:
      - lookback: $\${default(map.get(args, "lookback"), 7)}
  - name: run
    try:
      steps:
        - name: call_procedure
          call: googleapis.bigquery.v2.jobs.insert
          args:
            projectId: \${project}
            body:
              jobReference:
                location: \${location}
              configuration:
                query:
                  query: CALL \${procedures["${procedure}"].reference}(7)
                  useLegacySql: false
          result: job
    retry:
      predicate: $\${http.default_retry_predicate}
      max_retries: 3
      backoff:
        initial_delay: 10
        max_delay: 300
        multiplier: 2
    except:
      as: e
      steps:
        - name: log_failure
          call: sys.log
          args:
            severity: ERROR
            json:
              message: "wf_${pad(w)} failed"
              error: $\${e}
        - name: fail
          raise: $\${e}
  - name: done
    return: $\${job.status.state}
`;
}

function triggerFile(t: number, workflow: string): string {
  return `name: on_upload_${pad(t)}
description: "Start ${workflow} when a file is written to the landing bucket"
event_type: google.cloud.storage.object.v1.finalized
bucket: \${buckets.landing}
${t % 2 === 0 ? `path_pattern: incoming/${pad(t)}/*.csv\n` : ''}location: eu
destination:
  workflow: ${workflow}
`;
}

function schedulerFile(s: number, workflow: string): string {
  return `name: nightly_${pad(s)}
description: "Run ${workflow} every night"
schedule: "${s % 60} ${s % 5} * * *"
timezone: "Europe/Amsterdam"
http_target:
  uri: \${workflows.${workflow}.trigger_url}
  http_method: POST
  headers:
    Content-Type: "application/json"
  body: |
    {
      "source": "scheduler",
      "run_date": "\${date}"
    }
retry_config:
  retry_count: 3
  min_backoff_duration: "60s"
`;
}

/** A generated bucket, in the generated datasets' multi-region. */
const BUCKET_FILE = 'description: "Generated bucket"\nlocation: eu\n';

/** Load l of a shape: the target table is `target`, `source` is a plain generated table. */
function loadFile(l: number, shape: LoadShape, target: string, source: string): string {
  const schedule = `workflow:\n  schedule: { cron: "${l % 60} 4 * * *", timezone: Europe/Amsterdam }\n`;
  switch (shape) {
    case 'append':
      return `description: "Append a daily summary of ${source}"
target: ${target}
pattern: append
source:
  query: |
    SELECT CONCAT(customer_id, '-', CAST(CURRENT_DATE() AS STRING)) AS id, customer_id, CURRENT_DATE() AS event_date,
           SUM(amount) AS amount, MAX(category) AS category, CURRENT_TIMESTAMP() AS updated_at
    FROM \${tables["${source}"].reference}
    GROUP BY customer_id
audit: { load_time: loaded_at }
quality:
  - { rule: unique, columns: [id], severity: fail }
${schedule}`;
    case 'upsert':
      return `description: "Merge the last week of ${source}"
target: ${target}
pattern: upsert
source:
  table: ${source}
  filter: "event_date >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY)"
keys: [id]
order_by: ["updated_at desc"]
quality:
  - { rule: not_null, columns: [customer_id], severity: quarantine }
  - { rule: condition, name: positive_amount, condition: "amount >= 0", severity: warn }
${schedule}`;
    case 'upsert-files':
      return `description: "Load partner files into ${target}"
target: ${target}
pattern: upsert
source:
  files:
    uris: ["gs://\${buckets.partner_drop_${pad(l)}}/*.csv"]
    format: CSV
    skip_leading_rows: 1
  columns:
    - { name: id, type: STRING, mode: REQUIRED }
    - { name: customer_id, type: STRING }
    - { name: event_date, type: DATE, mode: REQUIRED }
    - { name: amount, type: STRING }
    - { name: category, type: STRING }
    - { name: updated_at, type: TIMESTAMP, mode: REQUIRED }
keys: [id]
casts: { amount: NUMERIC }
quality:
  - { rule: accepted_values, columns: [category], values: [BOOKS, GAMES, MUSIC, TOYS], severity: warn }
workflow:
  trigger: { bucket: "\${buckets.partner_drop_${pad(l)}}" }
`;
    case 'full_sync':
      return `description: "Make ${target} equal to ${source}"
target: ${target}
pattern: full_sync
source: { table: ${source} }
keys: [id]
order_by: [{ column: updated_at, descending: true }]
quality:
  - { rule: not_null, columns: [event_date], severity: quarantine }
`;
    case 'partition_replace':
      return `description: "Rebuild the last week of ${target}"
target: ${target}
pattern: partition_replace
source:
  query: |
    SELECT id, customer_id, event_date, amount, category, updated_at
    FROM \${tables["${source}"].reference}
    WHERE event_date >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY)
audit: { load_time: refreshed_at }
quality:
  - { rule: not_null, columns: [event_date] }
${schedule}`;
    case 'scd2':
      return `description: "Keep every version of each row of ${source}"
target: ${target}
pattern: scd2
source: { table: ${source} }
keys: [id]
scd2:
  track_columns: [amount, category]
  hard_deletes: close
${schedule}`;
  }
}

/**
 * Writes a configuration for `n` tables into `configDir` (which must not exist or be empty).
 * Deterministic: the same `n` gives the same files.
 */
export function generateConfiguration(configDir: string, n: number, options: { loads?: boolean } = {}): GeneratedConfiguration {
  const withLoads = options.loads ?? loadModuleRegistered();
  const counts: Record<string, number> = {};
  const write = (folder: string, name: string, text: string): void => {
    const dir = path.join(configDir, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.yaml`), text);
    counts[folder] = (counts[folder] ?? 0) + 1;
  };
  const datasets = Math.max(1, Math.round(n / 10));
  const procedures = Math.max(1, Math.round(n / 5));
  const loads = withLoads ? Math.max(LOAD_PATTERNS.length, Math.round(n / 10)) : 0;
  const twentieth = Math.max(1, Math.round(n / 20));
  const datasetOf = (i: number): string => datasetName(i % datasets);

  // Loads take the last tables as targets (one each); their sources are plain tables from the front.
  const loadTargets = new Map<number, LoadShape>();
  const loadPlans: { l: number; shape: LoadShape; target: number; source: number }[] = [];
  for (let l = 0; l < loads; l++) {
    const shape = LOAD_PATTERNS[l % LOAD_PATTERNS.length];
    const target = n - 1 - l;
    loadTargets.set(target, shape);
    loadPlans.push({ l, shape, target, source: 4 * (l % Math.max(1, Math.floor((n - loads) / 4))) });
  }

  for (let d = 0; d < datasets; d++) write('datasets', datasetName(d), datasetFile(d));
  const tables: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${tableName(i)}_v1`;
    tables.push(name);
    write('tables', name, tableFile(i, datasetOf(i), loadTargets.get(i)));
  }
  // Procedures read and write tables that no load writes, with the base columns only.
  const free = tables.filter((_t, i) => !loadTargets.has(i));
  for (let p = 0; p < procedures; p++) {
    const source = free[(2 * p) % free.length];
    const target = free[(2 * p + 1) % free.length];
    write('sql-scripts/sprocs', `p_${pad(p)}`, procedureFile(p, datasetOf(tables.indexOf(target)), source, target));
  }
  for (let w = 0; w < twentieth; w++) write('workflows', `wf_${pad(w)}`, workflowFile(w, `p_${pad(w % procedures)}`));
  for (let t = 0; t < twentieth; t++) write('triggers/eventarc', `on_upload_${pad(t)}`, triggerFile(t, `wf_${pad(t % twentieth)}`));
  for (let s = 0; s < twentieth; s++) write('triggers/schedulers', `nightly_${pad(s)}`, schedulerFile(s, `wf_${pad(s % twentieth)}`));
  for (const { l, shape, target, source } of loadPlans) write('loads', `load_${pad(l)}`, loadFile(l, shape, tables[target], tables[source]));
  // The buckets the triggers and file loads name are declared (gdp creates them).
  if (twentieth > 0) write('buckets', 'landing', BUCKET_FILE);
  for (const { l, shape } of loadPlans) if (shape === 'upsert-files') write('buckets', `partner_drop_${pad(l)}`, BUCKET_FILE);
  return { configDir, counts, loads: withLoads, tables };
}

/**
 * Changes `fraction` of the tables of a generated configuration the way a pull request would (a new
 * nullable column and a new description), for the plan benchmark. Returns the files changed.
 */
export function changeTables(configDir: string, tables: readonly string[], fraction: number): string[] {
  const count = Math.max(1, Math.round(tables.length * fraction));
  const step = Math.max(1, Math.floor(tables.length / count));
  const changed: string[] = [];
  for (let k = 0; k < count; k++) {
    const file = path.join(configDir, 'tables', `${tables[(k * step) % tables.length]}.yaml`);
    const text = fs.readFileSync(file, 'utf8').replace(/^description: "(.*)"$/m, 'description: "$1, changed"');
    fs.writeFileSync(file, `${text}  - name: note_${k}\n    type: STRING\n    description: "Added by the change"\n`);
    changed.push(file);
  }
  return changed;
}
