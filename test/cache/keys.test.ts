/**
 * Pieces of the incremental cache's keys: a key must tell apart every input a cached value depends on.
 */
import fc from 'fast-check';
import { dataKey } from '../../src/core/cache';
import { idsIn, indexIds } from '../../src/sql/ids-in';

describe('dataKey', () => {
  it('tells apart what a computation could tell apart', () => {
    const distinct: unknown[] = [{}, { a: undefined }, { a: null }, { a: 0 }, { a: -0 }, { a: '0' }, { a: [] }, { a: {} }, { a: false }, [undefined], [null], [], [[]], '', 'u', 0, 1, 1.5, true];
    const keys = distinct.map(dataKey);
    expect(keys.every((k) => typeof k === 'string')).toBe(true);
    expect(new Set(keys).size).toBe(distinct.length);
  });

  it('is the same for equal plain data, whatever object it is', () => {
    const make = (): unknown => ({ name: 'l', target: { columns: [{ name: 'id', type: 'STRING' }], partition: undefined }, keys: ['id'] });
    expect(dataKey(make())).toBe(dataKey(make()));
    expect(dataKey({ s: 'a"b' })).not.toBe(dataKey({ s: 'a\\"b' }));
  });

  it('gives no key for values that are not plain data (they are computed, never cached)', () => {
    for (const v of [() => 1, new Map(), new Date(0), { a: new Set() }, [Symbol('s')], { [Symbol('k')]: 1 }, 1n]) expect(dataKey(v)).toBeUndefined();
  });
});

describe('idsIn', () => {
  it('finds the same names as includes, for any text and names (seeded)', () => {
    const char = fc.constantFrom('a', 'b', '_', '1', '-', ' ', '.', '`', '\\');
    const word = fc.array(char, { minLength: 0, maxLength: 5 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), fc.array(word, { maxLength: 8 }), (text, names) => {
        const t = text.join('');
        const expected = [...new Set(names.filter((n) => t.includes(n)))].sort();
        expect(idsIn(t, indexIds([...new Set(names)]))).toEqual(expected);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
