/** `gdp synth`: validates, then writes one CDKTF stack per environment (layout of `cdktf synth`). */
import type { Argv } from 'yargs';
import { SPLIT_BY_VALUES, type SplitBy } from '../../synth/split/partition';
import { synthJobs, SYNTH_JOBS_ENV } from '../../synth/worker-slots';
import { createProgress, progressWanted } from '../progress';
import { selectedEnvironments, withCacheOption, withProjectOptions, type CommandAction } from '../options';

/** Registers the command. */
export function registerSynth<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'synth',
    'Validate, then write one CDKTF stack per environment (manifest.json + stacks/<env>/cdk.tf.json)',
    (c) =>
      withCacheOption(withProjectOptions(c))
        .option('out', { type: 'string', default: 'cdktf.out', describe: 'Output folder (the layout of `cdktf synth`); gdp only writes into an empty folder or one it wrote' })
        .option('format', { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Output format' })
        .option('split-by', {
          type: 'string',
          choices: SPLIT_BY_VALUES,
          describe: 'Split each environment into several stacks (one state each): one per dataset (+ base, shared), or one per top-level folder of configuration/',
        })
        .option('workflow', {
          type: 'string',
          describe: 'With --split-by: also write a GitHub Actions workflow that plans/applies the stacks wave by wave (a matrix per wave)',
        })
        .implies('workflow', 'split-by')
        .option('jobs', {
          type: 'number',
          describe: `Environments synthesized at once, each in its own process (default: $${SYNTH_JOBS_ENV}, else one per environment up to the CPUs, fewer when memory is short)`,
        })
        .check((args) => {
          const jobs = synthJobs(args.jobs, '--jobs');
          if (typeof jobs === 'object') throw new Error(jobs.error);
          return true;
        }),
    (args) =>
      defer(async () => {
        const { runSynth } = await import('../../synth/run-synth');
        const progress = createProgress(process.stderr, progressWanted(process.stderr, process.env, args.format));
        const { exitCode } = await runSynth({
          configDir: args.config,
          environmentsDir: args.environments,
          environments: selectedEnvironments(args.env),
          outdir: args.out,
          sqlCheck: args.sqlCheck,
          splitBy: args.splitBy as SplitBy | undefined,
          workflowFile: args.workflow,
          cache: args.cache,
          ...(args.jobs === undefined ? {} : { jobs: args.jobs }),
          format: args.format === 'json' ? 'json' : 'text',
          onStep: (stage) => (stage === undefined ? progress.done() : progress.step(stage)),
        }).finally(() => progress.done());
        return exitCode;
      }),
  );
}
