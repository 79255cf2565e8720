/**
 * `gdp plan`: compares two configurations (git refs or folders) environment by environment and prints
 * what would change, with risks, as markdown (pull request comment), JSON or text. Exit codes: 0 planned,
 * 1 configuration errors or blocked data loss, 2 usage errors.
 */
import type { Argv } from 'yargs';
import type { Diagnostic } from '../../core/diagnostics';
import type { Project } from '../../core/project';
import type { splitProblems as SplitProblemsOf } from '../../synth/split';
import { formatText } from '../../core/format';
import { PLAN_CODES } from '../../plan/codes';
import { SPLIT_BY_VALUES, type SplitBy } from '../../synth/split/partition';
import { selectedEnvironments, withCacheOption, withProjectOptions, type CommandAction, usageErrorJson } from '../options';

/** Registers the command. */
export function registerPlan<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'plan',
    'Show what a change to the configuration does to each environment (created, updated, replaced, destroyed) and what it risks',
    (c) =>
      withCacheOption(withProjectOptions(c))
        .option('base', { type: 'string', demandOption: true, describe: 'Git ref (origin/main) or configuration folder of the current state' })
        .option('head', { type: 'string', describe: 'Git ref or configuration folder of the proposed state (default: the --config folder)' })
        .option('format', { type: 'string', choices: ['text', 'markdown', 'json'], default: 'text', describe: 'Output format' })
        .option('terraform-plan', {
          type: 'string',
          array: true,
          default: [] as string[],
          describe: 'Render a real plan too: <env>=<file from `terraform show -json`> (repeatable)',
        })
        .option('allow-data-loss', {
          type: 'string',
          array: true,
          default: [] as string[],
          describe: 'Acknowledge data loss of [env:]address where the environment does not allow it (repeatable)',
        })
        .option('acknowledgements', { type: 'string', describe: 'Acknowledgement file (default: allow-data-loss.yaml, read from the head side when present)' })
        .option('split-by', { type: 'string', choices: SPLIT_BY_VALUES, describe: 'Also show the changes per stack of `gdp synth --split-by`, and resources that move between stacks' }),
    (args) =>
      defer(async () => {
        const { PlanUsageError, renderJson, renderMarkdown, renderMarkdownErrors, renderText, runPlan } = await import('../../plan');
        const { planByStack, renderStackPlans } = await import('../../plan/split-stacks');
        const { splitProblems } = await import('../../synth/split');
        try {
          const run = await runPlan({
            base: args.base,
            head: args.head,
            configDir: args.config,
            environmentsDir: args.environments,
            environments: selectedEnvironments(args.env),
            terraformPlans: args['terraform-plan'],
            allowDataLoss: args['allow-data-loss'],
            acknowledgementFile: args.acknowledgements,
            keepProjects: args.splitBy !== undefined,
          });
          // A split that cannot be made (stacks that need each other, a shared state) is the user's to fix, on either side.
          const splitBy = args.splitBy as SplitBy | undefined;
          const splitErrors = splitBy && run.projects ? splitFailures(run.projects, splitBy, args.environments, splitProblems) : [];
          if (splitErrors.length > 0) {
            if (args.format === 'json') process.stdout.write(renderJson(undefined, splitErrors, 1));
            else process.stderr.write(formatText(splitErrors, run.lines, { color: process.stderr.isTTY === true }) + '\n');
            return 1;
          }
          const stacks = splitBy && run.plan && run.projects ? planByStack(run.plan, run.projects, splitBy) : undefined;
          if (args.format === 'json') {
            const json = renderJson(run.plan, run.diagnostics, run.exitCode);
            process.stdout.write(stacks ? `${JSON.stringify({ ...(JSON.parse(json) as object), stacks }, null, 2)}\n` : json);
          } else {
            if (run.plan) process.stdout.write((args.format === 'markdown' ? renderMarkdown(run.plan, run.diagnostics) : renderText(run.plan)) + (stacks ? renderStackPlans(stacks) : ''));
            else if (args.format === 'markdown') process.stdout.write(renderMarkdownErrors(run.diagnostics));
            if (run.diagnostics.length > 0) process.stderr.write(formatText(run.diagnostics, run.lines, { color: process.stderr.isTTY === true }) + '\n');
          }
          return run.exitCode;
        } catch (e) {
          if (!(e instanceof PlanUsageError)) throw e;
          if (args.format === 'json') process.stdout.write(usageErrorJson(`${e.code}: ${e.message}`) + '\n');
          process.stderr.write(`gdp: error ${e.code}: ${e.message}\n  hint: ${PLAN_CODES[e.code].hint}\n`);
          return 2;
        }
      })
  );
}

/** What keeps a project from being split (loaded with the command's implementation). */
type SplitProblems = typeof SplitProblemsOf;

/** Why the sides cannot be split (the head's problems first; the base's only when the head has none, so each is told once). */
function splitFailures(projects: readonly [Project, Project], splitBy: SplitBy, environmentsDir: string, splitProblems: SplitProblems): Diagnostic[] {
  for (const project of [projects[1], projects[0]]) {
    const errors = splitProblems(project, splitBy, environmentsDir).filter((d) => d.severity === 'error');
    if (errors.length > 0) return errors;
  }
  return [];
}
