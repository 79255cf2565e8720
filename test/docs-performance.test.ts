/** The performance tables of README.md and docs/performance.md must be those of bench/results.json. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fillSections } from '../src/docs/generate';
import { machineLine, PERFORMANCE_DOCS, performanceSections, readResults } from '../src/docs/performance';
import { ROOT } from '../src/testing';

const results = readResults(ROOT);

describe('performance documentation', () => {
  it.each(Object.entries(PERFORMANCE_DOCS))('%s has its generated performance sections, up to date with bench/results.json (run `npm run docs`)', (doc, sections) => {
    const text = readFileSync(path.join(ROOT, doc), 'utf8');
    for (const name of sections) {
      expect(text).toContain(`<!-- gdp:${name}:start -->`);
      expect(text).toContain(`<!-- gdp:${name}:end -->`);
    }
    expect(fillSections(text, performanceSections(results))).toBe(text);
  });

  it('shows a changed result: a stale table is caught', () => {
    // GIVEN the README WHEN one run's CPU differs from what it shows THEN filling changes it
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const [first, ...rest] = results.runs.filter((r) => !r.skipped);
    const changed = { ...results, runs: [{ ...first, cpu_s: (first.cpu_s ?? 0) + 1000 }, ...rest] };
    expect(fillSections(readme, performanceSections(changed))).not.toBe(readme);
  });

  it('states the machine, the sizes and the total time of the run', () => {
    const line = machineLine(results);
    expect(line).toContain(`${results.total_s.toLocaleString('en-US')} s in all`);
    for (const n of results.options.sizes) expect(line).toContain(n.toLocaleString('en-US'));
  });
});
