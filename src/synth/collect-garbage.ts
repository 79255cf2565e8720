/**
 * A full garbage collection on demand, where synthesis has just dropped something large: the parent once
 * its workers have their snapshots (it then only waits), a worker between building its construct tree
 * and writing the stack, and a process that builds several large stacks itself (`gdp plan`, `verify`,
 * `drift`) after each one. V8 otherwise keeps the heap it grew to until it next needs memory: a process
 * that waits never does, so its resident memory would stay at its peak while the workers run, and one
 * that builds stacks one after the other grows its heap with each build's garbage before it collects.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** V8's `gc` (a full, synchronous collection; freed pages go back to the OS shortly after, from a thread). */
type Collector = () => void;

let collector: Collector | null | undefined;

/** The collector: `gc` when node runs with --expose-gc (the workers), else V8's own, exposed once. */
function gcFunction(): Collector | null {
  const exposed = (globalThis as { gc?: Collector }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    // The documented V8 flag, set for a moment: a new context then has `gc`, the main one does not.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    v8.setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? (gc as Collector) : null;
  } catch {
    return null;
  }
}

/**
 * Runs full garbage collections (nothing where the runtime offers none): two, because the first one may
 * finish a marking begun before the large structure was dropped, which still counts it as alive.
 */
export function collectGarbage(): void {
  if (collector === undefined) collector = gcFunction();
  collector?.();
  collector?.();
}

/**
 * The stack size (of its file, in bytes) from which a collection after building or reading a stack pays.
 * Building or parsing a large stack leaves many times its size in garbage (the bench's stacks are 17 MB
 * at 5,000 tables); a full collection costs time in proportion to the whole heap, which is large in a
 * long-lived process such as a test runner, and would cost more than it frees after a stack of a few KB.
 */
export const LARGE_STACK_BYTES = 1024 * 1024;

/** {@link collectGarbage} when what was just dropped came from a stack of `stackBytes` or more. */
export function collectGarbageAfterStack(stackBytes: number): void {
  if (stackBytes >= LARGE_STACK_BYTES) collectGarbage();
}
