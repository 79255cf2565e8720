/**
 * The app cdktf.json runs (`npx cdktf synth`): the same synthesis as `gdp synth`, into the folder the cdktf
 * CLI gives in CDKTF_OUTDIR. GDP_ENV=dv|qa|np|pd builds one stack; unset, all four (each in its own
 * process). GDP_SPLIT_BY=dataset|folder splits each environment as `gdp synth --split-by` does (stacks
 * `<env>-<part>`, so `cdktf deploy dv-sales` deploys one). GDP_CONFIG and GDP_ENVIRONMENTS override the
 * ./configuration and ./environments folders.
 */
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/environment';
import { InternalErrorReporter } from '../cli/internal-error';
import { runSynth } from './run-synth';
import { SPLIT_BY_VALUES, type SplitBy } from './split';

/** Environment variable naming the one environment to build. */
export const GDP_ENV = 'GDP_ENV';

/** The environments a GDP_ENV value selects, or undefined when the value is not an environment. */
export function environmentsFromVariable(value: string | undefined): EnvironmentName[] | undefined {
  if (value === undefined || value === '' || value === 'all') return [...ENVIRONMENT_NAMES];
  return (ENVIRONMENT_NAMES as readonly string[]).includes(value) ? [value as EnvironmentName] : undefined;
}

/** Environment variable naming how to split each environment's state (`gdp synth --split-by`). */
export const GDP_SPLIT_BY = 'GDP_SPLIT_BY';

/** The split a GDP_SPLIT_BY value asks for: none when unset or empty, `invalid` for another value. */
export function splitFromVariable(value: string | undefined): SplitBy | 'invalid' | undefined {
  if (value === undefined || value === '') return undefined;
  return (SPLIT_BY_VALUES as readonly string[]).includes(value) ? (value as SplitBy) : 'invalid';
}

async function main(): Promise<number> {
  const environments = environmentsFromVariable(process.env[GDP_ENV]);
  if (!environments) {
    process.stderr.write(`gdp: ${GDP_ENV}="${process.env[GDP_ENV]}" is not an environment; use one of ${ENVIRONMENT_NAMES.join(', ')} or leave it unset for all.\n`);
    return 2;
  }
  const splitBy = splitFromVariable(process.env[GDP_SPLIT_BY]);
  if (splitBy === 'invalid') {
    process.stderr.write(`gdp: ${GDP_SPLIT_BY}="${process.env[GDP_SPLIT_BY]}" is not a split; use ${SPLIT_BY_VALUES.join(' or ')}, or leave it unset for one stack per environment.\n`);
    return 2;
  }
  try {
    const { exitCode } = await runSynth({
      configDir: process.env.GDP_CONFIG ?? './configuration',
      environmentsDir: process.env.GDP_ENVIRONMENTS ?? './environments',
      environments,
      outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out',
      splitBy,
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
