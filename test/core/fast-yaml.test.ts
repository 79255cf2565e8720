/**
 * The fast path (js-yaml) against the slow path (`yaml`): for every file, the public parseText gives
 * the same value (types, -0, NaN and key order included) and the same diagnostics as parseWithPositions,
 * and positions of a file read on the fast path are those of the slow path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { generateConfiguration } from '../../src/bench/generate';
import { reportControlCharacters } from '../../src/core/control-chars';
import { DiagnosticBag } from '../../src/core/diagnostics';
import { fastRead } from '../../src/core/fast-yaml';
import { parseSource, parseText, parseWithPositions, type SourceFile, type ValuePath } from '../../src/core/source';
import { ROOT, SEED_CONFIG, tempDir } from '../../src/testing';

/** The first difference between two parsed values (Object.is for scalars, prototypes, key order), or undefined. */
function difference(a: unknown, b: unknown, at = '$'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${at}: ${shown(a)} ≠ ${shown(b)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: different kinds of collection`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${at}: keys ${JSON.stringify(ka)} ≠ ${JSON.stringify(kb)}`;
  for (const k of ka) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

function shown(v: unknown): string {
  return `${typeof v} ${Object.is(v, -0) ? '-0' : JSON.stringify(v) ?? String(v)}`;
}

/** Every value path of a parsed value, collections included. */
function paths(value: unknown, at: ValuePath = []): ValuePath[] {
  const out: ValuePath[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function diagnosticsOf(parse: (bag: DiagnosticBag) => SourceFile | undefined): { file: SourceFile | undefined; found: string[] } {
  const bag = new DiagnosticBag();
  const file = parse(bag);
  if (file) reportControlCharacters(file, bag);
  return { file, found: [...bag].map((d) => JSON.stringify(d)) };
}

/** Problems found comparing the public parser with the slow path on one text (empty: identical). */
function compare(name: string, text: string, options: { positions?: boolean } = {}): string[] {
  const slow = diagnosticsOf((bag) => parseWithPositions(name, text, bag));
  let pub: ReturnType<typeof diagnosticsOf>;
  try {
    pub = diagnosticsOf((bag) => parseText(name, text, bag));
  } catch (e) {
    return [`${name}: the public parser throws ${String(e)}\n--- text ---\n${text}`];
  }
  const problems: string[] = [];
  if (slow.found.join('\n') !== pub.found.join('\n')) problems.push(`diagnostics differ:\n  slow ${slow.found.join('\n  slow ')}\n  fast ${pub.found.join('\n  fast ')}`);
  if (!slow.file !== !pub.file) problems.push(`slow path ${slow.file ? 'accepts' : 'refuses'} the file, public parser does not`);
  if (slow.file && pub.file) {
    const d = difference(slow.file.value, pub.file.value);
    if (d) problems.push(`values differ at ${d}`);
    else if (options.positions !== false) {
      for (const p of paths(slow.file.value)) {
        const [s, f] = [slow.file.locate(p), pub.file.locate(p)];
        if (JSON.stringify(s) !== JSON.stringify(f)) problems.push(`position of ${p.join('.')} differs`);
      }
    }
  }
  return problems.map((p) => `${name}: ${p}\n--- text ---\n${text}`);
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(full);
  }
  return out.sort();
}

const SEED_DIR = path.dirname(SEED_CONFIG);
const REAL_FILES: readonly string[] = [
  ...yamlFilesUnder(SEED_DIR),
  ...yamlFilesUnder(path.join(ROOT, 'configuration')),
  ...yamlFilesUnder(path.join(ROOT, 'environments')),
  ...yamlFilesUnder(path.join(ROOT, 'examples')).filter((f) => !f.includes('node_modules')),
  ...yamlFilesUnder(path.join(ROOT, 'test', 'corpus')),
];

describe('the fast path reads real files exactly as the slow path', () => {
  it('seed examples, bundled configuration, environments, examples and the test corpus', () => {
    expect(REAL_FILES.length).toBeGreaterThan(40);
    const problems = REAL_FILES.flatMap((f) => compare(path.relative(ROOT, f), fs.readFileSync(f, 'utf8')));
    expect(problems).toEqual([]);
  });

  it('takes the fast path for every seed example, bundled configuration and environment file', () => {
    const configs = [...yamlFilesUnder(SEED_CONFIG), ...yamlFilesUnder(path.join(ROOT, 'configuration')), ...yamlFilesUnder(path.join(ROOT, 'environments'))];
    const slow = configs.filter((f) => fastRead(fs.readFileSync(f, 'utf8')) === undefined);
    expect(slow.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('a generated project: same values, and every file on the fast path', () => {
    const dir = generateConfiguration(path.join(tempDir(), 'configuration'), 80).configDir;
    const files = yamlFilesUnder(dir);
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((f) => compare(path.relative(dir, f), fs.readFileSync(f, 'utf8'), { positions: false }));
    expect(problems).toEqual([]);
    expect(files.filter((f) => fastRead(fs.readFileSync(f, 'utf8')) === undefined)).toEqual([]);
  });
});

/** Plain, quoted and block scalars where YAML parsers (and YAML 1.1 vs 1.2) tend to disagree. */
const TRICKY_SCALARS = [
  // over YAML's 1,024-character limit on implicit keys: an error as a key, fine as a value
  'k'.repeat(1024),
  'k'.repeat(1025),
  'k'.repeat(1030),
  // numbers
  '0', '1', '-1', '+1', '-0', '+0', '00', '017', '08', '0.', '.5', '+.5', '-.5', '1.', '1.0', '1.50', '0.1', '1e3', '1E3', '1e+3', '1e-3',
  '-1.5e-3', '.5e2', '1.e2', '1e', 'e3', '0x1F', '0X1F', '0x', '0xg', '0o17', '0O17', '0o8', '0b101', '1_000', '1__0', '_1', '1,000',
  '12345678901234567890', '9007199254740993', '-9007199254740993', '1e400', '-1e400', '4.9e-330', '1:20', '190:20:30', '12:30:00', '--1', '1-', '+-1',
  // special floats
  '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.iNf', '.nan', '.NaN', '.NAN', '-.nan', 'inf', 'nan', 'NaN', 'Infinity', '-Infinity',
  // booleans and nulls, YAML 1.1 and 1.2 spellings
  'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'y', 'Y', 'n', 'N', 'null', 'Null', 'NULL', 'nULL', '~', '',
  // dates and other YAML 1.1 types
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '=', '<<',
  // strings with indicators
  'a b', 'a  b', 'a #b', 'a#b', '@x', '`x', '%x', '-', '--', '---', '...', '?x', ':x', 'x:', 'x::y', 'http://x/y?a=b#c', "it's", 'a"b',
  '$${x}', '${x}', '${tables.t.id}', 'SELECT * FROM t', 'a & b', 'wow!', 'a|b', 'a>b', 'a, b', '[x', '{x', 'x]', 'x}', 'a\\b', 'é', '日本',
  '😀', 'a\u00a0b', 'a\u2028b', 'a\u0085b',
  // quoted
  '"a\\tb"', '"\\x41"', '"\\u00e9"', '"\\U0001F600"', '"\\N"', '"\\_"', '"\\L"', '"\\P"', '"\\/"', '"\\ "', '"\\e"', '"\\a"', '"\\0"', '"\\ud800"',
  '"\\ud83d\\ude00"', '"\\q"', '"\\x4"', '""', '"1"', '"true"', '"null"', '"~"', '"a\\\\b"', '"a\\"b"', "'a''b'", "''", "'1'", "'\\n'", '"#x"',
  '"a\n  b"', '"a\n\n  b"', '"a \\\n  b"', "'a\n  b'", "'a\n\n  b'", '"unterminated', "'unterminated",
  // multi-line plain scalars
  'a\n  b', 'a\n\n  b', 'a\n  # not a comment\n  b', 'a  \n  b', 'a\n b',
  // block scalars, every chomping and indentation indicator
  '|\n  a\n  b\n', '|-\n  a\n', '|+\n  a\n\n', '>\n  a\n  b\n\n  c\n', '>-\n  a\n   b\n  c\n', '|2\n   a\n', '>+\n  a\n', '|\n\n  a\n', '|\n  a\n\n\n',
  '|1-\n  a\n', '>\n  a\n\n\n  b\n', '>\n    indented\n  a\n', '|\n  a\n # comment\n', '|-\n  SELECT 1;\n\n  SELECT 2;\n', '| # c\n  a\n', '|0\n  a\n',
  '|\n  \u00e9 \t x\n', '>\n  a\u00a0\n  b\n',
] as const;

/** The tricky scalars that fit on one line inside a flow collection. */
const FLOW_SCALARS: readonly string[] = TRICKY_SCALARS.filter((s) => !s.includes('\n') && !/^[|>]/.test(s));

/** Keys: ordinary words, reserved ones and keys that are not strings. */
const KEYS = ['name', 'a', 'b_c', 'x-y', 'type', '"quoted"', "'single'", '1', '-0', '1.0', 'true', 'null', '~', '.inf', '.nan', '"1"', '"null"', '""',
  '__proto__', 'constructor', '"prototype"', 'toString', 'hasOwnProperty', '<<', '? complex', '[a]', '{a: 1}', 'a b', 'é', '${x}', '"a\\tb"', '"\\x07"'];

/** A generated document: mappings and lists of tricky scalars and flow collections. */
type Tree = { scalar: string } | { pairs: [string, Tree, string][] } | { items: Tree[] };

const document: fc.Arbitrary<string> = fc.letrec<{ node: Tree; map: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TRICKY_SCALARS).map((scalar) => ({ scalar })),
    fc.constantFrom(...FLOW_SCALARS).chain((a) =>
      fc.constantFrom(`[${a}]`, `[${a}, x, [${a}]]`, `{k: ${a}}`, `{k: [${a}], ${a}: 1}`, `[{a: ${a}}]`, '[]', '{}').map((scalar) => ({ scalar })),
    ),
    tie('map'),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ items })),
  ),
  map: fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('node'), fc.constantFrom('', '', ' # c')), { minLength: 1, maxLength: 4 }).map((pairs) => ({ pairs })),
})).map.chain((t) => fc.constantFrom(render(t, 0) + '\n', renderFlow(t, 0) + '\n'));

function render(t: Tree, indent: number): string {
  const pad = ' '.repeat(indent);
  const inline = (s: string): string => s.replace(/\n/g, `\n${pad}  `);
  if ('scalar' in t) return t.scalar;
  if ('pairs' in t) {
    return t.pairs.map(([k, v, comment]) => ('scalar' in v ? `${pad}${k}: ${inline(v.scalar)}${v.scalar.includes('\n') ? '' : comment}` : `${pad}${k}:${comment}\n${render(v, indent + 2)}`)).join('\n');
  }
  return t.items.map((v) => ('scalar' in v ? `${pad}- ${inline(v.scalar)}` : `${pad}-\n${render(v, indent + 2)}`)).join('\n');
}

/** A tree as a multi-line flow document (the shape of a JSON file), block scalars replaced by quoted ones. */
function renderFlow(t: Tree, indent: number): string {
  const pad = ' '.repeat(indent);
  if ('scalar' in t) return FLOW_SCALARS.includes(t.scalar) ? t.scalar : JSON.stringify(t.scalar);
  if ('pairs' in t) return `{\n${t.pairs.map(([k, v]) => `${pad}  ${k}: ${renderFlow(v, indent + 2)}`).join(',\n')}\n${pad}}`;
  return `[\n${t.items.map((v) => `${pad}  ${renderFlow(v, indent + 2)}`).join(',\n')}\n${pad}]`;
}

/** Edits a person (or a bad merge) might make, so that broken files are compared too. */
const edit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'delete', 'crlf', 'indent', 'none', 'none'),
  text: fc.constantFrom(':', '- ', '  ', '\n', '"', "'", '&a ', '*a', '!!str ', '! ', '!x ', '[', '{', '#', '\t', '---\n', '...\n', '%YAML 1.1\n', '? ', '<<: ', ',', '\u0007', '\uFEFF', '\r'),
});

function applyEdit(text: string, e: { at: number; kind: string; text: string }): string {
  const i = e.at % (text.length + 1);
  if (e.kind === 'insert') return text.slice(0, i) + e.text + text.slice(i);
  if (e.kind === 'delete') return text.slice(0, i) + text.slice(i + 1 + (e.at % 5));
  if (e.kind === 'crlf') return text.replace(/\n/g, '\r\n');
  if (e.kind === 'indent') return text.replace(/\n/g, '\n  ');
  return text;
}

describe('the fast path on generated tricky documents', () => {
  it('every tricky scalar as a value, a list item and a flow item', () => {
    const problems = TRICKY_SCALARS.flatMap((s) => [
      compare(`value ${JSON.stringify(s)}`, `k: ${s}\nz: 1\n`),
      compare(`item ${JSON.stringify(s)}`, `k:\n  - ${s.replace(/\n/g, '\n  ')}\n  - x\n`),
      compare(`crlf ${JSON.stringify(s)}`, `k: ${s}\nz: 1\n`.replace(/\n/g, '\r\n')),
      s.includes('\n') ? [] : compare(`flow ${JSON.stringify(s)}`, `k: [${s}, {a: ${s}}]\n`),
      s.includes('\n') ? [] : compare(`key ${JSON.stringify(s)}`, `${s}: v\nz: 1\n`),
    ]).flat();
    expect(problems).toEqual([]);
  });

  it('a line longer than 1,024 characters (the YAML limit on implicit keys) takes the slow path, at any place', () => {
    const line = (n: number): string => `k${'x'.repeat(n - 4)}: 1`;
    for (const [before, after] of [['', '\n'], ['a: 1\n', '\nz: 2\n'], ['a: 1\r\n', '']]) {
      expect(line(1024)).toHaveLength(1024);
      expect(fastRead(`${before}${line(1024)}${after}`)).toBeDefined();
      expect(fastRead(`${before}${line(1025)}${after}`)).toBeUndefined();
    }
  });

  it('random documents and random edits of them (seeded)', () => {
    fc.assert(
      fc.property(document, fc.array(edit, { maxLength: 2 }), (text, edits) => {
        const edited = edits.reduce((t, e) => applyEdit(t, e), text);
        expect(compare('random.yaml', edited)).toEqual([]);
      }),
      { seed: 14, numRuns: 800 },
    );
  });

  it('random edits of the real files (seeded)', () => {
    const texts = REAL_FILES.map((f) => fs.readFileSync(f, 'utf8'));
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), (pick, edits) => {
        const edited = edits.reduce((t, e) => applyEdit(t, e), texts[pick % texts.length]);
        expect(compare('edited.yaml', edited, { positions: false })).toEqual([]);
      }),
      { seed: 14, numRuns: 400 },
    );
  });
});

describe('lines over the 1,024-character limit of YAML keys', () => {
  it('send the file to the slow path from 1,025 characters on, wherever the line is', () => {
    // GIVEN values of 1,024 - 'k: '.length characters and one more, on the first, a middle and the last line
    const fits = `k: ${'x'.repeat(1021)}`;
    const over = `k: ${'x'.repeat(1022)}`;
    // WHEN read THEN only a file with the longer line leaves the fast path (with or without a final line break)
    for (const [text, fast] of [
      [`${fits}\n`, true], [`${fits}`, true], [`a: 1\n${fits}\nb: 2\n`, true], [`${fits}\r\nb: 2\r\n`, false],
      [`${over}\n`, false], [`${over}`, false], [`a: 1\n${over}\nb: 2\n`, false], [`a: 1\n${over}`, false],
    ] as const) {
      expect({ text: text.slice(0, 12), length: text.length, fast: fastRead(text) !== undefined }).toEqual({ text: text.slice(0, 12), length: text.length, fast });
    }
  });
});

describe('diagnostics of files read on the fast path', () => {
  it('point at the right file:line:col (positions come from the lazily parsed tree)', () => {
    // GIVEN a file with a CRLF, a BOM and a block scalar, read on the fast path
    const text = 'name: orders\r\nschema:\r\n  - name: id\r\n    type: INT64\r\nbody: |-\r\n  SELECT 1;\r\n  SELECT ${x};\r\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(fastRead(text)).toBeDefined();
    const file = parseSource('configuration/tables/orders_v1.yaml', bytes, new DiagnosticBag())!;
    // WHEN positions are asked for THEN they are those of the text
    expect(file.locate(['schema', 0, 'type'])).toMatchObject({ line: 4, column: 11 });
    expect(file.locate(['schema', 0, 'type'], { key: true })).toMatchObject({ line: 4, column: 5 });
    expect(file.locateInValue(['body'], 'SELECT 1;\nSELECT '.length)).toEqual({ line: 7, column: 10 });
    expect(file.lineText(3)).toBe('  - name: id');
  });

  it('control characters are still reported at their position', () => {
    // GIVEN a value with an escaped BEL, which js-yaml reads WHEN parsed THEN GDP117 at the value
    const bag = new DiagnosticBag();
    expect(parseSource('f.yaml', Buffer.from('a: 1\nb: "x\\ay"\n'), bag)).toBeUndefined();
    expect([...bag].map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['GDP117 2:4']);
  });
});
