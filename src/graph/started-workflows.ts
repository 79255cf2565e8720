/**
 * The workflows a scheduler job, trigger or state machine starts, read from what its configuration names. A
 * reference to a workflow's trigger URL is literal (the URL is known before deploy), so it is no dependency in
 * the project graph; the resolved configuration still holds the URL, and that names the workflow.
 */

/** Workflow node ids by their trigger URL (`https://workflowexecutions.googleapis.com/…/executions`). */
export type WorkflowsByTriggerUrl = ReadonlyMap<string, string>;

/** Ids of the workflows whose trigger URL is a value of `resolved` (a resolved configuration), sorted. */
export function workflowsStarted(resolved: unknown, byTriggerUrl: WorkflowsByTriggerUrl): string[] {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const id = byTriggerUrl.get(value.trim());
      if (id) out.add(id);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(resolved);
  return [...out].sort();
}
