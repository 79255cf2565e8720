/**
 * Child processes die with gdp: on a normal exit and on SIGINT, SIGTERM or SIGHUP gdp kills them itself;
 * on SIGKILL it cannot, so on Linux children are started through util-linux `setpriv --pdeathsig KILL`,
 * which makes the kernel kill them when gdp dies, however it dies.
 */
import { accessSync, constants } from 'node:fs';
import type { ChildProcess } from 'node:child_process';

const SETPRIV_PATHS = ['/usr/bin/setpriv', '/bin/setpriv'];
let setpriv: string | null | undefined;

function setprivBinary(): string | undefined {
  if (setpriv === undefined) {
    setpriv = null;
    if (process.platform === 'linux') {
      for (const p of SETPRIV_PATHS) {
        try {
          accessSync(p, constants.X_OK);
          setpriv = p;
          break;
        } catch {
          // not at this path
        }
      }
    }
  }
  return setpriv ?? undefined;
}

/** The command line that runs `command args` so that the kernel kills it when this process dies (when possible). */
export function diesWithParent(command: string, args: readonly string[]): { command: string; args: string[] } {
  const wrapper = setprivBinary();
  return wrapper ? { command: wrapper, args: ['--pdeathsig', 'KILL', '--', command, ...args] } : { command, args: [...args] };
}

/** Kills `child` when this process exits or is interrupted; returns the function that stops watching. */
export function killOnExit(child: ChildProcess): () => void {
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (signal: NodeJS.Signals): void => {
    kill();
    remove();
    // Nobody else handles it: re-raise so the default action (exit) happens.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const remove = (): void => {
    process.removeListener('exit', kill);
    for (const s of signals) process.removeListener(s, onSignal);
  };
  process.on('exit', kill);
  for (const s of signals) process.on(s, onSignal);
  return remove;
}
