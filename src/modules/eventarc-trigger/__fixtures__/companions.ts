/**
 * Test support for the trigger modules: compiles with the built-in module types plus minimal stand-ins
 * for the workflow and state machine module types while those are not registered yet (they are written
 * in parallel). Once the real module types are registered, they are used instead.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { bundledEnvironments, rawFile, SEED_CONFIG } from '../../../../test/helpers';
import { ENVIRONMENT_NAMES } from '../../../core/environment';
import { defineModule, type ModuleType } from '../../../core/module-type';
import { workflowId, workflowName, workflowTriggerUrl } from '../../../core/naming';
import { compileProject, type CompileResult } from '../../../core/project';
import { ModuleRegistry } from '../../../core/registry';
import { builtinModules } from '../..';

const stubWorkflow = defineModule({
  kind: 'workflow',
  title: 'Workflow (test stand-in)',
  folder: 'workflows',
  namespace: 'workflows',
  noun: 'workflow',
  schema: z.looseObject({ workflow_name: z.string() }),
  logicalName: (c) => c.workflow_name,
  attributes: (e, env) => ({ name: workflowName(env, e.name), id: workflowId(env, e.name), trigger_url: workflowTriggerUrl(env, e.name) }),
  example: '',
});

const stubStateMachine = defineModule({
  kind: 'statemachine',
  title: 'State machine (test stand-in)',
  folder: 'statemachine',
  namespace: 'statemachines',
  noun: 'state machine',
  schema: z.looseObject({ workflow_name: z.string() }),
  logicalName: (c) => c.workflow_name,
  example: '',
});

/** The built-in module types, completed with stand-ins for missing workflow and state machine types. */
export function modulesWithCompanions(): ModuleType[] {
  const modules = [...builtinModules];
  for (const stub of [stubWorkflow, stubStateMachine] as ModuleType[]) {
    if (!modules.some((m) => m.namespace === stub.namespace || m.folder === stub.folder)) modules.push(stub);
  }
  return modules;
}

/** A seed file's text, by path under the seed configuration folder. */
export function seedText(relative: string): string {
  return readFileSync(path.join(SEED_CONFIG, relative), 'utf8');
}

/** The seed's dataset and workflow files, which the trigger seeds depend on. */
export function seedCompanions(): Record<string, string> {
  return {
    'datasets/dataset.yaml': seedText('datasets/dataset.yaml'),
    'workflows/process_transactions.yaml': seedText('workflows/process_transactions.yaml'),
  };
}

/** Compiles in-memory files (paths under configuration/) with {@link modulesWithCompanions}. */
export function compileWithCompanions(files: Record<string, string>): CompileResult {
  return compileProject({
    registry: new ModuleRegistry(modulesWithCompanions()),
    configFiles: Object.entries(files)
      .map(([rel, text]) => rawFile(rel, text))
      .sort((a, b) => a.relative.localeCompare(b.relative)),
    environmentFiles: bundledEnvironments(),
    environments: ENVIRONMENT_NAMES,
  });
}
