/**
 * Shared display rules of the renderers: short values, unified diffs of long text (with Terraform's
 * `$${` / `%%{` escapes undone, so readers see their own SQL and workflow text), decoded base64 bodies,
 * column changes, risk labels and action words.
 */
import { structuredPatch } from 'diff';
import type { AttributeChange, ChangeAction, ResourceChange, RiskKind } from './model';
import { UNKNOWN, SENSITIVE } from './model';
import { rulesFor } from './resource-rules';
import { schemaSummary, type ColumnChange } from './table-schema';

/** Undoes Terraform's template escapes: `$${` → `${`, `%%{` → `%{`. */
export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
}

/** Text longer than this, or with a line break, is shown as a diff. */
const LONG_TEXT = 100;
/** Inline values are cut to this length. */
const INLINE = 80;

/** Display options. */
export interface DisplayOptions {
  /** Values come from cdk.tf.json (offline plan): undo the template escapes. */
  readonly escaped: boolean;
  /** Compute unified diffs of long text (default true). */
  readonly diffs?: boolean;
}

function cut(text: string, max = INLINE): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value on one line: strings quoted, lists and maps as JSON, long ones cut. */
export function inlineValue(value: unknown, options: DisplayOptions): string {
  if (value === undefined) return '(none)';
  if (value === UNKNOWN || value === SENSITIVE) return value;
  if (typeof value === 'string') {
    const text = options.escaped ? unescapeTemplate(value) : value;
    const lines = text.split('\n');
    return lines.length > 1 ? `${JSON.stringify(cut(lines[0], 60))} (${lines.length} lines)` : JSON.stringify(cut(text));
  }
  return cut(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** Edits beyond which two texts are too different for a useful diff (and diffing gets slow). */
const MAX_EDITS = 2000;

/** A unified diff (hunks only) of two texts; a one-line note when they are too different to diff. */
export function unifiedDiff(before: string, after: string): string {
  const lines = (t: string): string => (t.endsWith('\n') ? t : `${t}\n`);
  const patch = structuredPatch('before', 'after', lines(before), lines(after), '', '', { context: 3, maxEditLength: MAX_EDITS });
  if (!patch) return `(too different to diff: ${before.split('\n').length} lines before, ${after.split('\n').length} after)`;
  return patch.hunks
    .map((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines.filter((l) => !l.startsWith('\\'))].join('\n'))
    .join('\n');
}

/** Text without control characters (tabs and line breaks allowed) and without invalid UTF-8. */
function isPrintable(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) return false;
  }
  return true;
}

/** Decoded base64 text; JSON is pretty-printed, with JSON held in strings (a scheduler's `argument`) expanded. */
function decodeBase64(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  if (!isPrintable(text)) return undefined;
  const expand = (v: unknown): unknown => {
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        return expand(JSON.parse(v));
      } catch {
        return v;
      }
    }
    if (Array.isArray(v)) return v.map(expand);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
    return v;
  };
  const json = expand(text);
  return typeof json === 'string' ? json : JSON.stringify(json, null, 2);
}

/** How one attribute change is shown: a short text, and for long text a unified diff. */
export interface AttributeView {
  /** Display path, with a note for decoded values (`http_target.body (base64, decoded)`). */
  readonly path: string;
  /** `before → after`, `added …`, `removed (was …)`, `text changed`. */
  readonly text: string;
  readonly diff?: string;
}

/** Shows one changed attribute of a resource of `type`. */
export function viewAttribute(type: string, change: AttributeChange, options: DisplayOptions): AttributeView {
  const base64 = rulesFor(type)?.base64?.includes(change.path.replace(/\[\d+\]/g, '')) ?? false;
  let before = change.before;
  let after = change.after;
  let path = change.path;
  let base64Shown = false;
  if (base64) {
    const [b, a] = [decodeBase64(before), decodeBase64(after)];
    if ((before === undefined || b !== undefined) && (after === undefined || a !== undefined)) {
      before = b;
      after = a;
      path = `${path} (base64, decoded)`;
      base64Shown = true;
    }
  }
  const escaped = options.escaped && !base64Shown;
  const forces = change.forcesReplacement ? ' (forces replacement)' : '';
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== UNKNOWN && v !== SENSITIVE ? (escaped ? unescapeTemplate(v) : v) : undefined);
  const [tb, ta] = [text(before), text(after)];
  const long = [tb, ta].some((t) => t !== undefined && (t.includes('\n') || t.length > LONG_TEXT));
  if (long && change.change === 'changed' && tb !== undefined && ta !== undefined) {
    return { path, text: `text changed${forces}`, ...(options.diffs === false ? {} : { diff: unifiedDiff(tb, ta) }) };
  }
  if (change.change === 'added') return { path, text: `added ${inlineValue(after, { escaped })}${forces}` };
  if (change.change === 'removed') return { path, text: `removed (was ${inlineValue(before, { escaped })})${forces}` };
  return { path, text: `${inlineValue(before, { escaped })} → ${inlineValue(after, { escaped })}${forces}` };
}

/** What a column change is, in words: `added STRING NULLABLE`, `type INTEGER → STRING`. */
export function columnChangeText(c: ColumnChange, options: DisplayOptions): string {
  const show = (v: string | undefined): string => (v === undefined ? '(none)' : JSON.stringify(cut(options.escaped ? unescapeTemplate(v) : v, 60)));
  switch (c.change) {
    case 'added':
      return `added ${c.after}`;
    case 'dropped':
      return `dropped (was ${c.before})`;
    case 'type':
      return `type ${c.before} → ${c.after}`;
    case 'mode':
      return `mode ${c.before} → ${c.after}`;
    case 'description':
      return `description ${show(c.before)} → ${show(c.after)}`;
    case 'policy-tags':
      return `policy tags ${c.before} → ${c.after}`;
    case 'option':
      return `${c.key} ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`;
  }
}

/** The effect of a column change, in words. */
export function columnEffectText(c: ColumnChange): string {
  return `${c.effect === 'replace' ? 'replace' : 'in place'}: ${c.reason}`;
}

/** Labels of risk kinds. */
export const RISK_LABELS: Readonly<Record<RiskKind, string>> = {
  'data-loss': 'DATA LOSS',
  'apply-fails': 'WILL FAIL AT APPLY',
  'plan-refuses': 'TERRAFORM PLAN WILL REFUSE',
  disruption: 'DISRUPTION',
  notice: 'NOTE',
};

/** Words for actions (summary headers and change lists). */
export const ACTION_WORDS: Readonly<Record<ChangeAction, string>> = {
  create: 'create',
  update: 'update in place',
  replace: 'replace',
  destroy: 'destroy',
  unchanged: 'unchanged',
};

/** Terraform-like symbols of actions. */
export const ACTION_SYMBOLS: Readonly<Record<ChangeAction, string>> = { create: '+', update: '~', replace: '-/+', destroy: '-', unchanged: ' ' };

/** Attributes worth listing: the schema is shown column by column instead. */
export function listedAttributes(c: ResourceChange): readonly AttributeChange[] {
  return c.schema ? c.attributes.filter((a) => a.path !== 'schema') : c.attributes;
}

/** One line on what changes: `schema: 1 column added (in place); description, labels.owner`. */
export function whatChanges(c: ResourceChange): string {
  if (c.action === 'create' || c.action === 'destroy') return '';
  const parts: string[] = [];
  if (c.schema) parts.push(`schema: ${schemaSummary(c.schema)}`);
  const paths = listedAttributes(c).map((a) => a.path);
  if (paths.length > 0) parts.push(paths.length > 6 ? `${paths.slice(0, 6).join(', ')} and ${paths.length - 6} more` : paths.join(', '));
  return parts.join('; ');
}

/** The risks of a list of changes counted per label: `2 DATA LOSS (1 blocked), 1 DISRUPTION`. */
export function riskCounts(changes: readonly ResourceChange[]): string {
  const counts = new Map<RiskKind, number>();
  for (const c of changes) for (const r of c.risks) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const blocked = changes.filter((c) => c.blocked).length;
  const order: RiskKind[] = ['data-loss', 'apply-fails', 'plan-refuses', 'disruption', 'notice'];
  const parts = order.filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${RISK_LABELS[k]}${k === 'data-loss' && blocked > 0 ? ` (${blocked} blocked)` : ''}`);
  return parts.join(', ');
}
