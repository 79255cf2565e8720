/**
 * The workflow's resource in one environment: a `google_workflows_workflow` whose `source_contents` is the
 * native YAML of the file (users'-form steps converted), preceded by the prologue steps the files that start
 * it require (prologue.ts), with the state machine's environment variables as `user_env_vars`. The workflow
 * runs as its service account, which gets the BigQuery roles its steps need.
 */
import { stringify } from 'yaml';
import type { Entity } from '../../core/module-type';
import { workflowName } from '../../core/naming';
import { parseTemplate } from '../../core/references';
import type { ServiceAccountPurpose, SynthContext } from '../../core/synth-context';
import type { ResourceRef } from '../../synth/cdk';
import { SERVICE_ACCOUNT_PURPOSES } from '../../core/environment';
import { deployedValues } from './deployed-values';
import { withQuotedProjectPaths } from './embedded-sql';
import { literalValue } from './literal-values';
import { toNativeDefinition, type NativeDefinition } from './native';
import { DEFAULT_ARGUMENT, prologueSteps, stateMachineOf } from './prologue';
import type { WorkflowConfig } from './schema';

/** The native definition with the prologue steps first; `main` gets a parameter when a prologue needs one. */
export function definitionWithPrologue(config: WorkflowConfig, prologue: (argName: string) => Record<string, unknown>[]): NativeDefinition {
  const definition = toNativeDefinition(config);
  const argName = config.params?.[0] ?? DEFAULT_ARGUMENT;
  const steps = prologue(argName);
  if (steps.length === 0) return definition;
  return { ...definition, main: { params: [argName], steps: [...steps, ...definition.main.steps] } };
}

/**
 * A definition as YAML text: insertion order kept (main first), no folded lines, no anchors, and quoted
 * for a YAML 1.1 reader (strings such as "2024-01-01", "." or "yes" keep their quotes).
 */
export function definitionYaml(definition: NativeDefinition): string {
  return stringify(definition, { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/** The gdp purpose of a `service_account` written `${service_accounts.<purpose>}`, else undefined. */
function accountPurpose(serviceAccount: string): ServiceAccountPurpose | undefined {
  const segments = parseTemplate(serviceAccount.trim());
  const [only] = segments;
  if (segments.length !== 1 || only.type !== 'ref' || only.expr.head !== 'service_accounts' || only.expr.keys.length !== 1) return undefined;
  const purpose = only.expr.keys[0];
  return (SERVICE_ACCOUNT_PURPOSES as readonly string[]).includes(purpose) ? (purpose as ServiceAccountPurpose) : undefined;
}

/** Every string of a value, depth first. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** True when a step (at any depth) calls a BigQuery connector (`call: googleapis.bigquery.…`). */
function callsBigQuery(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(callsBigQuery);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => (k === 'call' && typeof v === 'string' && v.startsWith('googleapis.bigquery.')) || callsBigQuery(v));
}

/** Logical names of the procedures the file references (`${procedures.<name>.…}`). */
function referencedProcedures(config: WorkflowConfig): string[] {
  const names = strings(config).flatMap((s) =>
    parseTemplate(s).flatMap((seg) => (seg.type === 'ref' && seg.expr.head === 'procedures' && seg.expr.keys.length > 0 ? [seg.expr.keys[0]] : [])),
  );
  return [...new Set(names)].sort();
}

/**
 * The grants the workflow's account needs: BigQuery jobs, and getting the procedures it calls
 * (bigquery.routines.get, in dataViewer on their datasets); what the procedures read and write is granted
 * by the procedures themselves (procedure/least-privilege.ts).
 */
function bigQueryNeeds(entity: Entity<WorkflowConfig>, ctx: SynthContext<WorkflowConfig>, purpose: ServiceAccountPurpose): ResourceRef[] {
  const needs: ResourceRef[] = [];
  const procedures = referencedProcedures(entity.config);
  if (callsBigQuery(ctx.resolved)) needs.push(ctx.need({ kind: 'project-role', purpose, role: 'roles/bigquery.jobUser' }));
  for (const name of procedures) {
    const dataset = ctx.project.lookup<{ dataset_id?: string }>('procedures', name)?.config.dataset_id;
    if (dataset !== undefined) needs.push(ctx.need({ kind: 'dataset-role', purpose, dataset, role: 'roles/bigquery.dataViewer' }));
  }
  return needs;
}

/** Creates the workflow's resource. */
export function synthWorkflow(entity: Entity<WorkflowConfig>, ctx: SynthContext<WorkflowConfig>): void {
  const config = ctx.resolved;
  const purpose = accountPurpose(entity.config.service_account);
  const account = purpose === undefined ? undefined : ctx.serviceAccount(purpose);
  const dependsOn = [...(account?.dependsOn ?? []), ...(purpose === undefined ? [] : bigQueryNeeds(entity, ctx, purpose))];
  const envVars = stateMachineOf(ctx, entity.name)?.config.environment_variables;
  const written = withQuotedProjectPaths(deployedValues(config, entity.file, ctx), ctx.env.project_id);
  const definition = definitionWithPrologue(written, (argName) => prologueSteps(ctx, entity.name, argName));

  ctx.resources.workflowsWorkflow(ctx.id(), {
    name: workflowName(ctx.env, entity.name),
    region: ctx.env.region,
    description: config.description === undefined ? undefined : ctx.escape(config.description),
    serviceAccount: account?.email ?? config.service_account,
    labels: ctx.labels(config.labels),
    callLogLevel: config.call_log_level ?? ctx.env.options.workflow_call_log_level,
    deletionProtection: config.deletion_protection || ctx.env.options.force_deletion_protection,
    userEnvVars:
      envVars === undefined
        ? undefined
        : Object.fromEntries(Object.entries(envVars).map(([k, v]) => [ctx.escape(k), ctx.escape(literalValue(String(v), ctx))])),
    sourceContents: ctx.escape(definitionYaml(definition)),
    dependsOn,
  });
}
