/**
 * Rules on a load file alone: its name, the source's shape, identifiers, the settings each pattern uses,
 * quality rules and cast types. Rules that need the tables are in check-columns.ts.
 */
import type { LoadCode } from './codes';
import type { Entity, Reporter } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { sqlTypeName, CAST_TYPES, castType } from './column-types';
import { KEYED_PATTERNS, type LoadConfig, type OrderByConfig } from './schema';

/** A legal unquoted column or rule name in generated SQL. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An order_by item: `column`, `column asc` or `column desc`. */
const ORDER_BY_TEXT = /^\s*(\S+)(?:\s+(asc|desc))?\s*$/i;

/** An order_by item as column and direction, or undefined when its text is malformed. */
export function orderByItem(item: OrderByConfig): { column: string; descending: boolean } | undefined {
  if (typeof item !== 'string') return item;
  const m = ORDER_BY_TEXT.exec(item);
  return m ? { column: m[1], descending: m[2]?.toLowerCase() === 'desc' } : undefined;
}

/** A column name written in the file, with where it is written. */
export interface NameUse {
  readonly name: string;
  readonly path: ValuePath;
  /** The name is a map key (casts), so positions point at the key. */
  readonly key?: boolean;
}

/** Every column or rule name the file writes, with its position. */
export function namesWritten(config: LoadConfig): NameUse[] {
  const uses: NameUse[] = [];
  const list = (names: readonly string[] | undefined, at: ValuePath): void => names?.forEach((name, i) => uses.push({ name, path: [...at, i] }));
  list(config.keys, ['keys']);
  config.order_by?.forEach((item, i) => {
    const parsed = orderByItem(item);
    if (parsed) uses.push({ name: parsed.column, path: typeof item === 'string' ? ['order_by', i] : ['order_by', i, 'column'] });
  });
  list(config.update_columns, ['update_columns']);
  list(config.exclude_columns, ['exclude_columns']);
  for (const name of Object.keys(config.casts ?? {})) uses.push({ name, path: ['casts', name], key: true });
  if (config.window) uses.push({ name: config.window.column, path: ['window', 'column'] });
  if (config.audit?.load_time) uses.push({ name: config.audit.load_time, path: ['audit', 'load_time'] });
  if (config.audit?.load_id) uses.push({ name: config.audit.load_id, path: ['audit', 'load_id'] });
  config.quality?.forEach((rule, i) => {
    if (rule.name !== undefined) uses.push({ name: rule.name, path: ['quality', i, 'name'] });
    list(rule.columns, ['quality', i, 'columns']);
  });
  if (config.scd2) {
    for (const field of ['valid_from', 'valid_to', 'is_current'] as const) uses.push({ name: config.scd2[field], path: ['scd2', field] });
    list(config.scd2.track_columns, ['scd2', 'track_columns']);
    if (config.scd2.effective_from) uses.push({ name: config.scd2.effective_from, path: ['scd2', 'effective_from'] });
  }
  return uses;
}

/** Why a name cannot be used unquoted in generated SQL, or undefined. */
export function identifierProblem(name: string): string | undefined {
  if (IDENTIFIER.test(name)) return undefined;
  if (/[`'"]/.test(name)) return `"${name}" holds a backtick or quote, which would break out of the generated SQL`;
  if (/^\d/.test(name)) return `"${name}" starts with a digit`;
  return `"${name}" may only hold letters, digits and "_"`;
}

/** A legal load name (the file's base name). */
export const LOAD_NAME = /^[a-z][a-z0-9_]*$/;

function checkName(entity: Entity<LoadConfig>, report: Reporter<LoadCode>): void {
  if (!LOAD_NAME.test(entity.name)) {
    report('GDP590', [], `load name "${entity.name}" (the file name) must be lowercase letters, digits and "_", starting with a letter`, {
      hint: `It names the procedure load_<name>, and the workflow, job and trigger that run it; rename the file, e.g. ${entity.name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^[^a-z]+/, '') || 'my_load'}.yaml.`,
    });
  }
}

function checkSource(config: LoadConfig, report: Reporter<LoadCode>): void {
  const { source } = config;
  const given = (['table', 'query', 'files'] as const).filter((k) => source[k] !== undefined);
  if (given.length === 0) {
    report('GDP591', ['source'], 'source names no rows to load: give one of table, query or files');
    return;
  }
  if (given.length > 1) {
    report('GDP591', ['source', given[1]], `source gives both ${given[0]} and ${given[1]}; a load reads exactly one of table, query or files`, { key: true });
    return;
  }
  if (source.filter !== undefined && given[0] !== 'table') {
    report('GDP591', ['source', 'filter'], `filter only applies to a table source; this source is a ${given[0]}`, {
      key: true,
      hint: given[0] === 'query' ? 'Put the condition in the query’s WHERE clause.' : 'Filter the rows with a quality rule (condition) instead.',
    });
  }
  if (source.columns !== undefined && given[0] === 'table') {
    report('GDP591', ['source', 'columns'], 'columns applies to files and query sources; the columns of a table source are those of the table', { key: true });
  }
  const files = source.files;
  if (files && files.format !== 'CSV') {
    for (const option of ['skip_leading_rows', 'field_delimiter'] as const) {
      if (files[option] !== undefined) {
        report('GDP599', ['source', 'files', option], `${option} is a CSV option, but format is ${files.format}`, { key: true, hint: 'Remove the option, or set format: CSV.' });
      }
    }
  }
}

function checkIdentifiers(config: LoadConfig, report: Reporter<LoadCode>): void {
  config.order_by?.forEach((item, i) => {
    if (typeof item === 'string' && !orderByItem(item)) {
      report('GDP598', ['order_by', i], `order_by item "${item}" must be a column name, optionally followed by asc or desc`, { hint: 'Write e.g. "updated_at desc".' });
    }
  });
  for (const use of namesWritten(config)) {
    const problem = identifierProblem(use.name);
    if (problem) report('GDP598', use.path, `name ${problem}`, { key: use.key });
  }
}

function checkPatternSettings(config: LoadConfig, report: Reporter<LoadCode>, primaryKey: readonly string[] | undefined): void {
  const { pattern } = config;
  if (KEYED_PATTERNS.includes(pattern) && config.keys === undefined) {
    const example = primaryKey ? `[${primaryKey.join(', ')}]` : '[<column>, …]';
    report('GDP594', ['pattern'], `pattern ${pattern} matches source rows to target rows by keys, but keys is missing`, {
      hint: `Add keys: ${example}${primaryKey ? ' (the target’s primary_key)' : ''}.`,
    });
  }
  const merges = pattern === 'upsert' || pattern === 'full_sync';
  for (const field of ['update_columns', 'exclude_columns'] as const) {
    if (config[field] !== undefined && !merges) {
      report('GDP605', [field], `${field} only applies to upsert and full_sync (matched rows are updated); pattern ${pattern} ignores it`, { key: true });
    }
  }
  if (config.update_columns && config.exclude_columns) {
    report('GDP594', ['exclude_columns'], 'give update_columns or exclude_columns, not both: update_columns already lists every column a matched row updates', { key: true });
  }
  const keys = new Set((config.keys ?? []).map((k) => k.toLowerCase()));
  for (const field of ['update_columns', 'exclude_columns'] as const) {
    config[field]?.forEach((name, i) => {
      if (keys.has(name.toLowerCase())) {
        report('GDP594', [field, i], `"${name}" is a key; ${field === 'update_columns' ? 'a MERGE never updates the columns it matches on' : 'keys are never updated, so excluding it changes nothing'}`, {
          hint: `Remove "${name}" from ${field}.`,
        });
      }
    });
  }
  if (config.order_by && config.keys === undefined) {
    report('GDP605', ['order_by'], 'order_by picks one source row per key, but the load has no keys', { key: true, hint: 'Add keys, or remove order_by.' });
  }
  if (config.scd2 && pattern !== 'scd2') {
    report('GDP605', ['scd2'], `scd2 settings only apply to pattern scd2; this load is ${pattern}`, { key: true });
  }
}

function checkQuality(config: LoadConfig, report: Reporter<LoadCode>): void {
  const names = new Map<string, number>();
  config.quality?.forEach((rule, i) => {
    const at = ['quality', i];
    const columns = rule.columns ?? [];
    if ((rule.rule === 'not_null' || rule.rule === 'unique') && columns.length === 0) {
      report('GDP601', [...at, 'rule'], `rule ${rule.rule} needs columns`, { hint: `Add columns: [<column>, …] to the rule.` });
    }
    if (rule.rule === 'accepted_values') {
      if (columns.length !== 1) report('GDP601', rule.columns ? [...at, 'columns'] : [...at, 'rule'], `rule accepted_values checks exactly one column, but ${columns.length} are given`);
      if (rule.values === undefined) report('GDP601', [...at, 'rule'], 'rule accepted_values needs values', { hint: 'Add values: [<value>, …] to the rule.' });
    } else if (rule.values !== undefined) {
      report('GDP601', [...at, 'values'], `values only applies to rule accepted_values, not ${rule.rule}`, { key: true });
    }
    if (rule.rule === 'condition') {
      if (rule.condition === undefined) report('GDP601', [...at, 'rule'], 'rule condition needs a condition', { hint: 'Add condition: "<GoogleSQL condition>" to the rule.' });
      if (rule.name === undefined) report('GDP601', [...at, 'rule'], 'rule condition needs a name (it names the rule in the load log)', { hint: 'Add name: <rule_name> to the rule.' });
    } else if (rule.condition !== undefined) {
      report('GDP601', [...at, 'condition'], `condition only applies to rule condition, not ${rule.rule}`, { key: true });
    }
    const name = ruleName(rule);
    const first = names.get(name.toLowerCase());
    if (first !== undefined) {
      report('GDP601', rule.name !== undefined ? [...at, 'name'] : [...at, 'rule'], `quality rule "${name}" is declared twice (first as quality[${first}])`, {
        hint: 'Give the rules different names.',
      });
    } else names.set(name.toLowerCase(), i);
  });
}

/** A rule's name: `name`, else `<rule>_<columns>`. */
export function ruleName(rule: NonNullable<LoadConfig['quality']>[number]): string {
  return rule.name ?? [rule.rule, ...(rule.columns ?? [])].join('_');
}

function checkCastTypes(config: LoadConfig, report: Reporter<LoadCode>): void {
  for (const [name, type] of Object.entries(config.casts ?? {})) {
    if (castType(type) === undefined) {
      report('GDP600', ['casts', name], `cast of "${name}" to "${type}": not a type a column can be cast to; use one of ${CAST_TYPES.map(sqlTypeName).join(', ')}`);
    }
  }
}

/** Checks a load file on its own; `primaryKey` is the target's, for hints. */
export function checkShape(entity: Entity<LoadConfig>, report: Reporter<LoadCode>, primaryKey: readonly string[] | undefined): void {
  const { config } = entity;
  checkName(entity, report);
  checkSource(config, report);
  checkIdentifiers(config, report);
  checkPatternSettings(config, report, primaryKey);
  checkQuality(config, report);
  checkCastTypes(config, report);
}
