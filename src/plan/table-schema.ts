/**
 * A BigQuery table's `schema` change, column by column, classified with the provider's own rules
 * (hashicorp/google 6.x `bigQueryTableSchemaDiffSuppress` and `resourceBigQueryTableSchemaIsChangeable`,
 * reference/gcp-domain.md §2.3):
 *
 * - no change at all when the schemas are equal after the provider's normalization (fields sorted by
 *   name, type aliases INTEGER≡INT64, FLOAT≡FLOAT64, BOOLEAN≡BOOL, mode NULLABLE by default, empty
 *   description and policy tags = none): reordering columns changes nothing;
 * - in place: a new NULLABLE or REPEATED column (any level), REQUIRED→NULLABLE, description, policy tags
 *   and other keys, dropping top-level columns when no column is added at that level (the provider runs
 *   `ALTER TABLE … DROP COLUMN`: the columns' data is lost);
 * - replace: a new REQUIRED column, any other mode change, a type change outside the aliases, drop plus
 *   add at the same level (a rename), dropping a nested field, dropping a column of an external table.
 *
 * The provider returns early when it meets a RECORD's `fields`, so a type or mode change of the RECORD
 * itself is found or not depending on Go's map order: it is classified as a replacement here and flagged.
 */

/** One field of the schema JSON (the API's TableFieldSchema). */
interface ApiField {
  readonly name: string;
  readonly type?: string;
  readonly mode?: string;
  readonly description?: string;
  readonly policyTags?: { readonly names?: readonly string[] };
  readonly fields?: readonly ApiField[];
  readonly [key: string]: unknown;
}

/** How the provider applies a column change. */
export type ColumnEffect = 'in-place' | 'replace';

/** One column-level change. */
export interface ColumnChange {
  /** Dotted column path (`items.discounts.code`). */
  readonly column: string;
  readonly change: 'added' | 'dropped' | 'type' | 'mode' | 'description' | 'policy-tags' | 'option';
  /** Old value (type, mode, option value; `TYPE MODE` for dropped columns). */
  readonly before?: string;
  /** New value (type, mode, option value; `TYPE MODE` for added columns). */
  readonly after?: string;
  /** Changed key for `option` changes (`maxLength`, `defaultValueExpression`, …). */
  readonly key?: string;
  readonly effect: ColumnEffect;
  /** Why the provider does what it does. */
  readonly reason: string;
}

/** The schema change of one table. */
export interface SchemaAnalysis {
  /** False when the provider suppresses the diff (nothing changes). */
  readonly changed: boolean;
  /** `none` when unchanged; `replace` when any column change replaces the table. */
  readonly effect: 'none' | ColumnEffect;
  readonly columns: readonly ColumnChange[];
  /** Top-level columns dropped in place with ALTER TABLE DROP COLUMN (their data is lost). */
  readonly droppedInPlace: readonly string[];
  /** RECORD columns whose own type or mode changes (the provider's check is not deterministic). */
  readonly nondeterministic: readonly string[];
  /** Columns whose maxLength, precision or scale gets smaller (BigQuery only widens them). */
  readonly narrowed: readonly string[];
  /** Set when a schema is not a JSON array of fields (it cannot be compared column by column). */
  readonly unreadable?: string;
}

const TYPE_ALIASES: Readonly<Record<string, string>> = { INT64: 'INTEGER', FLOAT64: 'FLOAT', BOOL: 'BOOLEAN' };
const CHECKED_KEYS = new Set(['name', 'type', 'mode', 'description', 'policyTags', 'fields']);
const WIDEN_ONLY = ['maxLength', 'precision', 'scale'];

/** The type as the provider compares it: upper case, 64-bit aliases folded. */
function normalType(type: string | undefined): string | undefined {
  if (type === undefined) return undefined;
  const upper = type.toUpperCase();
  return TYPE_ALIASES[upper] ?? upper;
}

/** The mode as the provider compares it: NULLABLE when missing. */
function normalMode(mode: string | undefined): string {
  return (mode ?? 'NULLABLE').toUpperCase();
}

function policyTagNames(field: ApiField): string {
  return JSON.stringify([...(field.policyTags?.names ?? [])]);
}

/** The provider's normalized form: equal forms mean no diff at all. */
function normalForm(fields: readonly ApiField[]): unknown {
  return [...fields]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(f).sort()) {
        const v = f[key];
        if (key === 'type') out.type = normalType(v as string);
        else if (key === 'mode') continue;
        else if (key === 'description' && (v === '' || v === undefined || v === null)) continue;
        else if (key === 'policyTags' && (f.policyTags?.names ?? []).length === 0) continue;
        else if (key === 'fields') out.fields = normalForm(v as ApiField[]);
        else out[key] = v;
      }
      out.mode = normalMode(f.mode);
      return out;
    });
}

function parseFields(text: unknown): readonly ApiField[] | string {
  if (text === undefined || text === null || text === '') return [];
  if (typeof text !== 'string') return 'the schema is not a JSON string';
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null) return [];
    if (!Array.isArray(parsed) || !parsed.every((f) => typeof f === 'object' && f !== null && typeof (f as ApiField).name === 'string')) {
      return 'the schema is not a JSON array of fields with names';
    }
    return parsed as ApiField[];
  } catch {
    return 'the schema is not valid JSON';
  }
}

/** Short description of a column: `STRING NULLABLE`. */
function describe(field: ApiField): string {
  return `${field.type ?? '?'} ${normalMode(field.mode)}`;
}

/** Compares the old and new `schema` JSON of a table. */
export function analyzeSchema(before: unknown, after: unknown, options: { readonly external?: boolean } = {}): SchemaAnalysis {
  const oldFields = parseFields(before);
  const newFields = parseFields(after);
  if (typeof oldFields === 'string' || typeof newFields === 'string') {
    const same = before === after;
    const reason = typeof oldFields === 'string' ? oldFields : (newFields as string);
    return { changed: !same, effect: same ? 'none' : 'replace', columns: [], droppedInPlace: [], nondeterministic: [], narrowed: [], unreadable: reason };
  }
  if (JSON.stringify(normalForm(oldFields)) === JSON.stringify(normalForm(newFields))) {
    return { changed: false, effect: 'none', columns: [], droppedInPlace: [], nondeterministic: [], narrowed: [] };
  }
  const walker = new SchemaWalker(options.external ?? false);
  walker.level(oldFields, newFields, '', true);
  const replace = walker.columns.some((c) => c.effect === 'replace');
  return {
    changed: true,
    effect: replace ? 'replace' : 'in-place',
    columns: walker.columns,
    droppedInPlace: replace ? [] : walker.columns.filter((c) => c.change === 'dropped').map((c) => c.column),
    nondeterministic: walker.nondeterministic,
    narrowed: walker.narrowed,
  };
}

/** Walks both schemas level by level, recording every column change and its effect. */
class SchemaWalker {
  readonly columns: ColumnChange[] = [];
  readonly nondeterministic: string[] = [];
  readonly narrowed: string[] = [];

  constructor(private readonly external: boolean) {}

  /** One level of fields (the top level or a RECORD's `fields`). */
  level(oldFields: readonly ApiField[], newFields: readonly ApiField[], prefix: string, topLevel: boolean): void {
    const oldByName = new Map(oldFields.map((f) => [f.name, f]));
    const newByName = new Map(newFields.map((f) => [f.name, f]));
    const path = (name: string): string => (prefix ? `${prefix}.${name}` : name);
    const added = newFields.filter((f) => !oldByName.has(f.name));
    const dropped = oldFields.filter((f) => !newByName.has(f.name));
    for (const f of added) {
      const required = normalMode(f.mode) === 'REQUIRED';
      this.columns.push({
        column: path(f.name),
        change: 'added',
        after: describe(f),
        effect: required ? 'replace' : 'in-place',
        reason: required ? 'a new REQUIRED column replaces the table' : `a new ${normalMode(f.mode)} column is added in place`,
      });
    }
    for (const f of dropped) {
      this.columns.push({ column: path(f.name), change: 'dropped', before: describe(f), ...this.dropEffect(topLevel, added.length > 0) });
    }
    for (const f of oldFields) {
      const next = newByName.get(f.name);
      if (next) this.column(f, next, path(f.name));
    }
  }

  private dropEffect(topLevel: boolean, withAdds: boolean): { effect: ColumnEffect; reason: string } {
    if (!topLevel) return { effect: 'replace', reason: 'dropping a nested field replaces the table' };
    if (this.external) return { effect: 'replace', reason: 'dropping a column of an external table replaces it' };
    if (withAdds) return { effect: 'replace', reason: 'dropping and adding columns in one change (a rename looks like this) replaces the table' };
    return { effect: 'in-place', reason: 'dropped with ALTER TABLE DROP COLUMN: its data is lost' };
  }

  /** One column present on both sides. */
  private column(before: ApiField, after: ApiField, path: string): void {
    const record = before.fields !== undefined || after.fields !== undefined;
    let ownChangeReplaces = false;
    const oldType = normalType(before.type);
    const newType = normalType(after.type);
    if (oldType !== undefined && newType !== undefined && oldType !== newType) {
      ownChangeReplaces = true;
      this.columns.push({ column: path, change: 'type', before: before.type, after: after.type, effect: 'replace', reason: 'a type change replaces the table' });
    }
    const oldMode = normalMode(before.mode);
    const newMode = normalMode(after.mode);
    if (oldMode !== newMode) {
      const relax = oldMode === 'REQUIRED' && newMode === 'NULLABLE';
      ownChangeReplaces ||= !relax;
      this.columns.push({
        column: path,
        change: 'mode',
        before: oldMode,
        after: newMode,
        effect: relax ? 'in-place' : 'replace',
        reason: relax ? 'REQUIRED → NULLABLE is relaxed in place' : `mode ${oldMode} → ${newMode} replaces the table (only REQUIRED → NULLABLE is in place)`,
      });
    }
    if ((before.description ?? '') !== (after.description ?? '')) {
      this.columns.push({ column: path, change: 'description', before: before.description, after: after.description, effect: 'in-place', reason: 'descriptions change in place' });
    }
    if (policyTagNames(before) !== policyTagNames(after)) {
      this.columns.push({ column: path, change: 'policy-tags', before: policyTagNames(before), after: policyTagNames(after), effect: 'in-place', reason: 'policy tags change in place' });
    }
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !CHECKED_KEYS.has(k)).sort()) {
      const [b, a] = [before[key], after[key]];
      if (JSON.stringify(b) === JSON.stringify(a)) continue;
      const narrower = WIDEN_ONLY.includes(key) && b !== undefined && (a === undefined ? false : Number(a) < Number(b));
      if (narrower) this.narrowed.push(path);
      this.columns.push({
        column: path,
        change: 'option',
        key,
        before: b === undefined ? undefined : String(b),
        after: a === undefined ? undefined : String(a),
        effect: 'in-place',
        reason: narrower ? `${key} gets smaller: the provider updates in place, BigQuery only accepts wider values` : `${key} changes in place`,
      });
    }
    if (record) {
      if (ownChangeReplaces) this.nondeterministic.push(path);
      this.level(before.fields ?? [], after.fields ?? [], path, false);
    }
  }
}

/** A one-line summary: `2 added, 1 type changed (replace)`. */
export function schemaSummary(analysis: SchemaAnalysis): string {
  if (analysis.unreadable) return analysis.unreadable;
  if (!analysis.changed) return 'no change';
  const counts = new Map<string, number>();
  const words: Record<ColumnChange['change'], string> = {
    added: 'added',
    dropped: 'dropped',
    type: 'type changed',
    mode: 'mode changed',
    description: 'description changed',
    'policy-tags': 'policy tags changed',
    option: 'option changed',
  };
  for (const c of analysis.columns) counts.set(words[c.change], (counts.get(words[c.change]) ?? 0) + 1);
  const parts = [...counts].map(([w, n]) => `${n} ${n === 1 ? 'column' : 'columns'} ${w}`);
  return `${parts.join(', ')} (${analysis.effect === 'replace' ? 'replaces the table' : 'in place'})`;
}
