/**
 * The plan as plain text for terminals and job logs, in Terraform's spirit: one block per environment,
 * one line per changed resource with its symbol (+ create, ~ update, -/+ replace, - destroy), then its
 * attributes, columns, diffs and risks indented below.
 */
import { ACTION_SYMBOLS, ACTION_WORDS, RISK_LABELS, columnChangeText, columnEffectText, listedAttributes, viewAttribute, type DisplayOptions } from './display';
import type { ActionCounts, EnvironmentPlan, Plan, ResourceChange } from './model';
import { impactText } from './render-impact';
import { schemaSummary } from './table-schema';

const counts = (c: ActionCounts): string =>
  `${c.create} to create, ${c.update} to update in place, ${c.replace} to replace, ${c.destroy} to destroy, ${c.unchanged} unchanged`;

/** Renders the plan as text. */
export function renderText(plan: Plan): string {
  const out = [`gdp plan: ${plan.base.label} → ${plan.head.label}`];
  for (const note of plan.notes) out.push(`note: ${note}`);
  for (const env of plan.environments) out.push('', ...environment(env));
  if (plan.blocked > 0) out.push('', `gdp plan: ${plan.blocked} data-losing change${plan.blocked === 1 ? ' is' : 's are'} blocked (see the errors below).`);
  return `${out.join('\n')}\n`;
}

function environment(env: EnvironmentPlan): string[] {
  const policy = env.allowDataLoss ? 'data loss allowed' : 'data loss not allowed';
  const out = [`${env.env}: ${counts(env.counts)} (${policy})`];
  out.push(...changes(env.changes, { escaped: true }));
  out.push(...impactText(env.impact));
  if (env.terraform) {
    const tf = env.terraform;
    out.push(`${env.env} Terraform plan ${tf.file}${tf.terraformVersion ? ` (Terraform ${tf.terraformVersion})` : ''}: ${counts(tf.counts)}`);
    out.push(...changes(tf.changes, { escaped: false }));
    if (tf.disagreements.length === 0) out.push('  gdp’s offline plan agrees with the Terraform plan');
    for (const d of tf.disagreements) out.push(`  GDP826 disagreement: ${d.address}: gdp ${d.gdp}, Terraform ${d.terraform}`);
  }
  return out;
}

function changes(list: readonly ResourceChange[], display: DisplayOptions): string[] {
  const out: string[] = [];
  for (const c of list) {
    out.push(`  ${ACTION_SYMBOLS[c.action].padEnd(3)} ${c.address} (${ACTION_WORDS[c.action]})${c.source ? ` [${c.source}]` : ''}${c.blocked ? ' BLOCKED' : ''}`);
    for (const reason of c.replaceReasons) out.push(`        replaced because ${reason}`);
    if (c.schema?.changed) {
      out.push(`        schema: ${schemaSummary(c.schema)}`);
      for (const col of c.schema.columns) out.push(`          ${col.column}: ${columnChangeText(col, display)} (${columnEffectText(col)})`);
    }
    for (const a of listedAttributes(c)) {
      const view = viewAttribute(c.type, a, display);
      out.push(`        ${view.path}: ${view.text}`);
      if (view.diff) out.push(...view.diff.split('\n').map((l) => `          ${l}`));
    }
    for (const r of c.risks) {
      const status = r.kind === 'data-loss' ? (c.blocked ? ' [blocked]' : c.acknowledgedBy ? ` [acknowledged by ${c.acknowledgedBy.origin}]` : '') : '';
      out.push(`        ${RISK_LABELS[r.kind]} ${r.code}${status}: ${r.message}`, `          instead: ${r.advice}`);
    }
  }
  return out;
}
