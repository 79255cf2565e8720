/** Which Cloud Run services and jobs a text names through `${cloudrun_services[...]}` / `${cloudrun_jobs[...]}`. */
import { parseTemplate } from '../../core/references';

/** Namespace of Cloud Run services in references. */
export const SERVICES_NAMESPACE = 'cloudrun_services';
/** Namespace of Cloud Run jobs in references. */
export const JOBS_NAMESPACE = 'cloudrun_jobs';

/** A service or job a text references. */
export interface RunTarget {
  readonly namespace: typeof SERVICES_NAMESPACE | typeof JOBS_NAMESPACE;
  readonly name: string;
}

/** The services and jobs a string references, in order, without repeats. */
export function runTargetsIn(text: string): RunTarget[] {
  const out: RunTarget[] = [];
  for (const seg of parseTemplate(text)) {
    if (seg.type !== 'ref' || seg.expr.keys.length === 0) continue;
    const namespace = seg.expr.head;
    if (namespace !== SERVICES_NAMESPACE && namespace !== JOBS_NAMESPACE) continue;
    if (!out.some((t) => t.namespace === namespace && t.name === seg.expr.keys[0])) out.push({ namespace, name: seg.expr.keys[0] });
  }
  return out;
}
