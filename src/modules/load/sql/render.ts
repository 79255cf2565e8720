/**
 * The Handlebars environment of the load module's SQL. Templates live in `templates/load/<name>.sql.hbs`; each is
 * read and compiled once (strict: a missing variable throws; noEscape: nothing is HTML-escaped in SQL).
 *
 * Every SQL template is rendered for a dialect (`context.dialect`), which the helpers use:
 * - `{{q name}}` a quoted identifier; `{{qs names ["alias"]}}` a quoted list (`S.\`a\`, S.\`b\``);
 * - `{{ref table}}` a quoted table reference;
 * - `{{eq keys "T" "S"}}` key equality (`T.\`k\` = S.\`k\` AND …`);
 * - `{{assign names "S"}}` an UPDATE SET list (`\`a\` = S.\`a\`, …`);
 * - `{{cast expr "TYPE"}}`, `{{safeCast expr "TYPE"}}`, `{{type "TYPE"}}`, `{{str text}}` a string literal;
 * - `{{var "_gdp_x"}}` reads a script variable; `{{#set "_gdp_x"}}expr{{/set}}` assigns it;
 * - `{{now}}`, `{{uuid}}`; `{{join list ", "}}`; `{{and list}}` joins conditions with AND;
 * - `{{userSql text}}` inserts SQL a user wrote, ending it with a newline when a comment could swallow
 *   what follows.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import type { Dialect } from './dialect';
import type { TableRef } from './types';

/** The load module's template folder (`templates/load/` of the package, from `src/modules/load/sql` and `dist/modules/load/sql`). */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates/load');

/** What every SQL template is rendered with. */
export interface SqlTemplateContext {
  readonly dialect: Dialect;
  readonly [key: string]: unknown;
}

const hbs = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

const dialectOf = (options: Handlebars.HelperOptions): Dialect => {
  const dialect = (options.data?.root as SqlTemplateContext | undefined)?.dialect;
  if (!dialect) throw new Error('SQL template rendered without a dialect');
  return dialect;
};

/** The trailing Handlebars options argument of a helper call. */
const optionsOf = (args: unknown[]): Handlebars.HelperOptions => args[args.length - 1] as Handlebars.HelperOptions;

/** The positional arguments of a helper call (without the options). */
const argsOf = (args: unknown[]): unknown[] => args.slice(0, -1);

const names = (value: unknown): string[] => {
  if (!Array.isArray(value)) throw new Error(`expected a list of names, got ${JSON.stringify(value)}`);
  return value.map(String);
};

const prefixed = (alias: unknown, quoted: string): string => (typeof alias === 'string' && alias ? `${alias}.${quoted}` : quoted);

hbs.registerHelper({
  q(name: unknown, options: Handlebars.HelperOptions) {
    return dialectOf(options).identifier(String(name));
  },
  qs(...args: unknown[]) {
    const d = dialectOf(optionsOf(args));
    const [list, alias] = argsOf(args);
    return names(list)
      .map((n) => prefixed(alias, d.identifier(n)))
      .join(', ');
  },
  ref(table: unknown, options: Handlebars.HelperOptions) {
    return dialectOf(options).table(table as TableRef);
  },
  eq(list: unknown, left: unknown, right: unknown, options: Handlebars.HelperOptions) {
    const d = dialectOf(options);
    return names(list)
      .map((n) => `${prefixed(left, d.identifier(n))} = ${prefixed(right, d.identifier(n))}`)
      .join(' AND ');
  },
  assign(list: unknown, alias: unknown, options: Handlebars.HelperOptions) {
    const d = dialectOf(options);
    return names(list)
      .map((n) => `${d.identifier(n)} = ${prefixed(alias, d.identifier(n))}`)
      .join(', ');
  },
  cast(expression: unknown, type: unknown, options: Handlebars.HelperOptions) {
    return dialectOf(options).cast(String(expression), String(type));
  },
  safeCast(expression: unknown, type: unknown, options: Handlebars.HelperOptions) {
    return dialectOf(options).safeCast(String(expression), String(type));
  },
  type(type: unknown, options: Handlebars.HelperOptions) {
    return dialectOf(options).typeName(String(type));
  },
  str(value: unknown, options: Handlebars.HelperOptions) {
    return dialectOf(options).stringLiteral(String(value));
  },
  var(name: unknown, options: Handlebars.HelperOptions) {
    return dialectOf(options).variable(String(name));
  },
  set(this: unknown, name: unknown, options: Handlebars.HelperOptions) {
    return dialectOf(options).setVariable(String(name), options.fn(this).trim());
  },
  now(options: Handlebars.HelperOptions) {
    return dialectOf(options).currentTimestamp();
  },
  uuid(options: Handlebars.HelperOptions) {
    return dialectOf(options).uuid();
  },
  join(list: unknown, separator: unknown) {
    return names(list).join(typeof separator === 'string' ? separator : ', ');
  },
  and(list: unknown) {
    const parts = names(list).filter((c) => c.trim() !== '');
    return parts.length ? parts.join(' AND ') : 'TRUE';
  },
  userSql(text: unknown) {
    const sql = String(text).trim();
    return /--|#|\/\*/.test(sql) ? `${sql}\n` : sql;
  },
});

function template(name: string): Handlebars.TemplateDelegate {
  let t = compiled.get(name);
  if (!t) {
    const file = path.join(TEMPLATES_DIR, `${name}.sql.hbs`);
    t = hbs.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true });
    compiled.set(name, t);
  }
  return t;
}

/**
 * Renders `templates/load/<name>.sql.hbs` (e.g. `merge`) with a context that carries the dialect.
 * The result is trimmed.
 */
export function renderSql(name: string, context: SqlTemplateContext): string {
  return template(name)(context).trim();
}
