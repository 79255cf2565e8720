/** A test module type whose synth exercises the SynthContext (files in `jobs/`), and a compile helper for it. */
import { z } from 'zod';
import { createRegistry } from '../../src/api';
import { ENVIRONMENT_NAMES, SERVICE_ACCOUNT_PURPOSES } from '../../src/core/environment';
import { defineModule } from '../../src/core/module-type';
import { compileProject, type Project } from '../../src/core/project';
import type { BucketRole, DatasetRole, ServiceAccountInfo } from '../../src/core/synth-context';
import { builtinModules } from '../../src/modules';
import { bundledEnvironments, errors, rawFile } from '../../src/testing';

/** A test module whose synth exercises the SynthContext: files in `jobs/`. */
export const JobSchema = z.strictObject({
  purpose: z.enum(SERVICE_ACCOUNT_PURPOSES),
  datasets: z.record(z.string(), z.enum(['roles/bigquery.dataViewer', 'roles/bigquery.dataEditor', 'roles/bigquery.dataOwner'])).default({}),
  buckets: z.record(z.string(), z.enum(['roles/storage.objectViewer', 'roles/storage.objectAdmin'])).default({}),
  after: z.string().optional(),
  peek: z.string().optional(),
  duplicate_id: z.boolean().default(false),
  bad_log_level: z.boolean().default(false),
});
/** The service account each job saw, by job name. */
export const seen: Record<string, ServiceAccountInfo> = {};
/** The `job` module type. */
export const jobModule = defineModule({
  kind: 'job',
  title: 'test job',
  folder: 'jobs',
  namespace: 'jobs',
  noun: 'job',
  schema: JobSchema,
  codes: {},
  compile: {
    logicalName: (_c, base) => base,
    fieldReferences: (c) => [
      ...Object.keys(c.datasets).map((name) => ({ namespace: 'datasets', name, path: ['datasets', name] })),
      ...(c.after ? [{ namespace: 'jobs', name: c.after, path: ['after'] }] : []),
    ],
  },
  synth(entity, ctx) {
    const c = ctx.resolved;
    const sa = ctx.serviceAccount(c.purpose);
    seen[entity.name] = sa;
    const grants = Object.entries(c.datasets).map(([dataset, role]) => ctx.need({ kind: 'dataset-role', purpose: c.purpose, dataset, role: role as DatasetRole }));
    for (const [bucket, role] of Object.entries(c.buckets)) grants.push(ctx.need({ kind: 'bucket-role', purpose: c.purpose, bucket, role: role as BucketRole }));
    if (c.peek) ctx.resourceOf('jobs', c.peek);
    const previous = c.after ? ctx.resourceOf('jobs', c.after) : undefined;
    ctx.resources.workflowsWorkflow(ctx.id(), {
      name: `${ctx.env.app_name}-${entity.name}`,
      region: ctx.env.region,
      sourceContents: ctx.escape('main:\n  steps:\n    - s: { return: ${sys.get_env("X")} }\n'),
      serviceAccount: sa.email,
      labels: ctx.labels(),
      callLogLevel: c.bad_log_level ? 'LOG_EVERYTHING' : undefined,
      dependsOn: [...sa.dependsOn, ...grants, ...(previous ? [previous] : [])],
    });
    if (c.duplicate_id) ctx.resources.workflowsWorkflow(ctx.id(), { name: 'again', region: ctx.env.region });
  },
  example: '',
});

/** The built-in module types plus `job`. */
export function jobRegistry(): ReturnType<typeof createRegistry> {
  return createRegistry([...builtinModules, jobModule]);
}

/** Compiles files with the built-in module types plus `job`, failing the test on errors. */
export function compileJobs(files: Record<string, string>, environmentFiles = bundledEnvironments()): Project {
  const result = compileProject({
    registry: jobRegistry(),
    configFiles: Object.entries(files).map(([rel, text]) => rawFile(rel, text)),
    environmentFiles,
    environments: ENVIRONMENT_NAMES,
  });
  expect(errors(result)).toEqual([]);
  return result.project;
}
