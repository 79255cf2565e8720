/**
 * `resolveFast` gives exactly what cdktf's resolver gives, for plain data and for every kind of token
 * (gdp's own stacks hold none, attribute references being literal expressions, so the token paths are
 * tested here).
 */
import { App, Lazy, TerraformStack, Token } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { resolveFast } from '../../src/synth/cdk/fast-stack';
import { tempDir } from './helpers';

function stack(): TerraformStack {
  return new TerraformStack(new App({ outdir: tempDir(), stackTraces: false }), 'test');
}

describe('resolveFast', () => {
  it('copies plain data and drops undefined values like cdktf', () => {
    // GIVEN plain values with undefined entries, empty lists, nesting, numbers and booleans
    const s = stack();
    const value = {
      a: 'text with $${escaped} and ${data.x.y.z}',
      b: undefined,
      c: [1, undefined, 'two', { d: undefined, e: [] }, null, false],
      f: { g: { h: 1.5e10, i: '1e5 units' } },
      j: null,
    };
    // WHEN resolved both ways THEN the same result
    expect(resolveFast(s, value)).toEqual(resolve(s, value));
    expect(resolveFast(s, value)).toEqual({ a: value.a, c: [1, 'two', { e: [] }, null, false], f: value.f, j: null });
  });

  it('resolves string, list, number and map tokens like cdktf', () => {
    // GIVEN tokens of every kind, alone, inside strings, lists and maps
    const s = stack();
    const str = Lazy.stringValue({ produce: () => 'resolved' });
    const list = Token.asList(Lazy.listValue({ produce: () => ['x', 'y'] }));
    const num = Token.asNumber(Lazy.numberValue({ produce: () => 42 }));
    const map = Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: 'v' }) }));
    const value = {
      str,
      inText: `prefix ${str} suffix`,
      list,
      listInList: ['a', str],
      num,
      numInText: `n=${num}`,
      map,
      nested: [{ deep: { str, num } }],
      lazy: Lazy.anyValue({ produce: () => ({ made: [1, 2] }) }),
    };
    // WHEN resolved both ways THEN the same result
    const expected = resolve(s, value);
    expect(resolveFast(s, value)).toEqual(expected);
    expect(expected).toMatchObject({ str: 'resolved', inText: 'prefix resolved suffix', list: ['x', 'y'], num: 42, lazy: { made: [1, 2] } });
  });

  it('refuses what cdktf refuses', () => {
    // GIVEN a function and a construct WHEN resolved THEN both resolvers throw
    const s = stack();
    expect(() => resolve(s, { f: () => 1 })).toThrow();
    expect(() => resolveFast(s, { f: () => 1 })).toThrow();
    expect(() => resolveFast(s, { c: s })).toThrow();
  });
});
