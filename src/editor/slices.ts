/**
 * Long loops in the extension host (every file of a 150k-file folder), run in slices that
 * yield: the host is shared by every extension and answers the workbench (CodeLens, hovers,
 * the tab of a file just opened) between slices. A slice ends by the clock, not after a fixed
 * count, because the same work is several times slower in a fresh host (before the compiler
 * has caught up) than later.
 */

/** How long one slice may hold the extension host, in milliseconds. */
export const SLICE_MS = 10;
/** Steps between looks at the clock. */
const STEPS_PER_LOOK = 64;

function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Run `step(i)` for i = 0 … count-1, yielding to the host every {@link SLICE_MS}. `stillWanted`
 * is asked after each yield; false abandons the work. Resolves with whether every step ran.
 */
export async function inSlices(count: number, step: (i: number) => void, stillWanted: () => boolean): Promise<boolean> {
  let i = 0;
  while (i < count) {
    const sliceEnd = performance.now() + SLICE_MS;
    do {
      const end = Math.min(count, i + STEPS_PER_LOOK);
      for (; i < end; i++) step(i);
    } while (i < count && performance.now() < sliceEnd);
    if (i < count) {
      await yieldToHost();
      if (!stillWanted()) return false;
    }
  }
  return true;
}
