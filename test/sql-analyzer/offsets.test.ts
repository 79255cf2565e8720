/** Offsets without a server: resolved → written SQL, bytes ↔ characters, blanking parts of a script. */
import { parseNamePath } from '../../src/sql/analyzer/checker';
import { SqlText } from '../../src/sql/analyzer/sql-text';
import { templateOffsetMap } from '../../src/sql/analyzer/template-offsets';

describe('templateOffsetMap', () => {
  it('maps text after a reference that resolved to a longer value back to where it was written', () => {
    const raw = 'SELECT amout FROM ${tables["t_v1"].reference} WHERE x';
    const resolved = 'SELECT amout FROM `acme-data-dv.acme_c2_sales_eu_dv.t_v1` WHERE x';
    const map = templateOffsetMap(raw, resolved)!;
    expect(map(resolved.indexOf('amout'))).toBe(raw.indexOf('amout'));
    expect(map(resolved.indexOf('WHERE'))).toBe(raw.indexOf('WHERE'));
    // Inside the resolved name: the reference's `${`.
    expect(map(resolved.indexOf('acme_c2'))).toBe(raw.indexOf('${'));
    expect(map(resolved.length)).toBe(raw.length);
  });

  it('accounts for $${ escapes, which resolve one character shorter', () => {
    const raw = 'SELECT "$${x}", a FROM ${v} WHERE "$${y}" = b';
    const resolved = 'SELECT "${x}", a FROM `p.d.t` WHERE "${y}" = b';
    const map = templateOffsetMap(raw, resolved)!;
    expect(map(resolved.indexOf(', a'))).toBe(raw.indexOf(', a'));
    expect(map(resolved.lastIndexOf('b'))).toBe(raw.lastIndexOf('b'));
    expect(map(resolved.indexOf('{x}'))).toBe(raw.indexOf('{x}'));
  });

  it('backtracks when a resolved value contains the text written after it', () => {
    const raw = 'SELECT ${a} FROM t WHERE z';
    const resolved = 'SELECT x FROM t JOIN y FROM t WHERE z'; // ${a} → "x FROM t JOIN y"
    const map = templateOffsetMap(raw, resolved)!;
    expect(map(resolved.indexOf('WHERE'))).toBe(raw.indexOf('WHERE'));
    expect(map(resolved.indexOf('JOIN'))).toBe(raw.indexOf('${a}'));
  });

  it('treats adjacent references as one span', () => {
    const raw = '${a}${b}.t x';
    const map = templateOffsetMap(raw, 'proj.ds.t x')!;
    expect(map(5)).toBe(0);
    expect(map(10)).toBe(raw.length - 1);
  });

  it('gives up (no map) when the resolved text does not come from the written one', () => {
    expect(templateOffsetMap('SELECT ${a} FROM t', 'SELECT 1 FROM u')).toBeUndefined();
    expect(templateOffsetMap('SELECT 1', 'SELECT 2')).toBeUndefined();
  });
});

describe('SqlText', () => {
  it('converts UTF-8 byte offsets and line:column (in code points) to string offsets', () => {
    const text = new SqlText('SELECT "é😀", a\nFROM t');
    const a = text.text.indexOf(', a') + 2;
    expect(text.offsetOfByte(text.byteOfOffset(a))).toBe(a);
    expect(text.byteOfOffset(a)).toBe(a + 1 + 2); // é is 2 bytes, 😀 is 4 bytes (2 UTF-16 units)
    expect(text.offsetOf(1, 14)).toBe(a); // columns count 😀 once
    expect(text.offsetOf(2, 6)).toBe(text.text.indexOf('t', text.text.indexOf('FROM')));
  });

  it('blanks everything but one part, keeping lines and columns', () => {
    const text = new SqlText('SET x = y + 1;\nIF a THEN\n  b;');
    expect(text.keepOnly(8, 13)).toBe('        y + 1 \n         \n    ');
    expect(text.keepOnlyAfter('SELECT', 8, 13)).toBe('SELECT  y + 1 \n         \n    ');
    expect(new SqlText('SET x=y').keepOnlyAfter('SELECT', 6, 7)).toBeUndefined();
  });
});

describe('parseNamePath', () => {
  it('splits names as ZetaSQL prints them', () => {
    expect(parseNamePath('`acme-data-dv`.sales.t')).toEqual(['acme-data-dv', 'sales', 't']);
    expect(parseNamePath('`acme-data-dv.landing.t`')).toEqual(['acme-data-dv', 'landing', 't']);
    expect(parseNamePath('_stage')).toEqual(['_stage']);
  });
});
