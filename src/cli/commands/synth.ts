/** `gdp synth`: validates, then writes one CDKTF stack per environment (layout of `cdktf synth`). */
import type { Argv } from 'yargs';
import { runSynth } from '../../synth/run-synth';
import { selectedEnvironments, withProjectOptions } from '../options';

/** Registers the command. */
export function registerSynth<T>(y: Argv<T>, setExit: (code: number) => void): void {
  y.command(
    'synth',
    'Validate, then write one CDKTF stack per environment (manifest.json + stacks/<env>/cdk.tf.json)',
    (c) =>
      withProjectOptions(c)
        .option('out', { type: 'string', default: 'cdktf.out', describe: 'Output folder (the layout of `cdktf synth`)' })
        .option('sql-check', { type: 'boolean', default: true, describe: 'Check procedure SQL with ZetaSQL (--no-sql-check skips it)' }),
    async (args) => {
      const { exitCode } = await runSynth({
        configDir: args.config,
        environmentsDir: args.environments,
        environments: selectedEnvironments(args.env),
        outdir: args.out,
        sqlCheck: args.sqlCheck,
      });
      setExit(exitCode);
    },
  );
}
