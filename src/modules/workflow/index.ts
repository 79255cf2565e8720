/**
 * Module type `workflow`: `configuration/workflows/<file>.yaml` → a Cloud Workflows workflow named
 * `<app>-wkf-<workflow_name>-<region code>-<env>`. Steps are written in the users' form
 * (`- name: x` + fields) or Cloud Workflows' native form, and checked before deployment.
 */
import { NAME_RULES } from '../../core/naming';
import { SERVICE_ACCOUNT_PURPOSES, type Environment } from '../../core/environment';
import { WORKFLOW_CODES, type WorkflowCode } from './codes';
import { checkWorkflowLimits } from './limits';
import { defineModule, type Reporter } from '../../core/module-type';
import { serviceAccountEmail, workflowId, workflowName, workflowTriggerUrl } from '../../core/naming';
import { parseTemplate } from '../../core/references';
import { checkAmbiguousNames } from './ambiguous-names';
import { checkCloudRunCalls } from './cloud-run-checks';
import { checkDefinition } from './definition-checks';
import { checkKeyReferences } from './deployed-values';
import { checkJobsQueryCalls, reportQuotedProjectPaths } from './embedded-sql';
import { checkExpressionLengths } from './expressions';
import { WorkflowSchema, type WorkflowConfig } from './schema';
import { workflowSqlBodies } from './step-sql';
import { synthWorkflow } from './synth';

export { toNativeDefinition, type NativeDefinition } from './native';
export { WorkflowSchema, type WorkflowConfig } from './schema';

/**
 * The email of the workflow's service account in an environment. Attributes are computed without the
 * resolver, so the forms a file can use are evaluated here: a literal email, `${service_accounts.<purpose>}`,
 * and the plain built-ins and environment variables.
 */
export function workflowServiceAccount(config: WorkflowConfig, env: Environment): string {
  return accountTemplateValue(config.service_account, env);
}

/**
 * A service account field evaluated without the resolver (for attributes): a literal email,
 * `${service_accounts.<purpose>}`, and the plain built-ins and environment variables.
 */
export function accountTemplateValue(text: string, env: Environment): string {
  let out = '';
  for (const seg of parseTemplate(text)) {
    if (seg.type === 'text') out += seg.text;
    else if (seg.type === 'bad') out += seg.source;
    else out += builtinValue(seg.expr.head, seg.expr.keys, env) ?? seg.source;
  }
  return out;
}

function builtinValue(head: string, keys: readonly string[], env: Environment): string | undefined {
  if (head === 'service_accounts' && keys.length === 1 && (SERVICE_ACCOUNT_PURPOSES as readonly string[]).includes(keys[0])) {
    return serviceAccountEmail(env, keys[0]);
  }
  if (keys.length > 0) return undefined;
  const scalars: Record<string, string> = { project: env.project_id, region: env.region, env: env.name, app_name: env.app_name };
  if (head in scalars) return scalars[head];
  const variable = env.variables[head];
  if (variable === undefined) return undefined;
  return typeof variable !== 'string' ? String(variable) : variable.includes('${') ? undefined : variable;
}

const EMAIL = /^[^@\s/]+@[^@\s/]+\.gserviceaccount\.com$/;
const SERVICE_ACCOUNT_NAME = /^projects\/[^/\s]+\/serviceAccounts\/[^@\s/]+@[^@\s/]+$/;

function checkServiceAccount(value: unknown, report: Reporter<WorkflowCode>): void {
  if (typeof value === 'string' && (EMAIL.test(value) || SERVICE_ACCOUNT_NAME.test(value))) return;
  report('GDP559', ['service_account'], `service_account "${String(value)}" is not a service account email`);
}

/** The workflow module type. */
export const workflowModule = defineModule({
  kind: 'workflow',
  title: 'Cloud Workflow',
  folder: 'workflows',
  namespace: 'workflows',
  noun: 'workflow',
  schema: WorkflowSchema,
  codes: WORKFLOW_CODES,
  synth(entity, ctx) {
    synthWorkflow(entity, ctx);
  },
  compile: {
    logicalName: (config) => config.workflow_name,
    namePath: ['workflow_name'],
    check(entity, ctx) {
      checkDefinition(entity.config, ctx.report);
      checkAmbiguousNames(entity, ctx.report);
      checkJobsQueryCalls(entity.config, ctx.report);
      checkCloudRunCalls(entity.config, ctx);
    },
  },
  environment: {
    attributes(entity, { env }) {
      return {
        name: workflowName(env, entity.name),
        id: workflowId(env, entity.name),
        trigger_url: workflowTriggerUrl(env, entity.name),
        region: env.region,
        service_account: workflowServiceAccount(entity.config, env),
      };
    },
    // Computed from the logical name and the environment: another file may use them before the workflow exists
    // (two workflows may start each other through their trigger URLs).
    literalAttributes: ['name', 'id', 'trigger_url', 'region'],
    generatedNames(entity, { env }) {
      return [{ rule: NAME_RULES.workflow, value: workflowName(env, entity.name), path: ['workflow_name'] }];
    },
    check(entity, ctx) {
      checkServiceAccount(ctx.resolved.service_account, ctx.report);
      checkExpressionLengths(ctx.resolved, entity.config, ctx.report);
      checkKeyReferences(ctx.resolved, ctx, ctx.report);
      checkAmbiguousNames(entity, ctx.report, Object.keys(ctx.env.variables));
      reportQuotedProjectPaths(ctx.resolved, ctx.env.project_id, ctx.report);
      checkWorkflowLimits(entity, ctx);
    },
    sqlBodies(entity, { env, resolved }) {
      return workflowSqlBodies(entity, env, resolved);
    },
  },
  example: `# configuration/workflows/load_orders.yaml
workflow_name: load_orders
description: "Load the day's orders"
params: [args]                      # main takes at most one parameter: the execution argument
steps:
  - name: load                      # users' form: "- name: <step>" + fields
    try:
      call: googleapis.bigquery.v2.jobs.insert     # waits until the job is done
      args:
        projectId: \${project}
        body:
          configuration:
            query:
              query: DECLARE loaded INT64; CALL \${procedures["load_orders"].reference}(DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY), loaded)
              useLegacySql: false
      result: job
    retry: $\${http.default_retry}
    except:
      as: e
      steps:
        - log_error:                # native form works too
            call: sys.log
            args:
              severity: ERROR
              data: $\${e}
        - fail:
            raise: $\${e}
  - name: done
    return: $\${job.status.state}    # $\${...} is evaluated by Cloud Workflows at run time
`,
});
