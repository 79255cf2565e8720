/**
 * What each kind of rule needs and accepts (Dataplex "Data quality tasks" / DataQualityRule reference,
 * https://cloud.google.com/dataplex/docs/reference/rest/v1/DataQualityRule): its fields, the column
 * types it can check, and whether it is evaluated per row (and so takes a threshold).
 */
import type { CheckContext } from '../../core/module-type';
import { didYouMean } from '../../core/suggest';
import type { CanonicalType } from '../table';
import type { DataQualityCode } from './codes';
import { NUMBER_TYPES, TIME_TYPES, type ScanColumn } from './columns';
import type { RuleConfig, RuleType } from './schema';

/** Fields that only some kinds of rules use. */
const KIND_FIELDS = ['column', 'threshold', 'thresholds', 'ignore_null', 'min', 'max', 'strict_min', 'strict_max', 'statistic', 'values', 'pattern', 'expression', 'sql', 'max_age_hours'] as const;
type KindField = (typeof KIND_FIELDS)[number];

/** One kind of rule. */
interface RuleKind {
  /** Fields it must have (`min|max`: at least one of them). */
  readonly required: readonly (KindField | 'min|max')[];
  /** Fields it may have besides the required ones. */
  readonly optional: readonly KindField[];
  /** Column types it accepts (undefined: any type). */
  readonly types?: readonly CanonicalType[];
  /** Default dimension. */
  readonly dimension: 'COMPLETENESS' | 'UNIQUENESS' | 'VALIDITY' | 'FRESHNESS';
}

const ROW_LEVEL: readonly KindField[] = ['threshold', 'thresholds'];
const ORDERED: readonly CanonicalType[] = [...NUMBER_TYPES, ...TIME_TYPES];
/** Types whose values can be compared for equality (GROUP BY / IN): not RECORD, JSON, GEOGRAPHY, RANGE. */
const COMPARABLE: readonly CanonicalType[] = ['STRING', 'BYTES', 'BOOLEAN', 'INTEGER', 'FLOAT', 'NUMERIC', 'BIGNUMERIC', ...TIME_TYPES];

/** Every kind of rule. Row-level kinds (threshold allowed) are the ones listing `threshold`. */
export const RULE_KINDS: Readonly<Record<RuleType, RuleKind>> = {
  non_null: { required: ['column'], optional: [...ROW_LEVEL], dimension: 'COMPLETENESS' },
  range: { required: ['column', 'min|max'], optional: [...ROW_LEVEL, 'ignore_null', 'strict_min', 'strict_max'], types: ORDERED, dimension: 'VALIDITY' },
  set: { required: ['column', 'values'], optional: [...ROW_LEVEL, 'ignore_null'], types: COMPARABLE, dimension: 'VALIDITY' },
  regex: { required: ['column', 'pattern'], optional: [...ROW_LEVEL, 'ignore_null'], types: ['STRING'], dimension: 'VALIDITY' },
  uniqueness: { required: ['column'], optional: ['ignore_null'], types: COMPARABLE, dimension: 'UNIQUENESS' },
  statistic_range: { required: ['column', 'statistic', 'min|max'], optional: ['strict_min', 'strict_max'], types: ORDERED, dimension: 'VALIDITY' },
  row_condition: { required: ['expression'], optional: [...ROW_LEVEL, 'column'], dimension: 'VALIDITY' },
  table_condition: { required: ['expression'], optional: ['column'], dimension: 'VALIDITY' },
  sql_assertion: { required: ['sql'], optional: ['column'], dimension: 'VALIDITY' },
  freshness: { required: ['max_age_hours'], optional: ['column'], types: ['DATE', 'DATETIME', 'TIMESTAMP'], dimension: 'FRESHNESS' },
};

/**
 * The table condition of a freshness rule: the newest value of `column` is at most `hours` old (an empty
 * table fails). DATE and DATETIME values are read as UTC midnight / UTC time.
 */
export function freshnessCondition(column: string, type: CanonicalType | undefined, hours: number): string {
  const newest = type === 'TIMESTAMP' ? `MAX(${column})` : `TIMESTAMP(MAX(${column}))`;
  return `IFNULL(TIMESTAMP_DIFF(CURRENT_TIMESTAMP(), ${newest}, MINUTE) <= ${Math.round(hours * 60)}, FALSE)`;
}

/** The rule's name in results: its own, or `<type>-<column>` (`_` and `.` turned into `-`), cut to 63 characters. */
export function ruleName(rule: RuleConfig, index: number): string {
  if (rule.name) return rule.name;
  const base = rule.column ? `${rule.type}-${rule.column}` : `${rule.type}-${index + 1}`;
  return base.replace(/[_.]/g, '-').replace(/[^a-zA-Z0-9-]/g, '').slice(0, 63).replace(/-+$/, '');
}

/** The threshold of a rule in an environment (undefined: Dataplex's default, every row must pass). */
export function thresholdIn(rule: RuleConfig, env: string): number | undefined {
  return (rule.thresholds as Partial<Record<string, number>> | undefined)?.[env] ?? rule.threshold;
}

/** Reports fields the kind does not use, fields it needs, and thresholds outside (0, 1]. */
export function checkRuleShape(rule: RuleConfig, at: readonly (string | number)[], ctx: CheckContext<DataQualityCode>): void {
  const kind = RULE_KINDS[rule.type];
  const allowed = new Set<string>([...kind.required.flatMap((f) => f.split('|')), ...kind.optional]);
  const fields = rule as Partial<Record<KindField, unknown>>;
  for (const field of KIND_FIELDS) {
    if (fields[field] === undefined || allowed.has(field)) continue;
    const why = field === 'threshold' || field === 'thresholds' ? `a ${rule.type} rule is evaluated over the whole table, not row by row, so it has no threshold` : `a ${rule.type} rule does not use ${field}`;
    ctx.report('GDP672', [...at, field], why, { key: true });
  }
  for (const need of kind.required) {
    const present = need.split('|').some((f) => fields[f as KindField] !== undefined);
    if (!present) ctx.report('GDP673', [...at, 'type'], `a ${rule.type} rule needs ${need.split('|').join(' or ')}`);
  }
  const bad = (t: number): boolean => !(t > 0 && t <= 1);
  if (rule.threshold !== undefined && bad(rule.threshold)) ctx.report('GDP674', [...at, 'threshold'], `threshold ${rule.threshold} is not above 0 and at most 1`);
  for (const [env, t] of Object.entries(rule.thresholds ?? {})) {
    if (t !== undefined && bad(t)) ctx.report('GDP674', [...at, 'thresholds', env], `threshold ${t} for ${env} is not above 0 and at most 1`);
  }
}

/** Reports a column the table lacks, a REPEATED column, or a type the rule does not accept; returns the column when usable. */
export function checkRuleColumn(
  rule: RuleConfig,
  at: readonly (string | number)[],
  columns: ReadonlyMap<string, ScanColumn>,
  table: string,
  ctx: CheckContext<DataQualityCode>,
): ScanColumn | undefined {
  if (rule.column === undefined) return undefined;
  const column = columns.get(rule.column.toLowerCase());
  const path = [...at, 'column'];
  if (!column) {
    ctx.report('GDP670', path, `table ${table} has no column "${rule.column}".${didYouMean(rule.column, [...columns.values()].map((c) => c.name))}`);
    return undefined;
  }
  if (column.repeated && RULE_KINDS[rule.type].types !== undefined) {
    ctx.report('GDP671', path, `column "${column.name}" of ${table} is REPEATED (an array per row); a ${rule.type} rule checks one value per row`, {
      hint: 'Check a non-repeated column, or write a row_condition or sql_assertion that unnests the array.',
    });
    return undefined;
  }
  const types = rule.type === 'statistic_range' && rule.statistic === 'MEAN' ? NUMBER_TYPES : RULE_KINDS[rule.type].types;
  if (types && column.type && !types.includes(column.type)) {
    const what = rule.type === 'statistic_range' && rule.statistic ? `a ${rule.statistic} statistic_range rule` : `a ${rule.type} rule`;
    ctx.report('GDP671', path, `column "${column.name}" of ${table} is ${column.type}; ${what} checks ${types.join(', ')} columns`);
    return undefined;
  }
  return column;
}

/** Why a bound or set value does not fit a column type, or undefined when it does. */
export function valueProblem(value: string | number | boolean, type: CanonicalType): string | undefined {
  if (NUMBER_TYPES.includes(type)) {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(n)) return `${JSON.stringify(value)} is not a number`;
    if (type === 'INTEGER' && !Number.isInteger(n)) return `${JSON.stringify(value)} is not a whole number`;
    return undefined;
  }
  const text = String(value);
  if (type === 'DATE' && !/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${JSON.stringify(value)} is not a date (YYYY-MM-DD)`;
  if ((type === 'TIMESTAMP' || type === 'DATETIME') && (typeof value !== 'string' || Number.isNaN(Date.parse(text)))) {
    return `${JSON.stringify(value)} is not a ${type.toLowerCase()} ("2024-01-31 12:00:00")`;
  }
  if (type === 'TIME' && !/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return `${JSON.stringify(value)} is not a time (HH:MM:SS)`;
  if (type === 'BOOLEAN' && typeof value !== 'boolean') return `${JSON.stringify(value)} is not true or false`;
  if ((type === 'STRING' || type === 'BYTES') && typeof value !== 'string') return `${JSON.stringify(value)} is not a string (quote it)`;
  return undefined;
}

/** Reports bounds and set values that do not fit the column, and a lower bound above the upper one. */
export function checkRuleValues(rule: RuleConfig, at: readonly (string | number)[], column: ScanColumn, ctx: CheckContext<DataQualityCode>): void {
  const type = column.type;
  if (!type) return;
  const fits = (field: string, value: string | number | boolean, path: readonly (string | number)[]): boolean => {
    const problem = valueProblem(value, type);
    if (problem) ctx.report('GDP676', path, `${field} ${problem}, but column "${column.name}" is ${type}`);
    return problem === undefined;
  };
  const minOk = rule.min === undefined || fits('min', rule.min, [...at, 'min']);
  const maxOk = rule.max === undefined || fits('max', rule.max, [...at, 'max']);
  if (minOk && maxOk && rule.min !== undefined && rule.max !== undefined) {
    const num = NUMBER_TYPES.includes(type);
    const lo = num ? Number(rule.min) : String(rule.min);
    const hi = num ? Number(rule.max) : String(rule.max);
    if (lo > hi) ctx.report('GDP676', [...at, 'min'], `min ${String(rule.min)} is above max ${String(rule.max)}: no value can pass`);
  }
  rule.values?.forEach((v, i) => fits('value', v, [...at, 'values', i]));
}
