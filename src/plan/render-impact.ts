/** The impact section of an environment's plan (impact.ts) as markdown and as text. */
import type { EnvironmentImpact, JobTiming, TableEvolution } from './impact';

const code = (s: string): string => `\`${s.replace(/`/g, 'ˋ')}\``;

function timing(t: JobTiming | undefined): string {
  if (!t) return '(no job)';
  return `${t.schedule} ${t.timeZone}${t.paused ? ' (paused)' : ''}`;
}

function runs(t: JobTiming | undefined): string[] {
  return t ? t.next.map((r) => `${r.local} ${t.timeZone} (${r.utc} UTC)`) : [];
}

/** Markdown: downstream readers, the Mermaid picture, schedule changes. */
export function impactMarkdown(impact: EnvironmentImpact | undefined): string[] {
  if (!impact) return [];
  const out: string[] = [];
  for (const e of impact.evolutions) {
    out.push(`> [!NOTE]`, `> ${evolutionText(e)}`, '');
  }
  if (impact.tables.length > 0) {
    out.push('**Downstream impact**', '');
    for (const t of impact.tables) {
      const readers = t.readers.length > 0 ? `read by ${t.readers.map(code).join(', ')}` : 'nothing reads it';
      const further = t.downstream.length > 0 ? `; further downstream: ${t.downstream.map(code).join(', ')}` : '';
      out.push(`- ${code(t.table)} (${t.action}): ${readers}${further}`);
    }
    if (!impact.sqlAnalysed) out.push('', '_SQL was not analysed: readers are the entities that reference the table._');
    out.push('');
  }
  if (impact.mermaid) out.push('**Changed part of the lineage graph** (changed entities in red)', '', '```mermaid', impact.mermaid.trimEnd(), '```', '');
  if (impact.schedules.length > 0) {
    out.push('**Schedule changes**', '', '| Job | Before | After | Next runs before | Next runs after |', '|---|---|---|---|---|');
    for (const s of impact.schedules) out.push(`| ${code(s.address)} | ${timing(s.before)} | ${timing(s.after)} | ${runs(s.before).join('<br>')} | ${runs(s.after).join('<br>')} |`);
    out.push('');
  }
  return out;
}

/** One sentence on a new table version: why it is safe, what is left to do. */
function evolutionText(e: TableEvolution): string {
  const using = e.stillUsingOld.length > 0 ? ` Still using ${e.oldTable}: ${e.stillUsingOld.join(', ')}.` : '';
  return `${e.newTable} is a new version of ${e.oldTable}, backfilled by load ${e.backfill}; ${e.oldTable} is kept, so no data is lost.${using} Remove later, once nothing uses ${e.oldTable}: ${e.removeLater.join(', ')}.`;
}

/** Text: the same, indented under the environment. */
export function impactText(impact: EnvironmentImpact | undefined): string[] {
  if (!impact) return [];
  const out: string[] = impact.evolutions.map((e) => `  safe evolution: ${evolutionText(e)}`);
  for (const t of impact.tables) {
    out.push(`  impact of ${t.table} (${t.action}): read by ${t.readers.length > 0 ? t.readers.join(', ') : 'nothing'}`);
    if (t.downstream.length > 0) out.push(`    further downstream: ${t.downstream.join(', ')}`);
  }
  for (const s of impact.schedules) {
    out.push(`  schedule of ${s.address}: ${timing(s.before)} → ${timing(s.after)}`);
    for (const r of runs(s.before)) out.push(`    before: ${r}`);
    for (const r of runs(s.after)) out.push(`    after:  ${r}`);
  }
  return out;
}
