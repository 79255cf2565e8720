/**
 * Least-privilege grants of the account that runs SQL: roles/bigquery.dataViewer on exactly the declared
 * datasets the SQL reads and roles/bigquery.dataEditor on the ones it writes (table-access.ts).
 */
import type { ServiceAccountPurpose, SynthContext } from '../../core/synth-context';
import type { ResourceRef } from '../../synth/cdk';
import { datasetAccess } from './table-access';

/**
 * Declared datasets by their id in the synthesized environment, listed once per environment's attribute
 * lookup (one per environment and project): every procedure and load asks, and listing them each time made
 * synthesis grow with datasets × SQL bodies.
 */
function datasetIds(ctx: Pick<SynthContext, 'project' | 'attributesOf'>): Map<string, string> {
  const known = idsByLookup.get(ctx.attributesOf);
  if (known?.project === ctx.project) return known.ids;
  const ids = new Map<string, string>();
  for (const dataset of ctx.project.all('datasets')) {
    const id = ctx.attributesOf('datasets', dataset.name)?.dataset_id;
    if (id !== undefined) ids.set(id, dataset.name);
  }
  idsByLookup.set(ctx.attributesOf, { project: ctx.project, ids });
  return ids;
}

const idsByLookup = new WeakMap<SynthContext['attributesOf'], { readonly project: SynthContext['project']; readonly ids: Map<string, string> }>();

/**
 * Registers the grants `purpose`'s account needs to run `sql` (resolved for the environment), and returns
 * them for `dependsOn`. SQL that does not tokenize has been reported by validation; it gets no grant.
 */
export function sqlRunnerGrants(sql: string, ctx: SynthContext, purpose: ServiceAccountPurpose): ResourceRef[] {
  const access = datasetAccess(sql, datasetIds(ctx));
  if (!access) return [];
  return [
    ...access.reads.map((dataset) => ctx.need({ kind: 'dataset-role', purpose, dataset, role: 'roles/bigquery.dataViewer' })),
    ...access.writes.map((dataset) => ctx.need({ kind: 'dataset-role', purpose, dataset, role: 'roles/bigquery.dataEditor' })),
  ];
}
