/**
 * Checks of a workflow definition as a whole: main's parameter, subworkflow names and parameters, and the
 * steps of every body.
 */
import type { Reporter } from '../../core/module-type';
import type { WorkflowCode } from './codes';
import { checkStepList } from './step-checks';
import { describe, isMapping } from './step-shape';
import type { WorkflowConfig } from './schema';

const SUBWORKFLOW_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Checks main, then every subworkflow. */
export function checkDefinition(config: WorkflowConfig, report: Reporter<WorkflowCode>): void {
  const subworkflows = Object.keys(config.subworkflows ?? {});
  if (config.params && config.params.length > 1) {
    report('GDP556', ['params', 1], `main takes at most one parameter (the execution argument), but ${config.params.length} were given: ${config.params.join(', ')}`, {
      hint: 'Keep one parameter, e.g. "params: [args]", and read the fields of the argument from it ($${args.field}).',
    });
  }
  checkStepList(config.steps, ['steps'], report, subworkflows);
  for (const [name, sub] of Object.entries(config.subworkflows ?? {})) {
    if (name === 'main' || !SUBWORKFLOW_NAME.test(name)) {
      report(
        'GDP557',
        ['subworkflows', name],
        name === 'main' ? 'a subworkflow cannot be named "main": main is the workflow’s own steps' : `subworkflow name "${name}" may only hold letters, digits and "_", starting with a letter`,
        { key: true },
      );
    }
    checkSubworkflowParams(name, sub.params ?? [], report);
    checkStepList(sub.steps, ['subworkflows', name, 'steps'], report, subworkflows);
  }
}

function checkSubworkflowParams(subworkflow: string, params: readonly unknown[], report: Reporter<WorkflowCode>): void {
  const seen = new Set<string>();
  params.forEach((param, i) => {
    const path = ['subworkflows', subworkflow, 'params', i];
    let name: string;
    if (isMapping(param)) {
      const keys = Object.keys(param);
      if (keys.length !== 1) {
        report('GDP556', path, `a parameter with a default must be a one-key mapping "name: default", but a mapping with ${keys.length} keys was given`);
        return;
      }
      name = keys[0];
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        report('GDP556', [...path, name], `parameter name "${name}" may only hold letters, digits and "_"`, { key: true });
        return;
      }
    } else if (typeof param === 'string') {
      name = param;
    } else {
      report('GDP556', path, `a parameter must be a name or "name: default", but ${describe(param)} was given`);
      return;
    }
    if (seen.has(name)) report('GDP556', path, `parameter "${name}" of subworkflow "${subworkflow}" is declared twice`);
    seen.add(name);
  });
}
