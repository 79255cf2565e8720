/**
 * BigQuery SQL type syntax (`INT64`, `NUMERIC(18,2)`, `ARRAY<STRING>`, `STRUCT<a INT64, b ARRAY<DATE>>`,
 * `RANGE<DATE>`) → the routine API's `StandardSqlDataType` JSON (gcp-domain.md §3.1).
 */
import { didYouMean } from '../../core/suggest';

/** `typeKind` values of the BigQuery API's `StandardSqlDataType`. */
export const STANDARD_SQL_TYPE_KINDS = [
  'INT64',
  'BOOL',
  'FLOAT64',
  'STRING',
  'BYTES',
  'TIMESTAMP',
  'DATE',
  'TIME',
  'DATETIME',
  'INTERVAL',
  'GEOGRAPHY',
  'NUMERIC',
  'BIGNUMERIC',
  'JSON',
  'ARRAY',
  'STRUCT',
  'RANGE',
] as const;

/** One `typeKind` of {@link STANDARD_SQL_TYPE_KINDS}. */
export type StandardSqlTypeKind = (typeof STANDARD_SQL_TYPE_KINDS)[number];

/** The API's `StandardSqlDataType`: what a routine argument's `data_type` holds (as JSON). */
export interface StandardSqlDataType {
  readonly typeKind: StandardSqlTypeKind;
  /** Element type, for `ARRAY`. */
  readonly arrayElementType?: StandardSqlDataType;
  /** Fields, for `STRUCT`. */
  readonly structType?: { readonly fields: readonly StandardSqlField[] };
  /** Element type, for `RANGE`. */
  readonly rangeElementType?: StandardSqlDataType;
}

/** A field of a `STRUCT` type; anonymous fields (`STRUCT<INT64>`) have no name. */
export interface StandardSqlField {
  readonly name?: string;
  readonly type: StandardSqlDataType;
}

/** A successfully parsed type. */
export interface ParsedSqlType {
  readonly ok: true;
  readonly type: StandardSqlDataType;
  /**
   * Parameterized types written in the value (`NUMERIC(18,2)`, `STRING(10)`): `StandardSqlDataType`
   * has no room for the parameters, so they are not kept.
   */
  readonly parameterized: readonly { readonly text: string; readonly offset: number }[];
}

/** A type that does not parse: what is wrong and where (offset in the value). */
export interface SqlTypeError {
  readonly ok: false;
  readonly message: string;
  readonly offset: number;
  readonly hint?: string;
}

/** BigQuery allows at most 15 levels of nested ARRAY/STRUCT types. */
export const MAX_TYPE_NESTING = 15;

/** Types without parameters or element types. */
const SIMPLE_TYPES = new Set<StandardSqlTypeKind>(['INT64', 'BOOL', 'FLOAT64', 'TIMESTAMP', 'DATE', 'TIME', 'DATETIME', 'INTERVAL', 'GEOGRAPHY', 'JSON']);

/** GoogleSQL aliases (documented in the data types reference). */
const ALIASES: Readonly<Record<string, StandardSqlTypeKind>> = {
  INT: 'INT64',
  SMALLINT: 'INT64',
  INTEGER: 'INT64',
  BIGINT: 'INT64',
  TINYINT: 'INT64',
  BYTEINT: 'INT64',
  DECIMAL: 'NUMERIC',
  BIGDECIMAL: 'BIGNUMERIC',
};

/** Legacy SQL / table schema names people often write; GoogleSQL rejects them. */
const LEGACY_NAMES: Readonly<Record<string, string>> = {
  FLOAT: 'FLOAT64',
  BOOLEAN: 'BOOL',
  RECORD: 'STRUCT<…>',
};

/** Element types a RANGE accepts. */
const RANGE_ELEMENTS = new Set<StandardSqlTypeKind>(['DATE', 'DATETIME', 'TIMESTAMP']);

interface Token {
  readonly kind: 'word' | 'quoted' | 'number' | 'punct' | 'end';
  readonly text: string;
  readonly offset: number;
}

class TypeSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(i));
    if (word) {
      tokens.push({ kind: 'word', text: word[0], offset: i });
      i += word[0].length;
      continue;
    }
    const num = /^[0-9]+/.exec(value.slice(i));
    if (num) {
      tokens.push({ kind: 'number', text: num[0], offset: i });
      i += num[0].length;
      continue;
    }
    if (c === '`') {
      const end = value.indexOf('`', i + 1);
      if (end < 0) throw new TypeSyntaxError('the quoted field name starting here is not closed with `', i);
      tokens.push({ kind: 'quoted', text: value.slice(i + 1, end), offset: i });
      i = end + 1;
      continue;
    }
    if ('<>(),'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, offset: i });
      i++;
      continue;
    }
    throw new TypeSyntaxError(`unexpected character "${c}"`, i);
  }
  tokens.push({ kind: 'end', text: '', offset: value.length });
  return tokens;
}

/** Recursive-descent parser over the tokens of one type. */
class TypeParser {
  private pos = 0;
  readonly parameterized: { text: string; offset: number }[] = [];

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): StandardSqlDataType {
    const type = this.parseType(1);
    const next = this.peek();
    if (next.kind !== 'end') throw new TypeSyntaxError(`unexpected "${next.text}" after the type`, next.offset);
    return type;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }

  private expect(punct: string, context: string): Token {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== punct) {
      throw new TypeSyntaxError(`expected "${punct}" ${context}, but found ${describeToken(t)}`, t.offset);
    }
    return t;
  }

  private parseType(depth: number): StandardSqlDataType {
    const t = this.next();
    if (t.kind !== 'word') {
      throw new TypeSyntaxError(`expected a type name, but found ${describeToken(t)}`, t.offset, 'Types are INT64, STRING, NUMERIC, DATE, ARRAY<…>, STRUCT<…>, ….');
    }
    const name = t.text.toUpperCase();
    if (name === 'ARRAY') return this.parseArray(t, depth);
    if (name === 'STRUCT') return this.parseStruct(t, depth);
    if (name === 'RANGE') return this.parseRange();
    const kind = (ALIASES[name] ?? name) as StandardSqlTypeKind;
    if (SIMPLE_TYPES.has(kind)) return { typeKind: kind };
    if (kind === 'STRING' || kind === 'BYTES' || kind === 'NUMERIC' || kind === 'BIGNUMERIC') {
      this.parseParameters(t, kind);
      return { typeKind: kind };
    }
    throw this.unknownType(t);
  }

  private unknownType(t: Token): TypeSyntaxError {
    const name = t.text.toUpperCase();
    const legacy = LEGACY_NAMES[name];
    if (legacy) {
      return new TypeSyntaxError(`"${t.text}" is a legacy SQL type name; GoogleSQL calls it ${legacy}`, t.offset, `Write ${legacy}.`);
    }
    const known = [...STANDARD_SQL_TYPE_KINDS, ...Object.keys(ALIASES)];
    return new TypeSyntaxError(
      `unknown type "${t.text}".${didYouMean(name, known)}`,
      t.offset,
      `Types: ${STANDARD_SQL_TYPE_KINDS.join(', ')} (ARRAY<T>, STRUCT<name T, …>, RANGE<T>).`,
    );
  }

  private parseArray(at: Token, depth: number): StandardSqlDataType {
    this.checkDepth(at, depth);
    this.expect('<', 'after ARRAY');
    const elementStart = this.peek();
    const element = this.parseType(depth + 1);
    if (element.typeKind === 'ARRAY') {
      throw new TypeSyntaxError(
        'an ARRAY cannot hold ARRAYs directly',
        elementStart.offset,
        'Wrap the inner array in a STRUCT: ARRAY<STRUCT<values ARRAY<…>>>.',
      );
    }
    this.expect('>', 'to close ARRAY<');
    return { typeKind: 'ARRAY', arrayElementType: element };
  }

  private parseStruct(at: Token, depth: number): StandardSqlDataType {
    this.checkDepth(at, depth);
    this.expect('<', 'after STRUCT');
    if (this.peek().kind === 'punct' && this.peek().text === '>') {
      throw new TypeSyntaxError('a STRUCT needs at least one field', this.peek().offset, 'Write STRUCT<name TYPE, …>.');
    }
    const fields: StandardSqlField[] = [];
    for (;;) {
      fields.push(this.parseField(depth));
      const sep = this.next();
      if (sep.kind === 'punct' && sep.text === '>') break;
      if (sep.kind !== 'punct' || sep.text !== ',') {
        throw new TypeSyntaxError(`expected "," or ">" in STRUCT<…>, but found ${describeToken(sep)}`, sep.offset);
      }
    }
    return { typeKind: 'STRUCT', structType: { fields } };
  }

  /** `name TYPE`, or an anonymous `TYPE`: a word followed by another word (or a quoted name) is a name. */
  private parseField(depth: number): StandardSqlField {
    const first = this.peek();
    const second = this.peek(1);
    const named = first.kind === 'quoted' || (first.kind === 'word' && second.kind === 'word');
    if (!named) {
      const closesField = second.kind === 'punct' && (second.text === ',' || second.text === '>');
      if (first.kind === 'word' && closesField && !isTypeName(first.text)) {
        throw new TypeSyntaxError(`STRUCT field "${first.text}" has no type`, second.offset, `Write ${first.text} TYPE, e.g. ${first.text} STRING.`);
      }
      return { type: this.parseType(depth + 1) };
    }
    this.next();
    if (first.kind === 'quoted' && first.text.length === 0) throw new TypeSyntaxError('a field name cannot be empty', first.offset);
    return { name: first.text, type: this.parseType(depth + 1) };
  }

  private parseRange(): StandardSqlDataType {
    this.expect('<', 'after RANGE');
    const t = this.next();
    const kind = (ALIASES[t.text.toUpperCase()] ?? t.text.toUpperCase()) as StandardSqlTypeKind;
    if (t.kind !== 'word' || !RANGE_ELEMENTS.has(kind)) {
      throw new TypeSyntaxError(`RANGE holds DATE, DATETIME or TIMESTAMP, but ${describeToken(t)} was given`, t.offset, 'Write RANGE<DATE>, RANGE<DATETIME> or RANGE<TIMESTAMP>.');
    }
    this.expect('>', 'to close RANGE<');
    return { typeKind: 'RANGE', rangeElementType: { typeKind: kind } };
  }

  private checkDepth(at: Token, depth: number): void {
    if (depth > MAX_TYPE_NESTING) {
      throw new TypeSyntaxError(`types are nested more than ${MAX_TYPE_NESTING} levels deep`, at.offset, 'BigQuery allows at most 15 levels of nested ARRAY and STRUCT types.');
    }
  }

  /** `(L)` for STRING/BYTES, `(P[, S])` for NUMERIC/BIGNUMERIC; checked against BigQuery's limits. */
  private parseParameters(at: Token, kind: 'STRING' | 'BYTES' | 'NUMERIC' | 'BIGNUMERIC'): void {
    if (!(this.peek().kind === 'punct' && this.peek().text === '(')) return;
    this.next();
    const numbers: Token[] = [this.number()];
    if (kind === 'NUMERIC' || kind === 'BIGNUMERIC') {
      if (this.peek().kind === 'punct' && this.peek().text === ',') {
        this.next();
        numbers.push(this.number());
      }
    }
    const close = this.expect(')', `to close the parameters of ${kind}`);
    this.parameterized.push({ text: this.source.slice(at.offset, close.offset + 1), offset: at.offset });
    const [first, second] = numbers.map((n) => Number(n.text));
    if (kind === 'STRING' || kind === 'BYTES') {
      if (first < 1) throw new TypeSyntaxError(`the maximum length of ${kind} must be at least 1, not ${first}`, numbers[0].offset);
      return;
    }
    const maxScale = kind === 'NUMERIC' ? 9 : 38;
    const extra = kind === 'NUMERIC' ? 29 : 38;
    const scale = second ?? 0;
    if (scale > maxScale) {
      throw new TypeSyntaxError(`the scale of ${kind} is at most ${maxScale}, not ${scale}`, numbers[1].offset);
    }
    if (first < Math.max(1, scale) || first > scale + extra) {
      throw new TypeSyntaxError(
        `the precision of ${kind}(P, ${scale}) must be between ${Math.max(1, scale)} and ${scale + extra}, not ${first}`,
        numbers[0].offset,
        `${kind}(P, S) needs max(1, S) ≤ P ≤ S + ${extra} and 0 ≤ S ≤ ${maxScale}.`,
      );
    }
  }

  private number(): Token {
    const t = this.next();
    if (t.kind !== 'number') throw new TypeSyntaxError(`expected a number, but found ${describeToken(t)}`, t.offset);
    return t;
  }
}

function isTypeName(word: string): boolean {
  const name = word.toUpperCase();
  return name in ALIASES || (STANDARD_SQL_TYPE_KINDS as readonly string[]).includes(name);
}

function describeToken(t: Token): string {
  if (t.kind === 'end') return 'the end of the value';
  if (t.kind === 'quoted') return `\`${t.text}\``;
  return `"${t.text}"`;
}

/** Parses a BigQuery SQL type. Never throws: a bad type gives the problem and its offset in the value. */
export function parseSqlType(value: string): ParsedSqlType | SqlTypeError {
  try {
    const parser = new TypeParser(value, tokenize(value));
    const type = parser.parseAll();
    return { ok: true, type, parameterized: parser.parameterized };
  } catch (e) {
    if (e instanceof TypeSyntaxError) return { ok: false, message: e.message, offset: e.offset, hint: e.hint };
    throw e;
  }
}

/** The JSON string the routine API (and Terraform's `data_type`) expects for a type. */
export function standardSqlTypeJson(type: StandardSqlDataType): string {
  return JSON.stringify(type);
}

/** Formats a type back to GoogleSQL syntax (canonical names, no parameters). */
export function formatSqlType(type: StandardSqlDataType): string {
  switch (type.typeKind) {
    case 'ARRAY':
      return `ARRAY<${formatSqlType(type.arrayElementType!)}>`;
    case 'RANGE':
      return `RANGE<${formatSqlType(type.rangeElementType!)}>`;
    case 'STRUCT':
      return `STRUCT<${type.structType!.fields.map((f) => (f.name === undefined ? '' : `${formatFieldName(f.name)} `) + formatSqlType(f.type)).join(', ')}>`;
    default:
      return type.typeKind;
  }
}

function formatFieldName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``;
}
