/** What a scheduler job calls: a gdp workflow (through its trigger_url reference) or any HTTP endpoint. */
import { parseTemplate } from '../../core/references';
import type { SchedulerConfig } from './schema';

/** URL of the Workflow Executions API that starts an execution. */
export const WORKFLOW_EXECUTIONS_URL =
  /^https:\/\/workflowexecutions\.googleapis\.com\/v1(?:beta)?\/projects\/[^/]+\/locations\/[^/]+\/workflows\/([^/]+)\/executions\/?$/;

/** The workflow a job starts when its uri is exactly `${workflows.<name>.trigger_url}`, else undefined. */
export function workflowTarget(config: SchedulerConfig): string | undefined {
  const segments = parseTemplate(config.http_target.uri.trim());
  const [only] = segments;
  if (segments.length !== 1 || only.type !== 'ref') return undefined;
  const { head, keys } = only.expr;
  return head === 'workflows' && keys.length === 2 && keys[1] === 'trigger_url' ? keys[0] : undefined;
}

/** True when the uri mentions a workflow reference anywhere. */
export function mentionsWorkflowReference(config: SchedulerConfig): boolean {
  return parseTemplate(config.http_target.uri).some((s) => s.type === 'ref' && s.expr.head === 'workflows');
}

/** True when the body uses `${date}`. */
export function usesRunDate(config: SchedulerConfig): boolean {
  const body = config.http_target.body;
  return body !== undefined && parseTemplate(body).some((s) => s.type === 'ref' && s.expr.head === 'date' && s.expr.keys.length === 0);
}

/**
 * The workflow that must start with the run-date prologue (shared/run-date.ts) because this job passes
 * it `${date}`, or undefined.
 */
export function runDateWorkflow(config: SchedulerConfig): string | undefined {
  return usesRunDate(config) ? workflowTarget(config) : undefined;
}
