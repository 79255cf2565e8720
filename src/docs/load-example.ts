/**
 * The README's sample of generated SQL: the procedure gdp generates for one bundled load, in dv.
 */
import { nodeKey } from '../core/graph';
import type { Project } from '../core/project';
import { buildLoadSpec } from '../modules/load/build-spec';
import type { LoadConfig } from '../modules/load/schema';
import { renderLoadProcedure } from '../modules/load/sql/spec';

/** The load the README shows. */
export const README_LOAD = 'transactions_upsert';

/** Markdown: the YAML of the load and the procedure body generated for it in dv. */
export function loadSqlSection(project: Project, yamlText: string): string {
  const model = project.environments.get('dv');
  const entity = project.lookup<LoadConfig>('loads', README_LOAD);
  if (!model || !entity) return `(load ${README_LOAD} not found)`;
  const resolved = model.resolved.get(nodeKey('loads', README_LOAD)) as LoadConfig;
  const sql = renderLoadProcedure(buildLoadSpec(README_LOAD, resolved, model.env, project));
  return [
    `\`configuration/loads/${README_LOAD}.yaml\`:`,
    '',
    '```yaml',
    yamlText.trimEnd(),
    '```',
    '',
    '<details><summary>The procedure body gdp generates for it (dv)</summary>',
    '',
    '```sql',
    sql.trimEnd(),
    '```',
    '',
    '</details>',
  ].join('\n');
}
