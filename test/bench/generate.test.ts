/** The benchmark's generator: valid configurations of the promised shape, and the plan's 1% change. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateProject } from '../../src/api';
import { changeTables, generateConfiguration, LOAD_PATTERNS, loadModuleRegistered } from '../../src/bench/generate';
import { ENVIRONMENTS_DIR, tempDir, readTreeText } from './helpers';

jest.setTimeout(120_000);

describe('generateConfiguration', () => {
  it('writes N tables, N/10 datasets, N/5 procedures, N/10 loads, N/20 workflows, triggers and jobs, and their buckets', () => {
    // GIVEN N = 200 WHEN generated THEN the counts of the issue
    const g = generateConfiguration(path.join(tempDir(), 'configuration'), 200);
    expect(g.counts).toEqual({
      datasets: 20,
      tables: 200,
      'sql-scripts/sprocs': 40,
      workflows: 10,
      'triggers/eventarc': 10,
      'triggers/schedulers': 10,
      // the landing bucket of the triggers, and one for each of the 3 file loads (every sixth load reads files)
      ...(loadModuleRegistered() ? { loads: 20, buckets: 4 } : { buckets: 1 }),
    });
    expect(g.tables).toHaveLength(200);
  });

  it('uses every load pattern, nested schemas and partitioning', () => {
    // GIVEN a generated configuration THEN every pattern, nested records and time partitioning appear
    const dir = generateConfiguration(path.join(tempDir(), 'configuration'), 100).configDir;
    const files = readTreeText(dir);
    const tables = Object.entries(files).filter(([f]) => f.startsWith('tables/'));
    expect(tables.filter(([, t]) => t.includes('type: RECORD')).length).toBeGreaterThan(20);
    expect(tables.filter(([, t]) => t.includes('time_partitioning:')).length).toBeGreaterThan(20);
    if (loadModuleRegistered()) {
      const loads = Object.entries(files).filter(([f]) => f.startsWith('loads/')).map(([, t]) => t);
      for (const pattern of ['append', 'upsert', 'full_sync', 'partition_replace', 'scd2']) expect(loads.some((t) => t.includes(`pattern: ${pattern}`))).toBe(true);
      expect(loads.some((t) => t.includes('files:'))).toBe(true);
      expect(LOAD_PATTERNS).toHaveLength(6);
    }
  });

  it('is valid for every environment, SQL included', async () => {
    // GIVEN a generated configuration WHEN validated with the SQL check THEN no error
    const dir = generateConfiguration(path.join(tempDir(), 'configuration'), 60).configDir;
    const result = await validateProject({ configDir: dir, environmentsDir: ENVIRONMENTS_DIR });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Warnings are the path_pattern guards only (and, without a ZetaSQL server, "SQL not checked").
    expect([...new Set(result.diagnostics.map((d) => d.code))].filter((c) => c !== 'GDP571' && c !== 'GDP629')).toEqual([]);
  });

  it('is deterministic', () => {
    // GIVEN the same N twice WHEN generated THEN the same files
    const a = generateConfiguration(path.join(tempDir(), 'configuration'), 50).configDir;
    const b = generateConfiguration(path.join(tempDir(), 'configuration'), 50).configDir;
    expect(readTreeText(a)).toEqual(readTreeText(b));
  });
});

describe('changeTables', () => {
  it('changes 1% of the tables with a new column, and the result stays valid', async () => {
    // GIVEN a generated configuration of 200 tables WHEN 1% is changed
    const g = generateConfiguration(path.join(tempDir(), 'configuration'), 200);
    const before = readTreeText(g.configDir);
    const changed = changeTables(g.configDir, g.tables, 0.01);
    // THEN two table files differ, each with a new nullable column, and nothing else
    expect(changed).toHaveLength(2);
    const after = readTreeText(g.configDir);
    const differing = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(differing.sort()).toEqual(changed.map((f) => path.relative(g.configDir, f)).sort());
    for (const f of changed) expect(fs.readFileSync(f, 'utf8')).toMatch(/- name: note_\d+\n {4}type: STRING\n/);
    const result = await validateProject({ configDir: g.configDir, environmentsDir: ENVIRONMENTS_DIR, sqlCheck: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
