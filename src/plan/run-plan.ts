/**
 * `gdp plan`'s engine: reads both sides, validates and synthesizes each per environment, classifies
 * every resource change, assesses risks, applies the environment's data-loss rule and the
 * acknowledgements, and optionally renders real Terraform plans next to the offline one.
 */
import { PLAN_CODE_LOOKUP } from './codes';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRegistry, lineSource } from '../api';
import { DiagnosticBag, type Diagnostic } from '../core/diagnostics';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/environment';
import type { LineSource } from '../core/format';
import type { RawFile } from '../core/loader';
import { compileProject, type Project } from '../core/project';
import type { ModuleRegistry } from '../core/registry';
import { collectGarbageAfterStack } from '../synth/collect-garbage';
import { ACKNOWLEDGEMENT_FILE, acknowledgementFor, parseAcknowledgementFile, parseAcknowledgementFlags, type Acknowledgement } from './acknowledgements';
import { compareStacks, type ChangeFacts, type StackJson } from './classify';
import { emptyCounts, type ActionCounts, type EnvironmentPlan, type Plan, type ResourceChange, type TerraformPlanView } from './model';
import { planImpact, sideNodes, SCHEDULER_JOB, type SideNodes } from './impact';
import { assessRisks } from './risks';
import { PlanUsageError, loadSide, type LoadedSide } from './sides';
import { sourceFinder, synthesizeStacks } from './stacks';
import { compareWithTerraform, readTerraformPlan, type TerraformPlanFacts } from './terraform-plan';

/** What {@link runPlan} compares. */
export interface PlanOptions {
  /** Git ref or configuration folder of the current state (usually the target branch). */
  readonly base: string;
  /** Git ref or configuration folder of the proposed state; default the working tree's `configDir`. */
  readonly head?: string;
  /** Working directory; default `process.cwd()`. */
  readonly cwd?: string;
  /** The working tree's configuration folder, also the folder read inside commits; default `./configuration`. */
  readonly configDir?: string;
  /** The working tree's environments folder (commits use their own when they have one); default `./environments`. */
  readonly environmentsDir?: string;
  /** Environments to plan; default all. */
  readonly environments?: readonly EnvironmentName[];
  /** `env=file` pairs of `terraform show -json` plans. */
  readonly terraformPlans?: readonly string[];
  /** `[env:]address` acknowledgements from the command line. */
  readonly allowDataLoss?: readonly string[];
  /** The acknowledgement file (read from the head side); default `allow-data-loss.yaml`, optional when not given. */
  readonly acknowledgementFile?: string;
  /** The instant next scheduler runs are counted from; default now. */
  readonly now?: Date;
  /** Return both compiled sides in {@link PlanRun.projects} (otherwise the base side is let go once its stacks are built). */
  readonly keepProjects?: boolean;
}

/** The outcome of a plan run. */
export interface PlanRun {
  /** The plan; undefined when a side has configuration errors. */
  readonly plan?: Plan;
  /** Errors of the sides, acknowledgement problems, blocked data loss (GDP805), unused acknowledgements. */
  readonly diagnostics: readonly Diagnostic[];
  /** Source lines for diagnostics excerpts. */
  readonly lines: LineSource;
  /** 0: planned; 1: a side is invalid, or data loss is blocked, or the acknowledgements are invalid. */
  readonly exitCode: 0 | 1;
  /** The compiled sides (base, head), with {@link PlanOptions.keepProjects} when both compiled: for per-stack views (`--split-by`). */
  readonly projects?: readonly [Project, Project];
}

/** Plans the change from `base` to `head`. Usage problems throw {@link PlanUsageError}. */
export async function runPlan(options: PlanOptions): Promise<PlanRun> {
  const cwd = options.cwd ?? process.cwd();
  const configDir = options.configDir ?? './configuration';
  const environmentsDir = options.environmentsDir ?? './environments';
  const environments = ENVIRONMENT_NAMES.filter((e) => (options.environments ?? ENVIRONMENT_NAMES).includes(e));
  const terraformPlans = readTerraformPlans(options.terraformPlans ?? [], environments, cwd);
  const where = { cwd, configDir, environmentsDir };
  const [base, head] = await Promise.all([loadSide(options.base, where), loadSide(options.head ?? configDir, where)]);
  const files: RawFile[] = [...base.configFiles, ...base.environmentFiles, ...head.configFiles, ...head.environmentFiles];
  const bag = new DiagnosticBag(PLAN_CODE_LOOKUP);

  const shownAs = { config: shownFolder(cwd, configDir), environments: shownFolder(cwd, environmentsDir) };
  // Both sides are compiled with the project's module types: the built-in ones and its plugins.
  const registry = projectRegistry(path.dirname(path.resolve(cwd, configDir)), bag);
  if (bag.hasErrors) return { diagnostics: bag.sorted(), lines: lineSource(files), exitCode: 1 };
  // One compiled side at a time: the base side is compiled, its stacks built (into a temporary folder)
  // and its project let go before the head side is compiled; what the impact asks of it (the lineage node
  // of each resource) is kept as strings. Only the lineage of a destroyed table needs the base project
  // again, which is then compiled again (the same files give the same project). With keepProjects, both stay.
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-plan-stacks-'));
  const kept: [Map<EnvironmentName, StackJson>, Map<EnvironmentName, StackJson>] = [new Map(), new Map()];
  let baseProject: Project | undefined;
  let baseNodes: SideNodes;
  let projects: readonly [Project, Project] | undefined;
  let headProject: Project;
  let offline: EnvironmentPlan[];
  let acknowledgements: Acknowledgement[];
  let lines: LineSource;
  const used = new Set<Acknowledgement>();
  try {
    baseProject = compileSide(base, environments, 'base', shownAs, bag, registry);
    const baseFacts = baseProject && {
      sourceOf: sourceFinder(baseProject),
      nodes: sideNodes(baseProject),
      allowDataLoss: environments.filter((env) => baseProject!.environments.get(env)?.env.options.allow_data_loss === true),
      stacks: synthesizeStacks(baseProject, environments, path.join(temp, 'base')),
      project: options.keepProjects ? baseProject : undefined,
    };
    baseProject = undefined;
    // The base project goes back before the head side is compiled (unless it is kept).
    if (baseFacts && !baseFacts.project) collectGarbageAfterStack(Math.max(...environments.map((env) => baseFacts.stacks.bytes(env))));
    const compiledHead = compileSide(head, environments, 'head', shownAs, bag, registry);
    acknowledgements = loadAcknowledgements(head, options, bag, files);
    lines = lineSource(files);
    if (!baseFacts || !compiledHead) return { diagnostics: bag.sorted(), lines, exitCode: 1 };
    headProject = compiledHead;
    baseProject = baseFacts.project;
    baseNodes = baseFacts.nodes;
    if (baseFacts.project) projects = [baseFacts.project, headProject];
    const context: EnvironmentContext = {
      allowDataLoss: new Set(baseFacts.allowDataLoss.filter((env) => headProject.environments.get(env)?.env.options.allow_data_loss === true)),
      sourceOf: [baseFacts.sourceOf, sourceFinder(headProject)],
      acknowledgements,
      used,
      bag,
    };
    // The stacks are compared environment by environment: only one pair is alive here at a time (a whole
    // stack is tens of MB at thousands of tables); the impact needs only their scheduler jobs.
    const headStacks = synthesizeStacks(headProject, environments, path.join(temp, 'head'));
    const compare = (env: EnvironmentName): EnvironmentPlan => {
      const pair = [baseFacts.stacks.read(env), headStacks.read(env)] as const;
      pair.forEach((stack, side) => kept[side].set(env, impactPart(stack)));
      return planEnvironment(env, pair, context, terraformPlans.get(env));
    };
    offline = environments.map((env) => {
      const planned = compare(env);
      // The pair of parsed stacks, read in compare() only, is garbage now: collected before the next pair.
      collectGarbageAfterStack(Math.max(baseFacts.stacks.bytes(env), headStacks.bytes(env)));
      return planned;
    });
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  const sides = {
    head: headProject,
    baseNodes,
    base: (): Project => (baseProject ??= compileAgain(base, environments, shownAs, registry)),
  };
  const impact = await planImpact(sides, kept, new Map(offline.map((e) => [e.env, e.changes])), options.now ?? new Date());
  const envPlans = offline.map((e) => (impact.has(e.env) ? { ...e, impact: impact.get(e.env) } : e));

  for (const ack of acknowledgements) {
    const inScope = environments.filter((e) => ack.environments === undefined || ack.environments.includes(e));
    if (inScope.length > 0 && !used.has(ack)) {
      bag.add({ code: 'GDP804', file: ack.file, line: ack.line, column: ack.column, message: `${ack.address} is acknowledged (${ack.origin}) but no change of it loses data in ${inScope.join(', ')}` });
    }
  }
  const plan: Plan = {
    base: base.info,
    head: head.info,
    environments: envPlans,
    blocked: envPlans.reduce((n, e) => n + e.changes.filter((c) => c.blocked).length + (e.terraform?.changes.filter((c) => c.blocked).length ?? 0), 0),
    notes: [...base.notes.map((n) => `base: ${n}`), ...head.notes.map((n) => `head: ${n}`)],
  };
  const diagnostics = bag.sorted();
  return { plan, diagnostics, lines, exitCode: diagnostics.some((d) => d.severity === 'error') ? 1 : 0, ...(projects ? { projects } : {}) };
}

/** What planning one environment needs besides its stacks: the file finders of both sides (base first). */
interface EnvironmentContext {
  /** Environments whose `allow_data_loss` is true on both sides. */
  readonly allowDataLoss: ReadonlySet<EnvironmentName>;
  readonly sourceOf: readonly [(name: string) => string | undefined, (name: string) => string | undefined];
  readonly acknowledgements: readonly Acknowledgement[];
  /** Acknowledgements that matched a data-losing change. */
  readonly used: Set<Acknowledgement>;
  readonly bag: DiagnosticBag;
}

/** The offline plan of one environment (and its Terraform plan, when given), with risks and the data-loss rule. */
function planEnvironment(
  env: EnvironmentName,
  stacks: readonly [StackJson, StackJson],
  ctx: EnvironmentContext,
  tf: { file: string; plan: TerraformPlanFacts } | undefined,
): EnvironmentPlan {
  const allowDataLoss = ctx.allowDataLoss.has(env);
  const decorate = (f: ChangeFacts, offline: boolean): ResourceChange => {
    const risks = assessRisks(f, { offline });
    const dataLoss = risks.some((r) => r.kind === 'data-loss');
    const ack = dataLoss ? acknowledgementFor(ctx.acknowledgements, env, f.address) : undefined;
    if (ack) ctx.used.add(ack);
    const blocked = dataLoss && !allowDataLoss && !ack;
    const source = f.action === 'destroy' ? ctx.sourceOf[0](f.name) : (ctx.sourceOf[1](f.name) ?? ctx.sourceOf[0](f.name));
    if (blocked) reportBlocked(ctx.bag, env, f.address, source, risks.filter((r) => r.kind === 'data-loss').map((r) => r.message), offline);
    return {
      address: f.address,
      type: f.type,
      name: f.name,
      action: f.action,
      ...(source ? { source } : {}),
      attributes: f.attributes,
      replaceReasons: f.replaceReasons,
      ...(f.schema ? { schema: f.schema } : {}),
      risks,
      blocked,
      ...(ack && !allowDataLoss ? { acknowledgedBy: { origin: ack.origin, reason: ack.reason } } : {}),
    };
  };
  const count = (facts: readonly ChangeFacts[]): ActionCounts => {
    const counts = emptyCounts();
    for (const f of facts) counts[f.action]++;
    return counts;
  };
  const facts = compareStacks(stacks[0], stacks[1]);
  const terraform: TerraformPlanView | undefined = tf && {
    file: tf.file,
    ...(tf.plan.terraformVersion ? { terraformVersion: tf.plan.terraformVersion } : {}),
    counts: count(tf.plan.facts),
    changes: tf.plan.facts.filter((f) => f.action !== 'unchanged').map((f) => decorate(f, false)),
    disagreements: compareWithTerraform(facts, tf.plan.facts),
  };
  return {
    env,
    allowDataLoss,
    counts: count(facts),
    changes: facts.filter((f) => f.action !== 'unchanged').map((f) => decorate(f, true)),
    ...(terraform ? { terraform } : {}),
  };
}

/** The part of a stack {@link planImpact} reads: its scheduler jobs (for their next runs). */
function impactPart(stack: StackJson): StackJson {
  const jobs = stack.resource?.[SCHEDULER_JOB];
  return jobs ? { resource: { [SCHEDULER_JOB]: jobs } } : {};
}

/** A working-tree folder as `gdp validate` shows it (relative to the working directory). */
function shownFolder(cwd: string, folder: string): string {
  return (path.relative(cwd, path.resolve(cwd, folder)) || '.').split(path.sep).join('/');
}

/**
 * Compiles a side with the file paths the working tree would have (`configuration/tables/x.yaml`), so
 * that where a side's folder is (a commit, a temporary folder) never changes what is synthesized (some
 * generated descriptions name their file). Errors go into the bag under the side's own paths, with a
 * summary (GDP801). Undefined when the side has errors.
 */
function compileSide(
  side: LoadedSide,
  environments: readonly EnvironmentName[],
  role: 'base' | 'head',
  shownAs: { readonly config: string; readonly environments: string },
  bag: DiagnosticBag,
  registry: ModuleRegistry,
): Project | undefined {
  const own = new Map<string, string>();
  const normal = (files: readonly RawFile[], folder: string): RawFile[] =>
    files.map((f) => {
      const display = `${folder}/${f.relative}`;
      own.set(display, f.display);
      return { ...f, display };
    });
  const result = compileProject({
    registry,
    configFiles: normal(side.configFiles, shownAs.config),
    environmentFiles: normal(side.environmentFiles, shownAs.environments),
    environments,
  });
  const errors = [...side.diagnostics, ...result.diagnostics.map((d) => ({ ...d, file: own.get(d.file) ?? d.file }))].filter((d) => d.severity === 'error');
  if (errors.length === 0) return result.project;
  bag.addAll(errors);
  bag.add({
    code: 'GDP801',
    file: side.info.label,
    message: `the ${role} side ${side.info.label} has ${errors.length} configuration error${errors.length === 1 ? '' : 's'} (listed above): nothing is compared`,
  });
  return undefined;
}

/** Compiles a side that compiled without errors before, again (see {@link compileSide}). */
function compileAgain(side: LoadedSide, environments: readonly EnvironmentName[], shownAs: { readonly config: string; readonly environments: string }, registry: ModuleRegistry): Project {
  const bag = new DiagnosticBag(PLAN_CODE_LOOKUP);
  const project = compileSide(side, environments, 'base', shownAs, bag, registry);
  if (!project) throw new Error(`gdp: the ${side.info.label} side compiled without errors once and with ${bag.sorted().length} diagnostics the second time`);
  return project;
}

/** Acknowledgements from the head side's file and from the flags. */
function loadAcknowledgements(head: LoadedSide, options: PlanOptions, bag: DiagnosticBag, files: RawFile[]): Acknowledgement[] {
  const flags = parseAcknowledgementFlags(options.allowDataLoss ?? []);
  bag.addAll(flags.diagnostics);
  const wanted = options.acknowledgementFile ?? ACKNOWLEDGEMENT_FILE;
  const file = head.readFile(wanted);
  if (!file) {
    if (options.acknowledgementFile !== undefined) throw new PlanUsageError('GDP803', `acknowledgement file ${options.acknowledgementFile} does not exist in ${head.info.label}`);
    return flags.acknowledgements;
  }
  files.push({ relative: path.basename(file.display), display: file.display, bytes: file.bytes });
  const parsed = parseAcknowledgementFile(file.display, file.bytes);
  bag.addAll(parsed.diagnostics);
  return [...parsed.acknowledgements, ...flags.acknowledgements];
}

function reportBlocked(bag: DiagnosticBag, env: EnvironmentName, address: string, source: string | undefined, losses: readonly string[], offline: boolean): void {
  bag.add({
    code: 'GDP805',
    file: source ?? address,
    message: `${address}${offline ? '' : ' (Terraform plan)'}: ${losses.join('; ')}. ${env} does not allow data loss (options.allow_data_loss is false) and no acknowledgement names this address`,
    environments: [env],
  });
}

/** Reads `env=file` arguments; every problem is a usage error. */
function readTerraformPlans(args: readonly string[], environments: readonly EnvironmentName[], cwd: string): Map<EnvironmentName, { file: string; plan: TerraformPlanFacts }> {
  const out = new Map<EnvironmentName, { file: string; plan: TerraformPlanFacts }>();
  for (const arg of args) {
    const m = /^([a-z]+)=(.+)$/.exec(arg);
    const env = m?.[1] as EnvironmentName | undefined;
    if (!m || !env || !(ENVIRONMENT_NAMES as readonly string[]).includes(env)) {
      throw new PlanUsageError('GDP802', `--terraform-plan "${arg}" is not <env>=<file> with env one of ${ENVIRONMENT_NAMES.join(', ')}`);
    }
    if (!environments.includes(env)) throw new PlanUsageError('GDP802', `--terraform-plan ${arg}: ${env} is not among the planned environments (${environments.join(', ')})`);
    if (out.has(env)) throw new PlanUsageError('GDP802', `--terraform-plan names ${env} twice`);
    const file = path.resolve(cwd, m[2]);
    if (!fs.existsSync(file)) throw new PlanUsageError('GDP802', `--terraform-plan ${arg}: ${m[2]} does not exist`);
    out.set(env, { file: m[2], plan: readTerraformPlan(m[2], fs.readFileSync(file, 'utf8')) });
  }
  return out;
}
