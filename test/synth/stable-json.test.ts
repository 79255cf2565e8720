/**
 * The streaming writer of stacks writes exactly what cdktf's serializer (json-stable-stringify, space 2)
 * returns, for any JSON-like value: cdk.tf.json must not change by a byte.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import fc from 'fast-check';
import { writeStableJson } from '../../src/synth/cdk/stable-json';
import { tempDir } from './helpers';

const stableStringify = createRequire(require.resolve('cdktf/package.json'))('json-stable-stringify') as (value: unknown, options: { space: number }) => string;

function written(value: unknown): string {
  const file = path.join(tempDir(), 'out.json');
  writeStableJson(file, value);
  return fs.readFileSync(file, 'utf8');
}

describe('writeStableJson', () => {
  it('writes what cdktf writes for empty containers, skipped values, toJSON and unsorted keys', () => {
    // GIVEN values where json-stable-stringify differs from JSON.stringify or drops entries
    const value = {
      z: [],
      a: {},
      m: [undefined, () => 1, { k: undefined, f: () => 1, s: Symbol('x') }, null, NaN, -0, 1e21],
      d: new Date(Date.UTC(2026, 0, 2)),
      t: { toJSON: () => ({ b: 1, a: [2] }) },
      u: { toJSON: () => undefined },
      'é\u2028"\\': 'line\nbreak \ud800 ${x}',
      nested: { b: { d: [[], [{}]], c: true } },
    };
    // WHEN written THEN the same text as cdktf's serializer
    expect(written(value)).toBe(stableStringify(value, { space: 2 }));
  });

  it('writes what cdktf writes for any JSON value, larger than one write', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expect(written(value)).toBe(stableStringify(value, { space: 2 }));
      }),
      { numRuns: 200 },
    );
    // a value of several buffers (the writer flushes every 64 Ki characters)
    const big = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${(i * 7919) % 5000}`, { v: 'x'.repeat(i % 50), n: [i, { i }] }]));
    expect(written(big)).toBe(stableStringify(big, { space: 2 }));
  });

  it('refuses a cycle like cdktf', () => {
    // GIVEN an object that contains itself
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    // WHEN written THEN the same error
    expect(() => written(cyclic)).toThrow('Converting circular structure to JSON');
    expect(() => stableStringify(cyclic, { space: 2 })).toThrow('Converting circular structure to JSON');
  });
});
