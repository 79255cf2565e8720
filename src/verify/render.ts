/** Prints a verification report as text, markdown or JSON. */
import type { CheckResult, VerifyReport } from './run-verify';

function counts(r: VerifyReport): string {
  const n = (s: CheckResult['status']): number => r.results.filter((x) => x.status === s).length;
  return `${n('ok')} as configured, ${n('missing')} missing, ${n('differs')} different`;
}

/** Text: a line per resource, the differences under it. */
export function renderVerifyText(r: VerifyReport, options: { readonly all?: boolean } = {}): string {
  const lines = [`gdp verify ${r.env}: ${r.results.length} resources checked: ${counts(r)}`];
  for (const x of r.results) {
    if (x.status === 'ok' && !options.all) continue;
    const label = x.status === 'ok' ? 'ok     ' : x.status === 'missing' ? 'MISSING' : 'DIFFERS';
    lines.push(`  ${label} ${x.noun} ${x.name}${x.source ? `  (${x.source})` : ''}${x.status === 'missing' ? '  [GDP842]' : x.status === 'differs' ? '  [GDP843]' : ''}`);
    for (const d of x.differences) lines.push(`          ${d.field}: configured ${d.configured}, deployed ${d.deployed}`);
  }
  return lines.join('\n') + '\n';
}

/** Markdown: a table of what is not as configured. */
export function renderVerifyMarkdown(r: VerifyReport): string {
  const out = [`## gdp verify ${r.env}`, '', `${r.results.length} resources checked: ${counts(r)}.`, ''];
  const bad = r.results.filter((x) => x.status !== 'ok');
  if (bad.length > 0) {
    out.push('| | resource | differences |', '|---|---|---|');
    for (const x of bad) {
      const details = x.differences.map((d) => `${d.field}: configured \`${d.configured}\`, deployed \`${d.deployed}\``).join('<br>');
      out.push(`| ${x.status} | ${x.noun} \`${x.name}\` | ${details.replace(/\|/g, '\\|')} |`);
    }
  }
  return out.join('\n') + '\n';
}

/** JSON. */
export function renderVerifyJson(r: VerifyReport): string {
  return JSON.stringify({ verified: r.results.every((x) => x.status === 'ok'), ...r }, null, 2) + '\n';
}
