/**
 * The token stack-trace switch. cdktf captures a full stack trace for every token it creates
 * (`cdktf/lib/tokens/private/stack-trace.js`); the traces only decorate cdktf's own error messages and cost
 * about half of its synth time (upstream issue #3892). gdp replaces the capture by a no-op unless
 * `GDP_CDKTF_STACK_TRACES=1`. The synthesized JSON is the same either way (test/synth/stack-traces.test.ts).
 */
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';

/** Environment variable that turns cdktf's token stack traces back on when set to `1`. */
export const STACK_TRACES_ENV = 'GDP_CDKTF_STACK_TRACES';

type Capture = (below?: unknown) => string[];

// cdktf's modules call `stack_trace_1.captureStackTrace(...)` through the shared exports object at each
// token creation, so replacing the property takes effect for tokens created afterwards.
const target = stackTrace as unknown as { captureStackTrace: Capture };
const original: Capture = target.captureStackTrace;
const noStackTrace: Capture = () => [];

/** Turns cdktf's token stack-trace capture on (cdktf's default) or off (gdp's default). */
export function setTokenStackTraces(enabled: boolean): void {
  target.captureStackTrace = enabled ? original : noStackTrace;
}

/** Whether cdktf currently captures a stack trace per token. */
export function tokenStackTracesEnabled(): boolean {
  return target.captureStackTrace === original;
}

/** Applies the setting of {@link STACK_TRACES_ENV} (`1` = on, anything else = off). */
export function applyStackTraceSetting(env: NodeJS.ProcessEnv = process.env): void {
  setTokenStackTraces(env[STACK_TRACES_ENV] === '1');
}

applyStackTraceSetting();
