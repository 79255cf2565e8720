/**
 * Steps gdp adds at the start of `main`, from the files that start this workflow: the run-date prologue
 * (a scheduler passes `${date}`), the state machine's `source_objects` guard and the Eventarc
 * `path_pattern` guard. Each is found by reading the other entities' files, never by importing their
 * modules.
 */
import { parseTemplate } from '../../core/references';
import type { Entity } from '../../core/module-type';
import type { SynthContext } from '../../core/synth-context';
import { globToRegex } from '../shared/path-pattern';
import { runDatePrologueSteps } from '../shared/run-date';
import { escapeRe2, objectGuardSteps, sourceObjectGuardSteps } from '../shared/source-guard';
import { literalValue } from './literal-values';

/** The parts of a scheduler file read here. */
interface SchedulerLike {
  readonly http_target?: { readonly uri?: string; readonly body?: string };
}

/** The parts of a state machine file read here. */
export interface StateMachineLike {
  readonly workflow_name: string;
  readonly source_objects?: readonly { readonly bucket: string; readonly prefix?: string; readonly suffix?: string }[];
  readonly environment_variables?: Readonly<Record<string, string>>;
}

/** The parts of an Eventarc trigger file read here. */
interface TriggerLike {
  readonly bucket: string;
  readonly path_pattern?: string;
  readonly destination: { readonly workflow?: string };
}

/** Prefix of the names of the path_pattern guard's steps and variables. */
export const PATH_GUARD_PREFIX = 'gdp_path_';

/** Name of the parameter gdp gives `main` when a prologue needs the argument and the file declares none. */
export const DEFAULT_ARGUMENT = 'args';

/** The state machine bound to a workflow, if any. */
export function stateMachineOf(ctx: Pick<SynthContext, 'project'>, workflow: string): Entity<StateMachineLike> | undefined {
  return starters(ctx.project).machines.get(workflow);
}

/** True when a scheduler job starts this workflow (uri `${workflows.<name>.trigger_url}`) with `${date}` in its body. */
export function scheduledWithRunDate(ctx: Pick<SynthContext, 'project'>, workflow: string): boolean {
  return starters(ctx.project).scheduledWithRunDate.has(workflow);
}

/** What starts each workflow: its state machine, its Eventarc triggers, whether a job passes `${date}`. */
interface Starters {
  readonly machines: ReadonlyMap<string, Entity<StateMachineLike>>;
  readonly triggers: ReadonlyMap<string, readonly Entity<TriggerLike>[]>;
  readonly scheduledWithRunDate: ReadonlySet<string>;
}

/**
 * The starters of every workflow of a project, indexed once per project (looking them up by scanning
 * every scheduler, trigger and state machine for each workflow grew with the square of the files).
 */
function starters(project: SynthContext['project']): Starters {
  let found = startersByProject.get(project);
  if (found) return found;
  const machines = new Map<string, Entity<StateMachineLike>>();
  for (const e of project.all<StateMachineLike>('statemachines')) if (!machines.has(e.config.workflow_name)) machines.set(e.config.workflow_name, e);
  const triggers = new Map<string, Entity<TriggerLike>[]>();
  for (const e of project.all<TriggerLike>('eventarc_triggers')) {
    const workflow = e.config.destination.workflow;
    if (workflow === undefined) continue;
    if (!triggers.has(workflow)) triggers.set(workflow, []);
    triggers.get(workflow)!.push(e);
  }
  const scheduled = new Set<string>();
  const refs = (text: string) => parseTemplate(text).flatMap((s) => (s.type === 'ref' ? [s.expr] : []));
  for (const { config } of project.all<SchedulerLike>('schedulers')) {
    const target = config.http_target;
    if (target?.uri === undefined || target.body === undefined) continue;
    if (!refs(target.body).some((e) => e.head === 'date' && e.keys.length === 0)) continue;
    for (const e of refs(target.uri)) if (e.head === 'workflows' && e.keys[1] === 'trigger_url' && e.keys[0] !== undefined) scheduled.add(e.keys[0]);
  }
  found = { machines, triggers, scheduledWithRunDate: scheduled };
  startersByProject.set(project, found);
  return found;
}

const startersByProject = new WeakMap<SynthContext['project'], Starters>();

/**
 * RE2 patterns on `<bucket>/<object name>` accepted by the Eventarc triggers that start this workflow, or
 * none when no trigger has a path_pattern. A trigger without one accepts its whole bucket, since the event
 * does not say which trigger sent it.
 */
export function pathPatterns(ctx: Pick<SynthContext, 'project' | 'env' | 'attributesOf'>, workflow: string): string[] {
  const triggers = starters(ctx.project).triggers.get(workflow) ?? [];
  if (!triggers.some((t) => t.config.path_pattern !== undefined)) return [];
  const patterns = triggers.map(({ config }) => {
    const bucket = escapeRe2(literalValue(config.bucket, ctx));
    const name = config.path_pattern === undefined ? '.*' : globToRegex(literalValue(config.path_pattern, ctx)).slice(1, -1);
    return `^${bucket}/${name}$`;
  });
  return [...new Set(patterns)].sort();
}

/** The prologue steps of a workflow, in order, for the argument `argName`. */
export function prologueSteps(ctx: Pick<SynthContext, 'project' | 'env' | 'attributesOf'>, workflow: string, argName: string): Record<string, unknown>[] {
  const objects = (stateMachineOf(ctx, workflow)?.config.source_objects ?? []).map((o) => ({
    bucket: literalValue(o.bucket, ctx),
    prefix: o.prefix === undefined ? undefined : literalValue(o.prefix, ctx),
    suffix: o.suffix === undefined ? undefined : literalValue(o.suffix, ctx),
  }));
  return [
    ...(scheduledWithRunDate(ctx, workflow) ? runDatePrologueSteps(argName) : []),
    ...sourceObjectGuardSteps(objects, argName),
    ...objectGuardSteps(pathPatterns(ctx, workflow), argName, {
      prefix: PATH_GUARD_PREFIX,
      reason: 'the object matches the path_pattern of none of the Eventarc triggers of this workflow',
    }),
  ];
}
