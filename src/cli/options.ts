/** Options shared by the commands, and the checks yargs does not do itself. */
import type { Argv } from 'yargs';
import { formatJson } from '../core/format';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/environment';

/** What a command runs once the whole command line is accepted; resolves to the exit code. */
export type CommandAction = () => Promise<number>;

/** Adds the options every command that reads a project has: --config, --environments, --env, --sql-check. */
export function withProjectOptions<T>(y: Argv<T>) {
  return y
    .option('config', { type: 'string', default: './configuration', describe: 'Configuration folder' })
    .option('environments', { type: 'string', default: './environments', describe: 'Environments folder' })
    .option('env', { type: 'string', choices: [...ENVIRONMENT_NAMES, 'all'], default: 'all', describe: 'Environment(s) to process' })
    .option('sql-check', { type: 'boolean', default: true, describe: 'Check procedure SQL with ZetaSQL (--no-sql-check skips it)' });
}

/** Adds `--cache` (on by default; `--no-cache` neither reads nor writes the incremental cache). */
export function withCacheOption<T>(y: Argv<T>) {
  return y
    .option('cache', { type: 'boolean', default: true, describe: 'Reuse unchanged results from the incremental cache .gdp-cache/ (or $GDP_CACHE_DIR); --no-cache neither reads nor writes it' })
    .check((args) => {
      // The bound is checked with the arguments, before any work, rather than silently replaced by the default.
      const mb = process.env.GDP_CACHE_MAX_MB;
      if (args.cache && mb !== undefined && !(Number(mb) > 0)) throw new Error(`GDP_CACHE_MAX_MB="${mb}" is not a size: give the cache's bound in MB, e.g. GDP_CACHE_MAX_MB=512 (or unset it for 256)`);
      return true;
    });
}

/** Turns --env into a list of environments. */
export function selectedEnvironments(env: string): EnvironmentName[] {
  return env === 'all' ? [...ENVIRONMENT_NAMES] : [env as EnvironmentName];
}

/**
 * yargs check: a single-valued option given twice is a mistake (yargs would make a list of it). Options declared
 * `array: true` repeat by design (each occurrence adds a value), and so do positionals (`_`).
 */
export function rejectRepeatedOptions(args: Record<string, unknown>, declared?: unknown): true {
  const repeatable = new Set(['_', ...arrayOptions(declared)]);
  for (const [key, value] of Object.entries(args)) {
    if (repeatable.has(key) || !Array.isArray(value) || value.length < 2 || /[A-Z]/.test(key)) continue;
    throw new Error(`--${key} is given ${value.length} times (${value.map(String).join(', ')}); give it once`);
  }
  return true;
}

/**
 * The keys declared `array: true`. yargs passes its option table (`getOptions()`) to a check, although its types
 * call that argument `aliases`; so it is read defensively.
 */
function arrayOptions(declared: unknown): string[] {
  if (typeof declared !== 'object' || declared === null || !('array' in declared)) return [];
  const keys: unknown = declared.array;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}

/** True when the command line asks for JSON output (then stdout must hold one JSON document, whatever happens). */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

/** The JSON document of a usage error. */
export function usageErrorJson(message: string): string {
  return formatJson([{ code: 'GDP409', severity: 'error', file: '<command line>', line: 1, column: 1, message }], { valid: false });
}
