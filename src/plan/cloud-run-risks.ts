/**
 * Risks of Cloud Run changes: a service whose template changes rolls out a new revision in place (the old
 * one serves until the new one is ready); replacing or removing a service or job stops what calls it.
 */
import type { ChangeFacts } from './classify';
import type { Risk } from './model';

const name = (c: ChangeFacts): string => String((c.before ?? c.after)?.name ?? c.name);

/** google_cloud_run_v2_service. */
export function cloudRunServiceRisks(c: ChangeFacts): Risk[] {
  if (c.action === 'update' && c.attributes.some((a) => a.path === 'template' || a.path.startsWith('template.'))) {
    const fields = [...new Set(c.attributes.filter((a) => a.path.startsWith('template')).map((a) => a.path))].join(', ');
    return [{ code: 'GDP731', kind: 'notice', message: `Cloud Run service ${name(c)} rolls out a new revision (${fields})`, advice: 'Nothing to do: traffic moves to the new revision once it is ready.' }];
  }
  if (c.action === 'destroy' || c.action === 'replace') {
    const how = c.action === 'destroy' ? 'deleted' : `deleted and created again (${c.replaceReasons.join('; ')})`;
    return [{ code: 'GDP732', kind: 'disruption', message: `Cloud Run service ${name(c)} is ${how}: calls fail until it serves again`, advice: 'Keep its name to update it in place, and remove its callers first when it goes away.' }];
  }
  return [];
}

/** google_cloud_run_v2_job. */
export function cloudRunJobRisks(c: ChangeFacts): Risk[] {
  if (c.action !== 'destroy' && c.action !== 'replace') return [];
  const how = c.action === 'destroy' ? 'deleted' : `deleted and created again (${c.replaceReasons.join('; ')})`;
  return [{ code: 'GDP732', kind: 'disruption', message: `Cloud Run job ${name(c)} is ${how}: running executions stop and callers fail meanwhile`, advice: 'Apply when the job is not running; keep its name to update it in place.' }];
}
