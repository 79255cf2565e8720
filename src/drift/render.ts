/** Prints a drift report as text, markdown (a CI comment) or JSON. */
import type { DriftAttribute, DriftItem, DriftReport } from './compare';
import { DRIFT_CODES } from './codes';

const CODE_OF = { orphan: 'GDP831', missing: 'GDP832', changed: 'GDP833', unmanaged: 'GDP834' } as const;

function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function summary(r: DriftReport): string {
  if (r.items.length === 0) return `in sync: ${r.declared} declared resources match the state`;
  const count = (k: DriftItem['kind']): number => r.items.filter((i) => i.kind === k).length;
  const unmanaged = count('unmanaged') > 0 ? `, ${count('unmanaged')} unmanaged in gdp datasets` : '';
  return `${count('orphan')} orphan(s), ${count('missing')} missing, ${count('changed')} changed outside gdp${unmanaged}`;
}

function what(i: DriftItem): string {
  if (i.kind === 'orphan') return 'in the state, declared by no file';
  if (i.kind === 'missing') return `declared in ${i.source ?? 'the stack'}, not in the state`;
  if (i.kind === 'unmanaged') return `${i.type} in a gdp dataset, declared by no file and not in the state`;
  return `changed outside gdp (declared in ${i.source ?? 'the stack'})`;
}

function attributeLine(a: DriftAttribute): string {
  return `${a.path}: configuration ${show(a.configured)}, state ${show(a.actual)}`;
}

/** Plain text for terminals and CI logs. */
export function renderDriftText(r: DriftReport): string {
  const lines = [`gdp drift ${r.env} (state ${r.stateFile}: ${r.inState} resources; configuration: ${r.declared}): ${summary(r)}`];
  for (const i of r.items) {
    lines.push(`  ${i.kind.padEnd(i.kind === 'unmanaged' ? 9 : 7)} ${i.address}  ${what(i)}  [${CODE_OF[i.kind]}]`);
    for (const a of i.attributes) lines.push(`            ${attributeLine(a)}`);
  }
  if (r.items.length > 0) {
    for (const kind of ['orphan', 'missing', 'changed', 'unmanaged'] as const) {
      if (r.items.some((i) => i.kind === kind)) lines.push(`  ${kind}: ${DRIFT_CODES[CODE_OF[kind]].hint}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Markdown (one table per report). */
export function renderDriftMarkdown(reports: readonly DriftReport[]): string {
  const out: string[] = ['## gdp drift', ''];
  for (const r of reports) {
    out.push(`### ${r.env}: ${summary(r)}`, '', `State \`${r.stateFile}\`: ${r.inState} resources; configuration: ${r.declared}.`, '');
    if (r.items.length === 0) continue;
    out.push('| | resource | what | details |', '|---|---|---|---|');
    for (const i of r.items) {
      const details = i.attributes.map((a) => `\`${a.path}\`: configuration \`${show(a.configured)}\`, state \`${show(a.actual)}\``).join('<br>');
      out.push(`| ${i.kind} | \`${i.address}\` | ${what(i)} | ${details.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  return out.join('\n') + '\n';
}

/** JSON for machines. */
export function renderDriftJson(reports: readonly DriftReport[]): string {
  return JSON.stringify({ inSync: reports.every((r) => r.items.length === 0), reports }, null, 2) + '\n';
}
