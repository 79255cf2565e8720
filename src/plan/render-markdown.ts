/**
 * The plan as a pull request comment: a hidden marker (the CI workflow finds and updates its comment by
 * it), a summary table of every environment, then one section per environment with its changes, its
 * risks and what to do instead, and the details of each change in a <details> block. Comments are
 * limited to 65,536 characters: a long plan is rendered again without text diffs, then cut.
 */
import type { Diagnostic } from '../core/diagnostics';
import {
  ACTION_WORDS,
  RISK_LABELS,
  columnChangeText,
  columnEffectText,
  listedAttributes,
  riskCounts,
  viewAttribute,
  whatChanges,
  type DisplayOptions,
} from './display';
import type { ActionCounts, EnvironmentPlan, Plan, ResourceChange, TerraformPlanView } from './model';
import { impactMarkdown } from './render-impact';

/** The hidden marker of gdp's plan comment. */
export const COMMENT_MARKER = '<!-- gdp-plan -->';
/** GitHub's comment limit is 65,536 characters; leave room for the workflow's own lines. */
export const MAX_COMMENT_LENGTH = 60_000;

/** Rows of the disagreement table (a plan of another configuration would list every resource). */
const MAX_DISAGREEMENTS = 30;

interface Style {
  readonly diffs: boolean;
}

const code = (s: string): string => `\`${s.replace(/`/g, 'ˋ')}\``;
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** Free text in markdown: table-safe, backticks escaped. */
const plain = (s: string): string => cell(s).replace(/`/g, '\\`');
const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Renders the plan as markdown (at most {@link MAX_COMMENT_LENGTH} characters). */
export function renderMarkdown(plan: Plan, diagnostics: readonly Diagnostic[] = []): string {
  const full = textVolume(plan) <= 4 * MAX_COMMENT_LENGTH ? render(plan, diagnostics, { diffs: true }) : undefined;
  if (full !== undefined && full.length <= MAX_COMMENT_LENGTH) return full;
  const compact = render(plan, diagnostics, { diffs: false });
  if (compact.length <= MAX_COMMENT_LENGTH) return compact;
  const note = '\n\n_The plan is too long for a comment and was cut: run `gdp plan` locally (or see the job log) for the rest._\n';
  return compact.slice(0, MAX_COMMENT_LENGTH - note.length) + note;
}

/** Characters of changed text in a plan: beyond a few comments' worth, diffing is not even tried. */
function textVolume(plan: Plan): number {
  let n = 0;
  for (const env of plan.environments) {
    for (const c of [...env.changes, ...(env.terraform?.changes ?? [])]) {
      for (const a of c.attributes) n += (typeof a.before === 'string' ? a.before.length : 0) + (typeof a.after === 'string' ? a.after.length : 0);
    }
  }
  return n;
}

function render(plan: Plan, diagnostics: readonly Diagnostic[], style: Style): string {
  const out: string[] = [COMMENT_MARKER, '## gdp plan', ''];
  out.push(`Comparing base ${code(plan.base.label)} with head ${code(plan.head.label)}.`, '');
  for (const note of plan.notes) out.push(`> ${note}`);
  if (plan.notes.length > 0) out.push('');
  out.push(...summaryTable(plan.environments), '');
  if (plan.blocked > 0) {
    out.push('> [!CAUTION]');
    out.push(`> ${plan.blocked} data-losing change${plan.blocked === 1 ? ' is' : 's are'} blocked in ${blockedEnvironments(plan)}, which ${blockedEnvironments(plan).includes(',') ? 'do' : 'does'} not allow data loss. Change the configuration so no data is lost, or acknowledge the change (see "Acknowledging data loss" in docs/plan.md).`, '');
  }
  const problems = diagnostics.filter((d) => d.code === 'GDP804' || d.code.startsWith('GDP2') || d.code === 'GDP803');
  for (const d of problems) out.push(`> ${d.severity} ${d.code}: ${d.file}:${d.line}: ${d.message}`);
  if (problems.length > 0) out.push('');
  const rendered = new Map<string, string>();
  for (const env of plan.environments) {
    const key = signature(env.changes);
    const sameAs = env.changes.length > 0 && !env.terraform ? rendered.get(key) : undefined;
    out.push(...environmentSection(env, style, sameAs));
    if (!rendered.has(key)) rendered.set(key, env.env);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** What makes two environments' changes "the same" for readers: addresses, actions, paths, columns, risks. */
function signature(changes: readonly ResourceChange[]): string {
  return JSON.stringify(
    changes.map((c) => [c.address, c.action, c.attributes.map((a) => a.path), c.schema?.columns.map((x) => [x.column, x.change, x.before, x.after, x.effect]), c.risks.map((r) => r.code)]),
  );
}

function blockedEnvironments(plan: Plan): string {
  return plan.environments.filter((e) => e.changes.some((c) => c.blocked) || e.terraform?.changes.some((c) => c.blocked)).map((e) => e.env).join(', ');
}

function summaryTable(envs: readonly EnvironmentPlan[]): string[] {
  const row = (label: string, counts: ActionCounts, risks: string): string =>
    `| ${label} | ${counts.create} | ${counts.update} | ${counts.replace} | ${counts.destroy} | ${counts.unchanged} | ${cell(risks) || '—'} |`;
  const rows = ['| Environment | Create | Update | Replace | Destroy | Unchanged | Risks |', '|---|--:|--:|--:|--:|--:|---|'];
  for (const e of envs) {
    rows.push(row(`**${e.env}**`, e.counts, riskCounts(e.changes)));
    if (e.terraform) rows.push(row(`${e.env} (Terraform plan)`, e.terraform.counts, riskCounts(e.terraform.changes)));
  }
  return rows;
}

/**
 * One environment. When its changes are the same as an earlier environment's (`sameAs`), only the
 * change table and what differs (blocked or acknowledged data loss) are shown.
 */
function environmentSection(env: EnvironmentPlan, style: Style, sameAs: string | undefined): string[] {
  const out = [`### ${env.env}`, ''];
  out.push(env.allowDataLoss ? `_${env.env} allows data loss (\`options.allow_data_loss: true\`); data-losing changes are reported, not blocked._` : `_${env.env} does not allow data loss: data-losing changes fail the plan unless acknowledged._`, '');
  if (sameAs) {
    out.push(...changeTable(env.changes), `The risks and details are the same as in **${sameAs}**.`, '');
    for (const c of env.changes) {
      if (c.blocked) out.push(`- ⛔ ${code(c.address)}: its data loss is **blocked** here (${c.risks.filter((r) => r.kind === 'data-loss').map((r) => r.code).join(', ')}).`);
      else if (c.acknowledgedBy) out.push(`- ${code(c.address)}: data loss acknowledged by ${code(c.acknowledgedBy.origin)}: ${plain(c.acknowledgedBy.reason)}`);
    }
    if (env.changes.some((c) => c.blocked || c.acknowledgedBy)) out.push('');
    return out;
  }
  out.push(...changeList(env.changes, env.allowDataLoss, style, true));
  out.push(...impactMarkdown(env.impact));
  if (env.terraform) out.push(...terraformSection(env.terraform, env.allowDataLoss, style));
  return out;
}

function changeList(changes: readonly ResourceChange[], allowDataLoss: boolean, style: Style, offline: boolean): string[] {
  if (changes.length === 0) return ['No changes.', ''];
  const out = changeTable(changes);
  const risky = changes.filter((c) => c.risks.length > 0);
  if (risky.length > 0) {
    out.push('**Risks**', '');
    for (const c of risky) out.push(...riskLines(c, allowDataLoss));
    out.push('');
  }
  const display: DisplayOptions = { escaped: offline, diffs: style.diffs };
  for (const c of changes) {
    const body = details(c, display);
    if (body.length === 0) continue;
    while (body[body.length - 1] === '') body.pop();
    out.push(`<details><summary><code>${html(c.address)}</code>: ${ACTION_WORDS[c.action]}</summary>`, '', ...body, '', '</details>', '');
  }
  return out;
}

function changeTable(changes: readonly ResourceChange[]): string[] {
  const out = ['| Action | Resource | File | What changes |', '|---|---|---|---|'];
  for (const c of changes) out.push(`| ${c.blocked ? '⛔ ' : ''}${ACTION_WORDS[c.action]} | ${code(c.address)} | ${c.source ? code(c.source) : '—'} | ${plain(whatChanges(c)) || '—'} |`);
  out.push('');
  return out;
}

function riskLines(c: ResourceChange, allowDataLoss: boolean): string[] {
  return c.risks.map((r) => {
    let status = '';
    if (r.kind === 'data-loss') {
      if (c.blocked) status = ' ⛔ **blocked**: this environment does not allow data loss.';
      else if (c.acknowledgedBy) status = ` Acknowledged by ${code(c.acknowledgedBy.origin)}: ${c.acknowledgedBy.reason}`;
      else if (allowDataLoss) status = ' (allowed in this environment)';
    }
    return `- **${RISK_LABELS[r.kind]}** (${r.code}) ${code(c.address)}: ${r.message}.${status}\n  **Instead:** ${r.advice}`;
  });
}

function details(c: ResourceChange, display: DisplayOptions): string[] {
  const out: string[] = [];
  if (c.replaceReasons.length > 0) out.push(`Replaced because: ${c.replaceReasons.map(cell).join('; ')}.`, '');
  if (c.schema?.changed && c.schema.columns.length > 0) {
    out.push('| Column | Change | Effect |', '|---|---|---|');
    for (const col of c.schema.columns) out.push(`| ${code(col.column)} | ${plain(columnChangeText(col, display))} | ${col.effect === 'replace' ? '**' : ''}${cell(columnEffectText(col))}${col.effect === 'replace' ? '**' : ''} |`);
    out.push('');
  }
  for (const a of listedAttributes(c)) {
    const view = viewAttribute(c.type, a, display);
    out.push(`- ${code(view.path)}: ${plain(view.text)}`);
    if (view.diff) out.push('', '```diff', view.diff, '```', '');
  }
  return out;
}

function terraformSection(tf: TerraformPlanView, allowDataLoss: boolean, style: Style): string[] {
  const out = [`#### Terraform plan (${code(tf.file)}${tf.terraformVersion ? `, Terraform ${tf.terraformVersion}` : ''})`, ''];
  out.push(...changeList(tf.changes, allowDataLoss, style, false));
  if (tf.disagreements.length === 0) out.push('gdp’s offline plan agrees with this Terraform plan.', '');
  else {
    out.push(`**gdp and Terraform disagree (GDP826)** on ${tf.disagreements.length} resource${tf.disagreements.length === 1 ? '' : 's'}; trust Terraform (it knows the real state):`, '');
    out.push('| Resource | gdp | Terraform |', '|---|---|---|');
    for (const d of tf.disagreements.slice(0, MAX_DISAGREEMENTS)) out.push(`| ${code(d.address)} | ${d.gdp} | ${d.terraform} |`);
    if (tf.disagreements.length > MAX_DISAGREEMENTS) out.push(`| … and ${tf.disagreements.length - MAX_DISAGREEMENTS} more (see \`--format json\`) | | |`);
    out.push('');
  }
  return out;
}

/** The comment when nothing could be compared: the errors of the invalid side(s). */
export function renderMarkdownErrors(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const out = [COMMENT_MARKER, '## gdp plan', '', '> [!CAUTION]', '> Nothing was compared: the configuration has errors. Fix them (`gdp validate`) and push again.', ''];
  for (const d of errors.slice(0, 50)) out.push(`- ${code(`${d.file}:${d.line}:${d.column}`)} ${d.code}: ${plain(d.message)}`);
  if (errors.length > 50) out.push(`- … and ${errors.length - 50} more (see the job log)`);
  return `${out.join('\n')}\n`;
}
