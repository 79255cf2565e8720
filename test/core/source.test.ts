import { DiagnosticBag } from '../../src/core/diagnostics';
import { MAX_FILE_BYTES, parseSource, parseText, type SourceFile } from '../../src/core/source';

/** Parses text; returns the file (or undefined) and `code line:column message` of each diagnostic. */
function parse(input: string | Uint8Array): { file: SourceFile | undefined; found: string[] } {
  const bag = new DiagnosticBag();
  const file = typeof input === 'string' ? parseText('f.yaml', input, bag) : parseSource('f.yaml', input, bag);
  return { file, found: [...bag].map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`) };
}

/** Position of the first `probe` inside the scalar at `path`, via locateInValue. */
function locateProbe(text: string, path: (string | number)[], probe: string): string {
  const { file } = parse(text);
  let value: unknown = file!.value;
  for (const k of path) value = (value as Record<string | number, unknown>)[k];
  const pos = file!.locateInValue(path, String(value).indexOf(probe));
  return `${pos.line}:${pos.column}`;
}

describe('parseText: YAML problems', () => {
  it('reports a syntax error at its position, without yaml’s own excerpt', () => {
    // GIVEN an unclosed quote WHEN parsed THEN GDP101 at the end of the broken scalar
    expect(parse('a: "unclosed\n')).toEqual({ file: undefined, found: ['GDP101 2:1 Missing closing "quote'] });
    expect(parse('a:\n\tb: 1\n').found).toEqual(['GDP101 2:1 Tabs are not allowed as indentation']);
  });

  it.each([
    ['an empty file', ''],
    ['blank lines', '  \n\n'],
    ['only comments', '# nothing\n  # here\n'],
    ['a lone document marker', '---\n'],
  ])('reports %s as empty', (_name, text) => {
    expect(parse(text)).toEqual({ file: undefined, found: ['GDP102 1:1 the file is empty (or only comments)'] });
  });

  it('reports a duplicate key at the second occurrence, also nested and quoted', () => {
    expect(parse('a: 1\nb: 2\na: 3\n').found).toEqual(['GDP103 3:1 key a appears twice in the same mapping']);
    expect(parse('x:\n  k: 1\n  k: 2\n').found).toEqual(['GDP103 3:3 key k appears twice in the same mapping']);
    expect(parse('a: 1\n"a": 2\n').found).toEqual(['GDP103 2:1 key a appears twice in the same mapping']);
  });

  it.each([
    ['__proto__', 'a: 1\n__proto__: {polluted: true}\n', 'GDP106 2:1 key "__proto__" is not allowed'],
    ['quoted __proto__', '"__proto__": 1\n', 'GDP106 1:1 key "__proto__" is not allowed'],
    ['nested constructor', 'x:\n  constructor: 1\n', 'GDP106 2:3 key "constructor" is not allowed'],
    ['prototype', 'prototype: 1\n', 'GDP106 1:1 key "prototype" is not allowed'],
  ])('refuses a %s key', (_name, text, expected) => {
    expect(parse(text)).toEqual({ file: undefined, found: [expected] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a list used as a key', () => {
    expect(parse('[a]: 1\n').found).toEqual(['GDP101 1:1 a mapping key must be a plain value, not a list, mapping or alias']);
  });

  it('refuses a second YAML document, at its start', () => {
    expect(parse('a: 1\n---\nb: 2\n').found).toEqual(['GDP109 2:1 the file holds 2 YAML documents; gdp reads exactly one per file']);
    expect(parse('---\na: 1\n---\nb: 2\n').found).toEqual(['GDP109 3:1 the file holds 2 YAML documents; gdp reads exactly one per file']);
  });

  it.each([
    ['a list', '- a\n- b\n', 'GDP110 1:1 the file holds a list, not a mapping of fields'],
    ['a string', 'hello\n', 'GDP110 1:1 the file holds a single string, not a mapping of fields'],
    ['a number', '\n42\n', 'GDP110 2:1 the file holds a single number, not a mapping of fields'],
  ])('refuses %s at the top level', (_name, text, expected) => {
    expect(parse(text)).toEqual({ file: undefined, found: [expected] });
  });

  it('refuses custom tags, at the tag', () => {
    expect(parse('a: !foo bar\n').found).toEqual(['GDP113 1:4 Unresolved tag: !foo']);
    expect(parse('a: 1\nb: !thing {x: 1}\n').found).toEqual(['GDP113 2:4 Unresolved tag: !thing']);
  });

  it('accepts the standard !!str tag', () => {
    expect(parse('a: !!str 1\n').file?.value).toEqual({ a: '1' });
  });

  it('expands a few aliases', () => {
    expect(parse('a: &x 1\nb: *x\n').file?.value).toEqual({ a: 1, b: 1 });
  });

  it('stops a "billion laughs" alias bomb quickly with GDP105', () => {
    // GIVEN nine levels of nine aliases each (9^9 strings once expanded)
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) {
      const prev = `*${names[i - 1]}`;
      levels.push(`${names[i]}: &${names[i]} [${Array(9).fill(prev).join(',')}]`);
    }
    // WHEN parsed
    const started = Date.now();
    const { file, found } = parse(levels.join('\n') + '\n');
    // THEN it is refused, fast
    expect(Date.now() - started).toBeLessThan(1000);
    expect(file).toBeUndefined();
    expect(found).toEqual(['GDP105 1:1 aliases would expand more than 100 times (a YAML "billion laughs" document)']);
  });
});

describe('parseSource: bytes', () => {
  it('reports the position of a byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nbb: x'), Buffer.from([0xff]), Buffer.from('yz\n')]);
    expect(parse(bytes)).toEqual({ file: undefined, found: ['GDP104 2:6 byte 0xff at offset 10 is not valid UTF-8'] });
  });

  it('accepts a UTF-8 byte order mark without shifting positions', () => {
    const { file, found } = parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: 1\nb: x\n')]));
    expect(found).toEqual([]);
    expect(file!.value).toEqual({ a: 1, b: 'x' });
    expect(file!.locate(['b'])).toMatchObject({ line: 2, column: 4 });
  });

  it('refuses a file over 1 MiB before parsing it, and accepts one of exactly 1 MiB', () => {
    expect(parse(Buffer.alloc(MAX_FILE_BYTES + 1, 0x61)).found).toEqual(['GDP107 1:1 file is 1,048,577 bytes; the limit is 1,048,576 bytes']);
    const exact = Buffer.concat([Buffer.from('a: '), Buffer.alloc(MAX_FILE_BYTES - 4, 0x62), Buffer.from('\n')]);
    expect(exact.length).toBe(MAX_FILE_BYTES);
    expect(parse(exact).found).toEqual([]);
  });
});

describe('SourceFile.locateInValue', () => {
  it('maps an offset inside a block literal (|-) to its line and column', () => {
    expect(locateProbe('top: 1\nbody: |-\n  BEGIN\n    SELECT ${x};\n  END;\n', ['body'], '${')).toBe('4:12');
  });

  it('counts blank lines inside block literals (|)', () => {
    expect(locateProbe('body: |\n  a\n\n  b ${x}\n', ['body'], '${')).toBe('4:5');
    expect(locateProbe('body: |-\n\n  lead ${x}\n', ['body'], '${')).toBe('3:8');
  });

  it('handles a block literal inside a list, and CRLF line ends', () => {
    expect(locateProbe('l:\n  - |-\n    q\n    r ${x}\n', ['l', 0], '${')).toBe('4:7');
    expect(locateProbe('body: |-\r\n  BEGIN\r\n    SELECT ${x};\r\n  END;\r\n', ['body'], '${')).toBe('3:12');
  });

  it.each([
    ['plain scalar', 'a: hello ${x}\n', '1:10'],
    ['double-quoted scalar (spaced, commented)', 'a:   "hello ${x}"  # c\n', '1:13'],
    ['single-quoted scalar with an escaped quote', "a: 'it''s ${x}'\n", '1:11'],
    ['quoted scalar in a flow mapping', '{a: "v ${x}", b: 1}\n', '1:8'],
  ])('maps an offset inside a single-line %s exactly', (_name, text, expected) => {
    expect(locateProbe(text, ['a'], '${')).toBe(expected);
  });

  it('finds the second reference of a value, not the first', () => {
    expect(locateProbe('a: "x ${y} and ${x}"\n', ['a'], '${x')).toBe('1:16');
  });

  it('falls back to the value’s position when the path is not a scalar', () => {
    const { file } = parse('m:\n  k: v\n');
    expect(file!.locateInValue(['m'], 3)).toMatchObject({ line: 2, column: 3 });
  });
});
