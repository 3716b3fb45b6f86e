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

/** What {@link matchingFiles} found: the files matched, in list order, and how many of them were decided. */
export interface MatchingFiles {
  readonly matched: string[];
  readonly decided: number;
}

/**
 * The files of `files` that `matches` accepts, and how many of those `decides` accepts, in
 * slices: a hover over a pattern tests it against every file of the folder (a 150k-file list
 * took 35-200 ms in one piece), and cancelling the hover must be able to stop that.
 * `undefined` when the work stopped being wanted.
 */
export async function matchingFiles(
  files: readonly string[],
  matches: (file: string) => boolean,
  decides: (file: string) => boolean,
  stillWanted: () => boolean,
): Promise<MatchingFiles | undefined> {
  const matched: string[] = [];
  let decided = 0;
  const step = (i: number): void => {
    const file = files[i]!;
    if (!matches(file)) return;
    matched.push(file);
    if (decides(file)) decided++;
  };
  return (await inSlices(files.length, step, stillWanted)) ? { matched, decided } : undefined;
}
