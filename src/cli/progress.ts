/**
 * Progress of a long run on a terminal: one line on stderr, rewritten in place, that names the current
 * step and the time spent, and is erased when the run ends. Nothing is printed when stderr is not a
 * terminal, in CI (the CI variable is set) or with --format json, so logs and machine output stay clean.
 */

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

/** Reports the current step of a run. */
export interface Progress {
  /** Shows `stage` as the current step. */
  step(stage: string): void;
  /** Erases the line; call before printing results. */
  done(): void;
}

/** True when progress should be shown. */
export function progressWanted(stream: ProgressStream, env: NodeJS.ProcessEnv, format: string | undefined): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return stream.isTTY === true && !ci && format !== 'json';
}

/** A progress line on `stream`, or a silent one when `enabled` is false. */
export function createProgress(stream: ProgressStream, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled) return { step: () => undefined, done: () => undefined };
  const started = now();
  let stage = '';
  let shown = false;
  const draw = (): void => {
    stream.write(`\r\u001b[2Kgdp: ${stage} (${((now() - started) / 1000).toFixed(1)} s)`);
    shown = true;
  };
  // Refreshes the elapsed time while a step takes long; unref'd so it never keeps gdp running.
  const timer = setInterval(() => shown && draw(), 500);
  timer.unref();
  return {
    step(next) {
      stage = next;
      draw();
    },
    done() {
      clearInterval(timer);
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
