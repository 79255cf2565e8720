/** `gdp plan --split-by`: changes per stack, and a resource that changes stack shown as a move. */
import * as path from 'node:path';
import { ROOT, tempDir } from '../../src/testing';
import { cli } from '../../src/testing/cli';
import { writeFiles } from '../synth/helpers';

const DATASET = 'description: "d"\nconfidentiality: c2\nlocation: eu\n';
const table = (id: string, dataset: string): string =>
  `table_id: ${id}\ndataset: ${dataset}\nversion: 1\ndescription: "${id}"\nschema:\n  - name: id\n    type: STRING\n    mode: REQUIRED\n    description: "Key"\n`;

it('groups the changes by stack and shows a table that changes dataset as a move between stacks', async () => {
  const base = tempDir('gdp-plan-base-');
  const head = tempDir('gdp-plan-head-');
  const common = { 'datasets/alpha.yaml': DATASET, 'datasets/beta.yaml': DATASET, 'tables/totals_v1.yaml': table('totals', 'beta') };
  writeFiles(base, { ...common, 'tables/items_v1.yaml': table('items', 'alpha') });
  writeFiles(head, { ...common, 'tables/items_v1.yaml': table('items', 'beta') });
  const run = await cli(['plan', '--base', base, '--head', head, '--env', 'dv', '--environments', path.join(ROOT, 'environments'), '--split-by', 'dataset', '--format', 'json']);
  const out = JSON.parse(run.stdout) as { stacks: { env: string; changes: Record<string, string[]>; moves: unknown[] }[] };
  expect(out.stacks).toEqual([
    {
      env: 'dv',
      changes: { 'dv-beta': ['google_bigquery_table.table_items_v1'] },
      moves: [{ address: 'google_bigquery_table.table_items_v1', from: 'dv-alpha', to: 'dv-beta' }],
    },
  ]);
  const text = await cli(['plan', '--base', base, '--head', head, '--env', 'dv', '--environments', path.join(ROOT, 'environments'), '--split-by', 'dataset']);
  expect(text.stdout).toContain('moves between stacks: google_bigquery_table.table_items_v1 from dv-alpha to dv-beta');
});

it('refuses a split whose stacks need each other with one located GDP850, not an internal error', async () => {
  const base = tempDir('gdp-plan-base-');
  const head = tempDir('gdp-plan-head-');
  const reads = (id: string, dataset: string, table: string): string =>
    `routine_id: ${id}\ndataset_id: ${dataset}\ndescription: "${id}"\ndefinition_body: |-\n  BEGIN\n    SELECT id FROM \${tables["${table}"].reference};\n  END\n`;
  const common = { 'datasets/alpha.yaml': DATASET, 'datasets/beta.yaml': DATASET, 'tables/items_v1.yaml': table('items', 'alpha'), 'tables/totals_v1.yaml': table('totals', 'beta') };
  writeFiles(base, common);
  // beta reads alpha and alpha reads beta: no order applies one before the other.
  writeFiles(head, { ...common, 'sql-scripts/sprocs/sum_items.yaml': reads('sum_items', 'beta', 'items_v1'), 'sql-scripts/sprocs/back.yaml': reads('back', 'alpha', 'totals_v1') });
  const run = await cli(['plan', '--base', base, '--head', head, '--env', 'dv', '--environments', path.join(ROOT, 'environments'), '--split-by', 'dataset']);
  expect(run.code).toBe(1);
  expect(run.stderr.match(/error GDP850/g)).toHaveLength(1);
  expect(run.stderr).not.toMatch(/GDP900|internal/i);
});
