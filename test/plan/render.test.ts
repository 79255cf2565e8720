/**
 * The renderers on real plans: markdown for pull request comments (summary, risks, details with unified
 * diffs of un-escaped text, decoded scheduler bodies, the size limit), text and JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plan, ResourceChange } from '../../src/plan/model';
import { renderJson } from '../../src/plan/render-json';
import { COMMENT_MARKER, MAX_COMMENT_LENGTH, renderMarkdown } from '../../src/plan/render-markdown';
import { renderText } from '../../src/plan/render-text';
import { ROOT } from '../../src/testing';
import { COLUMNS, PROBE_DATASET, planWorkspace, probeTable, workspace } from './helpers';

const bundled = (rel: string): string => fs.readFileSync(path.join(ROOT, 'configuration', rel), 'utf8');

describe('markdown', () => {
  let markdown: string;
  let text: string;
  beforeAll(async () => {
    const ws = workspace({
      both: { 'datasets/probe.yaml': PROBE_DATASET, 'tables/probe_v1.yaml': probeTable(COLUMNS) },
      head: {
        'workflows/daily_orders.yaml': bundled('workflows/daily_orders.yaml').replace('max_retries: 3', 'max_retries: 5'),
        'triggers/schedulers/daily_orders.yaml': bundled('triggers/schedulers/daily_orders.yaml').replace('"scheduler"', '"cron"'),
        'tables/probe_v1.yaml': probeTable(COLUMNS.replace('type: INTEGER', 'type: NUMERIC')),
      },
    });
    const run = await planWorkspace(ws, { environments: ['dv', 'pd'] });
    markdown = renderMarkdown(run.plan!, run.diagnostics);
    text = renderText(run.plan!);
  });

  it('starts with the marker and a summary table of every environment', () => {
    expect(markdown.startsWith(`${COMMENT_MARKER}\n## gdp plan\n\nComparing base \`folder base/configuration\` with head \`working tree (head/configuration)\`.\n`)).toBe(true);
    expect(markdown).toContain('| **dv** | 0 | 2 | 1 | 0 |');
    expect(markdown).toMatch(/\| \*\*pd\*\* \| 0 \| 2 \| 1 \| 0 \| \d+ \| 1 DATA LOSS \(1 blocked\), 1 WILL FAIL AT APPLY \|/);
    expect(markdown).toContain('> [!CAUTION]\n> 1 data-losing change is blocked in pd, which does not allow data loss.');
  });

  it('lists risks with what to do instead, and marks blocked changes', () => {
    expect(markdown).toContain('| ⛔ replace | `google_bigquery_table.table_probe_v1` | `head/configuration/tables/probe_v1.yaml` | schema: 1 column type changed (replaces the table) |');
    expect(markdown).toContain('- **DATA LOSS** (GDP810) `google_bigquery_table.table_probe_v1`: table probe_v1 is destroyed and created again (schema: amount: a type change replaces the table), so every row is lost.');
    expect(markdown).toContain('⛔ **blocked**: this environment does not allow data loss.\n  **Instead:** Keep probe_v1 unchanged and declare the new definition as a new table probe_v2');
    expect(markdown).toContain('(allowed in this environment)');
  });

  it('shows column changes as a table and long text as a unified diff with Terraform escapes undone', () => {
    expect(markdown).toContain('| `amount` | type INTEGER → NUMERIC | **replace: a type change replaces the table** |');
    expect(markdown).toContain('- `source_contents`: text changed\n\n```diff\n@@ -');
    expect(markdown).toContain('           predicate: ${http.default_retry_predicate}\n-          max_retries: 3\n+          max_retries: 5\n');
    expect(markdown).not.toContain('$${');
  });

  it('decodes a scheduler body and expands the JSON inside it', () => {
    expect(markdown).toContain('- `http_target.body (base64, decoded)`: text changed');
    expect(markdown).toMatch(/-\s+"source": "scheduler",\n\+\s+"source": "cron",/);
  });

  it('puts every change in a details block', () => {
    expect(markdown).toContain('<details><summary><code>google_workflows_workflow.workflow_daily_orders</code>: update in place</summary>');
    expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
  });

  it('renders text in Terraform’s spirit', () => {
    expect(text).toContain('dv: 0 to create, 2 to update in place, 1 to replace, 0 to destroy,');
    expect(text).toContain('  -/+ google_bigquery_table.table_probe_v1 (replace) [head/configuration/tables/probe_v1.yaml] BLOCKED');
    expect(text).toContain('          amount: type INTEGER → NUMERIC (replace: a type change replaces the table');
    expect(text).toContain('        DATA LOSS GDP810 [blocked]: table probe_v1 is destroyed and created again (schema: amount: a type change replaces the table)');
  });
});

describe('environments with the same changes', () => {
  it('shows the details once and refers to them from the other environments', async () => {
    const ws = workspace({ both: { 'datasets/probe.yaml': PROBE_DATASET }, base: { 'tables/probe_v1.yaml': probeTable(COLUMNS) }, head: { 'tables/probe_v1.yaml': probeTable(`${COLUMNS}  - name: extra\n    type: STRING\n`) } });
    const md = renderMarkdown((await planWorkspace(ws, { environments: ['dv', 'qa', 'np', 'pd'] })).plan!);
    expect(md.match(/<details>/g)?.length).toBe(1);
    expect(md.match(/The risks and details are the same as in \*\*dv\*\*\./g)?.length).toBe(3);
    expect(md).toContain('### pd\n\n_pd does not allow data loss: data-losing changes fail the plan unless acknowledged._\n\n| Action | Resource | File | What changes |\n|---|---|---|---|\n| update in place | `google_bigquery_table.table_probe_v1` |');
  });
});

describe('the comment size limit', () => {
  const change = (i: number): ResourceChange => ({
    address: `google_workflows_workflow.workflow_w${i}`,
    type: 'google_workflows_workflow',
    name: `workflow_w${i}`,
    action: 'update',
    attributes: [{ path: 'source_contents', change: 'changed', before: 'a\n'.repeat(400), after: 'b\n'.repeat(400), forcesReplacement: false }],
    replaceReasons: [],
    risks: [],
    blocked: false,
  });
  const plan = (n: number): Plan => ({
    base: { spec: 'a', label: 'a', kind: 'folder' },
    head: { spec: 'b', label: 'b', kind: 'folder' },
    environments: [{ env: 'dv', allowDataLoss: true, counts: { create: 0, update: n, replace: 0, destroy: 0, unchanged: 0 }, changes: Array.from({ length: n }, (_, i) => change(i)) }],
    blocked: 0,
    notes: [],
  });

  it('drops the diffs of a plan too long for a comment', () => {
    const md = renderMarkdown(plan(40));
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(md).not.toContain('```diff');
    expect(md).toContain('- `source_contents`: text changed');
  });

  it('cuts a plan that is still too long, and says so', () => {
    const md = renderMarkdown(plan(2000));
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(md).toMatch(/The plan is too long for a comment and was cut/);
  });

  it('keeps the diffs when they fit', () => {
    expect(renderMarkdown(plan(1))).toContain('```diff\n@@ -1,400 +1,400 @@');
  });
});

describe('json', () => {
  it('holds the plan, the diagnostics and the exit code', async () => {
    const ws = workspace({ both: { 'datasets/probe.yaml': PROBE_DATASET }, head: { 'tables/probe_v1.yaml': probeTable(COLUMNS) } });
    const run = await planWorkspace(ws);
    const json = JSON.parse(renderJson(run.plan, run.diagnostics, run.exitCode)) as { version: number; exitCode: number; plan: Plan; diagnostics: unknown[] };
    expect(json.version).toBe(1);
    expect(json.exitCode).toBe(0);
    expect(json.plan.environments[0].changes).toEqual([
      expect.objectContaining({ address: 'google_bigquery_table.table_probe_v1', action: 'create', source: 'head/configuration/tables/probe_v1.yaml', risks: [], blocked: false }),
    ]);
  });
});
