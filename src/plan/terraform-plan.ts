/**
 * Reads a real plan (`terraform show -json <planfile>`) into the same facts as the offline plan, so it
 * renders the same way and goes through the same risk rules, then lists where the two disagree.
 * Terraform decides the actions; gdp adds the attribute paths, the table schema view and the risks.
 * Sensitive values are replaced by "(sensitive)" (the output is meant for pull request comments), values
 * known only after apply by "(known after apply)".
 */
import { z } from 'zod';
import { attributeChanges, type ChangeFacts } from './classify';
import { SENSITIVE, UNKNOWN, type AttributeChange, type ChangeAction, type Disagreement, type Values } from './model';
import { rulesFor } from './resource-rules';
import { PlanUsageError } from './sides';
import { canonicalJson, formatPath, isRecord, type Segment } from './values';

const PlanJson = z.looseObject({
  format_version: z.string(),
  terraform_version: z.string().optional(),
  resource_changes: z
    .array(
      z.looseObject({
        address: z.string(),
        mode: z.string(),
        type: z.string(),
        name: z.string(),
        change: z.looseObject({
          actions: z.array(z.string()),
          before: z.unknown(),
          after: z.unknown(),
          after_unknown: z.unknown().optional(),
          before_sensitive: z.unknown().optional(),
          after_sensitive: z.unknown().optional(),
          replace_paths: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
        }),
        action_reason: z.string().optional(),
      }),
    )
    .default([]),
});

/** A parsed plan: its Terraform version and one set of facts per managed resource. */
export interface TerraformPlanFacts {
  readonly terraformVersion?: string;
  readonly facts: readonly ChangeFacts[];
}

/** Terraform's action list as one action; undefined for reads and other actions gdp does not show. */
export function actionOf(actions: readonly string[]): ChangeAction | undefined {
  const key = actions.join(',');
  const map: Record<string, ChangeAction> = { 'no-op': 'unchanged', create: 'create', update: 'update', delete: 'destroy', 'delete,create': 'replace', 'create,delete': 'replace' };
  return map[key];
}

/**
 * Puts the unknown and sensitive markers into a value, following Terraform's parallel marker trees.
 * Strings equal to a value marked sensitive anywhere in the plan are hidden too: Terraform does not
 * always carry the mark to derived attributes (terraform_data's `output`, for one).
 */
function mark(value: unknown, unknown: unknown, sensitive: unknown, secrets: ReadonlySet<string>): unknown {
  if (sensitive === true) return SENSITIVE;
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const v = Array.isArray(value) ? value : [];
    const u = Array.isArray(unknown) ? unknown : [];
    const s = Array.isArray(sensitive) ? sensitive : [];
    return Array.from({ length: Math.max(v.length, u.length) }, (_, i) => mark(v[i], u[i], s[i], secrets));
  }
  if (isRecord(value) || isRecord(unknown)) {
    const v = isRecord(value) ? value : {};
    const u = isRecord(unknown) ? unknown : {};
    const s = isRecord(sensitive) ? sensitive : {};
    const keys = new Set([...Object.keys(v), ...Object.keys(u).filter((k) => u[k] === true)]);
    return Object.fromEntries([...keys].map((k) => [k, mark(v[k], u[k], s[k], secrets)]));
  }
  return typeof value === 'string' && secrets.has(value) ? SENSITIVE : value;
}

/** Every string value marked sensitive (at least 4 characters, so that `true` or `1` stay visible). */
function sensitiveStrings(value: unknown, sensitive: unknown, out: Set<string>): void {
  if (sensitive === true) {
    const walk = (v: unknown): void => {
      if (typeof v === 'string' && v.length >= 4) out.add(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (isRecord(v)) Object.values(v).forEach(walk);
    };
    walk(value);
  } else if (Array.isArray(sensitive) && Array.isArray(value)) sensitive.forEach((s, i) => sensitiveStrings(value[i], s, out));
  else if (isRecord(sensitive) && isRecord(value)) for (const k of Object.keys(sensitive)) sensitiveStrings(value[k], sensitive[k], out);
}

/** Top-level attributes whose change the masking hid (both sides show "(sensitive)"). */
function hiddenChanges(rawBefore: unknown, rawAfter: unknown, before: Values, after: Values, shown: readonly AttributeChange[], forces: (rule: string, segments: readonly Segment[]) => boolean): AttributeChange[] {
  if (!isRecord(rawBefore) || !isRecord(rawAfter)) return [];
  return Object.keys(rawAfter)
    .filter((k) => k in rawBefore && canonicalJson(rawBefore[k]) !== canonicalJson(rawAfter[k]) && canonicalJson(before[k]) === canonicalJson(after[k]))
    .filter((k) => !shown.some((a) => a.path === k || a.path.startsWith(`${k}.`) || a.path.startsWith(`${k}[`)))
    .map((k) => ({ path: formatPath([k]), change: 'changed' as const, before: SENSITIVE, after: SENSITIVE, forcesReplacement: forces(k, [k]) }));
}

const startsWith = (a: readonly Segment[], b: readonly Segment[]): boolean => b.every((s, i) => a[i] === s);

/** Parses plan JSON text; a file that is not a plan is a usage error (GDP802). */
export function readTerraformPlan(file: string, text: string): TerraformPlanFacts {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PlanUsageError('GDP802', `${file} is not JSON (${(e as Error).message}); pass the output of \`terraform show -json <planfile>\``);
  }
  const parsed = PlanJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlanUsageError('GDP802', `${file} is not a Terraform plan in JSON: ${issue.path.join('.') || 'the top level'}: ${issue.message}`);
  }
  const secrets = new Set<string>();
  for (const rc of parsed.data.resource_changes) {
    sensitiveStrings(rc.change.before, rc.change.before_sensitive, secrets);
    sensitiveStrings(rc.change.after, rc.change.after_sensitive, secrets);
  }
  const facts: ChangeFacts[] = [];
  for (const rc of parsed.data.resource_changes) {
    const action = actionOf(rc.change.actions);
    if (rc.mode !== 'managed' || !action) continue;
    const c = rc.change;
    const before = isRecord(c.before) ? (mark(c.before, undefined, c.before_sensitive, secrets) as Values) : undefined;
    const after = isRecord(c.after) ? (mark(c.after, c.after_unknown, c.after_sensitive, secrets) as Values) : undefined;
    const replacePaths = c.replace_paths ?? [];
    const forces = (_rule: string, segments: readonly Segment[]): boolean => replacePaths.some((p) => startsWith(segments, p) || startsWith(p, segments));
    const both = before && after && (action === 'update' || action === 'replace');
    const attributes = both ? attributeChanges(rc.type, before, after, forces).filter((a) => action === 'update' || a.after !== UNKNOWN || a.forcesReplacement) : [];
    if (both) attributes.push(...hiddenChanges(c.before, c.after, before, after, attributes, forces));
    const analysis = both ? rulesFor(rc.type)?.analyze?.(before, after) : undefined;
    const reasons = replacePaths.map((p) => `${formatPath(p)} forces replacement`);
    if (action === 'replace' && reasons.length === 0 && rc.action_reason) reasons.push(rc.action_reason);
    facts.push({
      address: rc.address,
      type: rc.type,
      name: rc.name,
      action,
      attributes,
      replaceReasons: reasons,
      applyFailures: action === 'update' ? (analysis?.applyFailures ?? []) : [],
      schema: analysis?.schema,
      before,
      after,
      preventDestroy: false,
    });
  }
  return { terraformVersion: parsed.data.terraform_version, facts: facts.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)) };
}

/** Resources whose action differs between gdp's offline plan and Terraform's plan. */
export function compareWithTerraform(offline: readonly ChangeFacts[], terraform: readonly ChangeFacts[]): Disagreement[] {
  const gdp = new Map(offline.map((f) => [f.address, f.action]));
  const tf = new Map(terraform.map((f) => [f.address, f.action]));
  const out: Disagreement[] = [];
  for (const address of [...new Set([...gdp.keys(), ...tf.keys()])].sort()) {
    const a = gdp.get(address) ?? 'absent';
    const b = tf.get(address) ?? 'absent';
    if (a !== b) out.push({ address, gdp: a, terraform: b });
  }
  return out;
}
