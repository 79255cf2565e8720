import { isScalar, parseDocument, visit } from 'yaml';
import { mayWriteWholeDouble } from '../../src/modules/workflow/deployed-values';

/** The truth from the syntax tree: some number scalar has a whole value and is written as a double. */
function writesWholeDouble(text: string): boolean {
  let found = false;
  visit(parseDocument(text), {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) return;
      if ((node.minFractionDigits ?? 0) > 0 || /[.eE]/.test(String(node.source ?? ''))) found = true;
    },
  });
  return found;
}

describe('the pre-check that spares parsing a workflow file again for its doubles', () => {
  const doubles = [
    'ratio: 2.0',
    'big: 1e3',
    'x: -1.0e+2',
    'x: .5e1',
    'x: +3.',
    'list: [1, 2.0]',
    'map: {a: 4.0}',
    'json: {"a":5.0}',
    '- 6.0',
    'x: 7.0 # a comment',
    'x: 8.0\r\ny: 1',
    'a:\n  b:\n    - c: 1.0',
    '%YAML 1.1\n---\nx: 1:30.0',
  ];
  it.each(doubles)('finds the whole double in %j', (text) => {
    expect(writesWholeDouble(text)).toBe(true);
    expect(mayWriteWholeDouble(text)).toBe(true);
  });

  const none = [
    'call: googleapis.bigquery.v2.jobs.insert',
    'x: 2',
    'x: 2.5',
    'x: "2.0"',
    "x: '1e3'",
    'query: CALL p(7.0)',
    'lookback: $${default(map.get(args, "lookback"), 7)}',
    'version: v1.0',
  ];
  it.each(none)('lets %j skip the syntax tree', (text) => {
    expect(writesWholeDouble(text)).toBe(false);
    expect(mayWriteWholeDouble(text)).toBe(false);
  });

  it('never says no where the syntax tree has a whole double (random texts)', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const numbers = ['1', '2.0', '3.5', '1e2', '-4.0', '+.5', '.5e1', '6.', '1_0', '0x1F', '2.0e-1', '1E3', '.inf'];
    const shapes = ['k: N', 'k: [N, N]', 'k: {a: N}', '- N', 'k: "N"', 'k: vN.x', 'k: N # c', 'k: {"a":N}', 'k: (N)', 'k: a N b'];
    for (let i = 0; i < 2000; i++) {
      const lines = Array.from({ length: 1 + random(3) }, (_, j) => shapes[random(shapes.length)].replace(/N/g, () => numbers[random(numbers.length)]).replace(/^k/, `k${j}`));
      const text = lines.every((l) => l.startsWith('- ')) || lines.every((l) => !l.startsWith('- ')) ? lines.join('\n') : lines[0];
      if (writesWholeDouble(text)) expect([text, mayWriteWholeDouble(text)]).toEqual([text, true]);
    }
  });
});
