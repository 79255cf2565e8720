/** Options shared by several commands. */
import type { Argv } from 'yargs';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/environment';

/** Adds --config, --environments and --env. */
export function withProjectOptions<T>(y: Argv<T>) {
  return y
    .option('config', { type: 'string', default: './configuration', describe: 'Configuration folder' })
    .option('environments', { type: 'string', default: './environments', describe: 'Environments folder' })
    .option('env', { type: 'string', choices: [...ENVIRONMENT_NAMES, 'all'], default: 'all', describe: 'Environment(s) to process' });
}

/** Turns --env into a list of environments. */
export function selectedEnvironments(env: string): EnvironmentName[] {
  return env === 'all' ? [...ENVIRONMENT_NAMES] : [env as EnvironmentName];
}
