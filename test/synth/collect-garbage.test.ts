import * as v8 from 'node:v8';
import { LARGE_STACK_BYTES, collectGarbage, collectGarbageAfterStack } from '../../src/synth/collect-garbage';

/** Heap in use, in MB. */
function usedMb(): number {
  return v8.getHeapStatistics().used_heap_size / 1e6;
}

/** Allocates about `mb` MB of objects, reachable only through the returned holder, on a heap without garbage. */
function allocate(mb: number): { data?: unknown[] } {
  collectGarbage();
  return { data: Array.from({ length: (mb * 1e6) / 64 }, (_, i) => ({ i, s: `x${i}` })) };
}

describe('collecting garbage after a stack', () => {
  it('collects what was dropped after a large stack', () => {
    const holder = allocate(40);
    const before = usedMb();
    delete holder.data;
    collectGarbageAfterStack(LARGE_STACK_BYTES);
    expect(before - usedMb()).toBeGreaterThan(20);
  });

  it('leaves the heap alone after a small stack (a full collection costs more than it frees there)', () => {
    const holder = allocate(40);
    const before = usedMb();
    delete holder.data;
    collectGarbageAfterStack(LARGE_STACK_BYTES - 1);
    expect(before - usedMb()).toBeLessThan(20);
  });
});
