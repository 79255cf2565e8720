/**
 * A load's `workflow:` field, expressed as entities of the existing module types: a workflow
 * `load_<name>` that calls the procedure and raises when it fails, a scheduler job that starts it on a
 * cron, and an Eventarc trigger that starts it when an object lands. Those modules check, name and
 * synthesize them as if they had their own files.
 */
import type { DerivedEntity, Entity } from '../../core/module-type';
import type { LoadConfig } from './schema';

/** Logical name of the procedure, workflow, job and trigger of a load. */
export function loadResourceName(load: string): string {
  return `load_${load}`;
}

/** The Cloud Storage event that starts a triggered load. */
const OBJECT_FINALIZED = 'google.cloud.storage.object.v1.finalized';

/**
 * Steps of the workflow (users' form): run `CALL <procedure>()` as a BigQuery job and wait for it, log,
 * and raise on a failed request or a job that ends with an error.
 */
export function workflowSteps(load: string): Record<string, unknown>[] {
  const ref = (attribute: string) => `\${loads["${load}"].${attribute}}`;
  const fail = (step: string, message: string, error: string): Record<string, unknown>[] => [
    { name: `log_${step}`, call: 'sys.log', args: { severity: 'ERROR', json: { message, load, error } } },
    { name: `raise_${step}`, raise: error },
  ];
  return [
    {
      name: 'call_procedure',
      try: {
        call: 'googleapis.bigquery.v2.jobs.insert',
        args: {
          projectId: ref('project'),
          body: {
            jobReference: { location: ref('location') },
            configuration: { query: { query: `CALL ${ref('reference')}()`, useLegacySql: false } },
          },
        },
        result: 'job',
      },
      except: { as: 'e', steps: fail('request_error', `load ${load} failed`, '$${e}') },
    },
    {
      name: 'check_job',
      switch: [{ condition: '$${"errorResult" in job.status}', steps: fail('job_error', `load ${load} failed`, '$${job.status.errorResult}') }],
    },
    {
      name: 'log_done',
      call: 'sys.log',
      args: { severity: 'INFO', json: { message: `load ${load} done`, load, job_id: '$${job.jobReference.jobId}' } },
    },
    { name: 'done', return: '$${job.jobReference.jobId}' },
  ];
}

/** The entities a load's `workflow:` field asks for (none without it). */
export function deriveLoadEntities(entity: Entity<LoadConfig>): DerivedEntity[] {
  const wf = entity.config.workflow;
  if (!wf) return [];
  const name = loadResourceName(entity.name);
  const description = wf.description ?? `Runs load ${entity.name} (generated from ${entity.file.path})`;
  const derived: DerivedEntity[] = [
    { kind: 'workflow', name, at: ['workflow'], config: { workflow_name: name, description, steps: workflowSteps(entity.name) } },
  ];
  if (wf.schedule) {
    derived.push({
      kind: 'scheduler',
      name,
      at: ['workflow', 'schedule'],
      config: {
        name,
        description,
        schedule: wf.schedule.cron,
        timezone: wf.schedule.timezone,
        http_target: { uri: `\${workflows.${name}.trigger_url}` },
      },
    });
  }
  if (wf.trigger) {
    derived.push({
      kind: 'eventarc_trigger',
      name,
      at: ['workflow', 'trigger'],
      config: {
        name,
        description,
        event_type: OBJECT_FINALIZED,
        bucket: wf.trigger.bucket,
        ...(wf.trigger.path_pattern === undefined ? {} : { path_pattern: wf.trigger.path_pattern }),
        ...(wf.trigger.location === undefined ? {} : { location: wf.trigger.location }),
        destination: { workflow: name },
      },
    });
  }
  return derived;
}
