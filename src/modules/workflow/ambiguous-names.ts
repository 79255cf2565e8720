/**
 * A `${name}` in a workflow file is a gdp reference, resolved when gdp renders an environment. When `name`
 * is also a variable, parameter or loop variable of the same workflow body, the writer may have meant
 * either: gdp refuses to choose (a sample assigning `location: "us-central1"` and reading `${location}`
 * would otherwise be deployed with the environment's BigQuery location).
 */
import type { WorkflowCode } from './codes';
import type { Entity, Reporter } from '../../core/module-type';
import { parseTemplate } from '../../core/references';
import type { ValuePath } from '../../core/source';
import { isMapping, type Mapping } from './step-shape';
import { forEachMapping, isCallArgs } from './walk-mappings';
import type { WorkflowConfig } from './schema';

/** gdp's plain built-in values, with what each one is (for the message). */
export const PLAIN_BUILTINS: Readonly<Record<string, string>> = {
  project: "the environment's project id",
  region: "the environment's region",
  location: "the environment's BigQuery location",
  env: 'the environment name: dv, qa, np or pd',
  app_name: "the environment's app_name",
};

/** Where a workflow variable is first declared, and how. */
interface Declaration {
  readonly how: string;
  readonly path: ValuePath;
}

/** Variables declared in one body (main or a subworkflow): params, assign, result, for, except, parallel shared. */
export function declaredVariables(params: readonly unknown[] | undefined, steps: unknown, stepsPath: ValuePath, paramsPath: ValuePath): Map<string, Declaration> {
  const found = new Map<string, Declaration>();
  const add = (name: unknown, how: string, path: ValuePath): void => {
    if (typeof name !== 'string') return;
    const base = /^[A-Za-z_][A-Za-z0-9_]*/.exec(name.trim())?.[0];
    if (base !== undefined && !found.has(base)) found.set(base, { how, path });
  };
  (params ?? []).forEach((p, i) => {
    if (isMapping(p)) for (const k of Object.keys(p)) add(k, 'parameter', [...paramsPath, i]);
    else add(p, 'parameter', [...paramsPath, i]);
  });
  const visit = (value: Mapping, path: ValuePath): void => {
    if (Array.isArray(value.assign)) {
      value.assign.forEach((a, i) => {
        if (isMapping(a)) for (const k of Object.keys(a)) add(k, 'variable', [...path, 'assign', i]);
      });
    }
    if (typeof value.call === 'string') add(value.result, 'call result', [...path, 'result']);
    if (isMapping(value.for)) {
      add(value.for.value, 'loop variable', [...path, 'for', 'value']);
      add(value.for.index, 'loop index', [...path, 'for', 'index']);
    }
    if (isMapping(value.except)) add(value.except.as, 'error variable', [...path, 'except', 'as']);
    if (isMapping(value.parallel) && Array.isArray(value.parallel.shared)) {
      value.parallel.shared.forEach((s, i) => add(s, 'shared variable', [...path, 'parallel', 'shared', i]));
    }
  };
  // A call's args are data, not steps.
  forEachMapping(steps, [...stepsPath], visit, isCallArgs);
  return found;
}

/**
 * Reports every `${name}` of a body where name is both a gdp name and a variable of that body. Without
 * `variables`, the names are the plain built-ins; with them, an environment's variables (checked per
 * environment: a message without the environment's name merges across environments).
 */
export function checkAmbiguousNames(entity: Entity<WorkflowConfig>, report: Reporter<WorkflowCode>, environmentVariables?: readonly string[]): void {
  const gdpNames: Readonly<Record<string, string>> = environmentVariables
    ? Object.fromEntries(environmentVariables.map((v) => [v, 'an environment variable, from environments/<env>.json']))
    : PLAIN_BUILTINS;
  for (const body of declaredBodies(entity)) {
    const { variables } = body;
    const shadowed = Object.keys(gdpNames).filter((b) => variables.has(b));
    if (shadowed.length === 0) continue;
    forEachString(body.steps, [...body.path, 'steps'], (text, path) => {
      for (const seg of parseTemplate(text)) {
        if (seg.type !== 'ref' || seg.expr.keys.length > 0 || !shadowed.includes(seg.expr.head)) continue;
        const name = seg.expr.head;
        const declared = variables.get(name)!;
        const line = entity.file.locate(declared.path).line;
        report(
          'GDP610',
          path,
          `\${${name}} is ambiguous: it is gdp's ${environmentVariables ? '' : 'built-in '}${name} (${gdpNames[name]}), replaced when gdp deploys, and also the ${declared.how} "${name}" of ${body.label} (line ${line}), read at run time`,
          {
            offset: seg.offset,
            hint: `For the workflow's ${declared.how}, write $\${${name}} (evaluated by Cloud Workflows). For gdp's value, keep \${${name}} and rename the ${declared.how} (e.g. "wf_${name}") so the two names differ.`,
          },
        );
      }
    });
  }
}

/** A body of a workflow (main or a subworkflow) and the variables it declares. */
interface DeclaredBody {
  readonly label: string;
  readonly steps: unknown;
  readonly path: ValuePath;
  readonly variables: ReadonlyMap<string, Declaration>;
}

/** The bodies of each workflow, found once: the check runs at compile time and again in every environment. */
const bodiesOf = new WeakMap<Entity<WorkflowConfig>, readonly DeclaredBody[]>();

function declaredBodies(entity: Entity<WorkflowConfig>): readonly DeclaredBody[] {
  let bodies = bodiesOf.get(entity);
  if (!bodies) {
    const config = entity.config;
    const written: { label: string; params?: readonly unknown[]; steps: unknown; path: ValuePath }[] = [
      { label: 'main', params: config.params, steps: config.steps, path: [] },
      ...Object.entries(config.subworkflows ?? {}).map(([name, sub]) => ({ label: `subworkflow ${name}`, params: sub.params, steps: sub.steps, path: ['subworkflows', name] as ValuePath })),
    ];
    bodies = written.map((b) => ({ label: b.label, steps: b.steps, path: b.path, variables: declaredVariables(b.params, b.steps, [...b.path, 'steps'], [...b.path, 'params']) }));
    bodiesOf.set(entity, bodies);
  }
  return bodies;
}

function forEachString(value: unknown, path: ValuePath, visit: (text: string, path: ValuePath) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => forEachString(item, [...path, i], visit));
  else if (isMapping(value)) for (const [k, item] of Object.entries(value)) forEachString(item, [...path, k], visit);
}
