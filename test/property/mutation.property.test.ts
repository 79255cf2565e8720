/**
 * Property: whatever a user does to a valid file, compiling never throws and always ends, either
 * cleanly or with positioned diagnostics.
 */
import fc from 'fast-check';
import { bundledConfiguration, compileFiles, readFolder, SEED_CONFIG } from '../../src/testing';
import type { RawFile } from '../../src/core/loader';

const bundle = bundledConfiguration();
const seeds = readFolder(SEED_CONFIG, 'configuration');
const originals: RawFile[] = [...bundle, ...seeds.map((f) => ({ ...f, relative: f.relative.replace(/([^/]+)\.yaml$/, 'seed_$1.yaml') }))];

/** Text edits a person (or a bad merge) might make. */
const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(':', '- ', '  ', '\n', '${', '$${', '"', "'", '&a', '*a', '[', '{', '#', '\t', '__proto__: 1\n', '!!binary ', '---\n')) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat() }),
);
type Mutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'insert': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'delete': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'duplicateLine': {
      const i = m.at % lines.length;
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'swapLines': {
      const i = m.at % Math.max(1, lines.length - 1);
      [lines[i], lines[i + 1]] = [lines[i + 1] ?? '', lines[i]];
      return lines.join('\n');
    }
  }
}

/**
 * Run counts: CI's by default; GDP_FUZZ_RUNS=<n> sets every property's count (e.g. 50 for a quick local
 * loop, or more for a long hunt).
 */
function runs(ci: number): number {
  const set = Number(process.env.GDP_FUZZ_RUNS);
  return Number.isInteger(set) && set > 0 ? set : ci;
}

describe('compiling mutated configuration', () => {
  it('never throws: every run ends in success or in diagnostics with positions', () => {
    fc.assert(
      fc.property(fc.nat({ max: originals.length - 1 }), fc.array(textMutation, { minLength: 1, maxLength: 4 }), (index, mutations) => {
        const target = originals[index];
        let text = Buffer.from(target.bytes).toString('utf8');
        for (const m of mutations) text = applyMutation(text, m);
        const files: Record<string, string | Uint8Array> = {};
        for (const f of originals) files[f.relative] = f.bytes;
        files[target.relative] = text;
        const result = compileFiles(files, { environments: ['dv', 'pd'] });
        for (const d of result.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.code).not.toBe('GDP900');
        }
      }),
      { numRuns: runs(2000) },
    );
  });

  it('never throws on random bytes in any module folder', () => {
    const folders = [...new Set(originals.map((f) => f.relative.split('/').slice(0, -1).join('/')))];
    fc.assert(
      fc.property(fc.constantFrom(...folders), fc.uint8Array({ maxLength: 300 }), (folder, bytes) => {
        const result = compileFiles({ [`${folder}/random.yaml`]: bytes }, { environments: ['dv'] });
        expect(result.diagnostics.every((d) => d.line >= 1 && d.column >= 1)).toBe(true);
      }),
      { numRuns: runs(1000) },
    );
  });
});
