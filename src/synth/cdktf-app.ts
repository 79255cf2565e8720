/**
 * The app cdktf.json runs (`npx cdktf synth`): the same synthesis as `gdp synth`, into the folder the cdktf
 * CLI gives in CDKTF_OUTDIR. GDP_ENV=dv|qa|np|pd builds one stack; unset, all four (each in its own
 * process). GDP_CONFIG and GDP_ENVIRONMENTS override the ./configuration and ./environments folders.
 */
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/environment';
import { InternalErrorReporter } from '../cli/internal-error';
import { runSynth } from './run-synth';

/** Environment variable naming the one environment to build. */
export const GDP_ENV = 'GDP_ENV';

/** The environments a GDP_ENV value selects, or undefined when the value is not an environment. */
export function environmentsFromVariable(value: string | undefined): EnvironmentName[] | undefined {
  if (value === undefined || value === '' || value === 'all') return [...ENVIRONMENT_NAMES];
  return (ENVIRONMENT_NAMES as readonly string[]).includes(value) ? [value as EnvironmentName] : undefined;
}

async function main(): Promise<number> {
  const environments = environmentsFromVariable(process.env[GDP_ENV]);
  if (!environments) {
    process.stderr.write(`gdp: ${GDP_ENV}="${process.env[GDP_ENV]}" is not an environment; use one of ${ENVIRONMENT_NAMES.join(', ')} or leave it unset for all.\n`);
    return 2;
  }
  try {
    const { exitCode } = await runSynth({
      configDir: process.env.GDP_CONFIG ?? './configuration',
      environmentsDir: process.env.GDP_ENVIRONMENTS ?? './environments',
      environments,
      outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out',
      // The cdktf CLI removes stale stack folders itself (and fails if they vanish under it).
      prune: false,
    });
    return exitCode;
  } catch (e) {
    return InternalErrorReporter.report(e);
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
