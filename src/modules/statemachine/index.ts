/**
 * Module type `statemachine`: `configuration/statemachine/<name>.yaml` binds a workflow to the way it is
 * started (`trigger_type`), the files it waits for (`source_objects`: a guard at the start of the workflow
 * skips other objects, see `source-guard.ts`) and its environment variables (the workflow's
 * `user_env_vars`). It creates no resource of its own: it shapes the workflow it names.
 */
import { NAME_RULES } from '../../core/naming';
import { STATEMACHINE_CODES } from './codes';
import { defineModule } from '../../core/module-type';
import { nameViolation } from '../../core/naming';
import { StateMachineSchema, type StateMachineConfig } from './schema';

export { sourceObjectGuardSteps, sourceObjectPattern, type SourceObjectFilter } from './source-guard';
export { StateMachineSchema, type StateMachineConfig } from './schema';

/** Cloud Workflows limits of `user_env_vars` (gcp-domain.md §4.1). */
export const ENV_VAR_LIMITS = { count: 20, valueBytes: 4096, reservedPrefixes: ['GOOGLE', 'WORKFLOWS'] } as const;

/** The state machine module type. */
export const stateMachineModule = defineModule({
  kind: 'statemachine',
  title: 'State machine (workflow start binding)',
  folder: 'statemachine',
  namespace: 'statemachines',
  noun: 'state machine',
  schema: StateMachineSchema,
  codes: STATEMACHINE_CODES,
  synth: () => undefined,
  compile: {
    logicalName: (_config, baseName) => baseName,
    fieldReferences: (config) => [{ namespace: 'workflows', name: config.workflow_name, path: ['workflow_name'] }],
    check(entity, ctx) {
      const { config } = entity;
      const first = ctx.all<StateMachineConfig>('statemachines').find((e) => e.config.workflow_name === config.workflow_name);
      if (first && first.name !== entity.name) {
        ctx.report('GDP560', ['workflow_name'], `workflow "${config.workflow_name}" already has a state machine: ${first.file.path}`);
      }
      const vars = Object.keys(config.environment_variables ?? {});
      if (vars.length > ENV_VAR_LIMITS.count) {
        ctx.report('GDP563', ['environment_variables'], `environment_variables holds ${vars.length} variables; Cloud Workflows accepts at most ${ENV_VAR_LIMITS.count}`, { key: true });
      }
      for (const name of vars) {
        const reserved = ENV_VAR_LIMITS.reservedPrefixes.find((p) => name.startsWith(p));
        if (name.trim() === '') ctx.report('GDP562', ['environment_variables', name], 'an environment variable needs a name, but an empty one was given', { key: true });
        else if (reserved) ctx.report('GDP562', ['environment_variables', name], `environment variable "${name}" starts with ${reserved}, which Cloud Workflows reserves`, { key: true });
      }
    },
  },
  environment: {
    check(_entity, ctx) {
      const resolved = ctx.resolved;
      (resolved.source_objects ?? []).forEach((object, i) => {
        const problem = nameViolation(NAME_RULES.bucket, object.bucket);
        if (problem) ctx.report('GDP561', ['source_objects', i, 'bucket'], `source bucket: ${problem}`);
      });
      for (const [name, value] of Object.entries(resolved.environment_variables ?? {})) {
        const bytes = Buffer.byteLength(value, 'utf8');
        if (bytes > ENV_VAR_LIMITS.valueBytes) {
          ctx.report('GDP564', ['environment_variables', name], `environment variable "${name}" is ${bytes} bytes long; Cloud Workflows accepts at most ${ENV_VAR_LIMITS.valueBytes}`);
        }
      }
    },
    // A state machine creates no resource of its own: its environment variables become the workflow's
    // user_env_vars and its source_objects a guard step, both written by the workflow's synthesis.
  },
  example: `# configuration/statemachine/load_orders.yaml  (the file name is the logical name)
workflow_name: load_orders       # the workflow this binds
trigger_type: file_arrival       # http, file_arrival or schedule
description: "Load each orders file that lands in the landing bucket"
source_objects:                  # other objects end the execution at once ({skipped: true})
  - bucket: \${buckets.landing}
    prefix: orders/
    suffix: ".csv"
environment_variables:           # the workflow's user_env_vars: $\${sys.get_env("MODE")}
  MODE: incremental
  MAX_RETRIES: 3                 # numbers and booleans become text
`,
});
