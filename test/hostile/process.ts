/** Starting the CLI as a real process from tests (signals, permissions). */
import { spawn, spawnSync, type SpawnOptions, type SpawnSyncReturns } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../../src/testing';

const NODE_ARGS = ['-r', path.join(ROOT, 'scripts/ts-register.js'), path.join(__dirname, 'run-cli.ts')];

/** Runs `gdp args` to the end; as an unprivileged user when the tests run as root (permissions matter). */
export function runCliAsUser(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return spawnSync(process.execPath, [...NODE_ARGS, ...args], { cwd, encoding: 'utf8', timeout: 120_000, ...asNobody });
}

/** Starts `gdp args` in the background. */
export function startCli(args: readonly string[], options: SpawnOptions) {
  return spawn(process.execPath, [...NODE_ARGS, ...args], options);
}
