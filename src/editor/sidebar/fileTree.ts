/**
 * Folder levels of a sorted path list, for trees that show a role's files (or the unowned
 * files) grouped by folder without building the whole tree: one level is computed when the user
 * expands it, with binary searches over the list, so expanding the top of a 150k-file role costs
 * a few hundred lookups, not a pass over every file. Pure (no `vscode` import).
 *
 * The list must be sorted by UTF-16 code units (`Array.prototype.sort()` with no comparator),
 * which is how the ownership index sorts files: then every path under a folder sits in one
 * contiguous run, and the run's first and last entries bound what the whole run shares.
 */

/** A subfolder at one level: the run of paths below it. */
export interface LevelFolder {
  /** The folder's path with a trailing `/` (`src/api/`): the prefix of every path in the run. */
  readonly prefix: string;
  /**
   * The name shown: the folder's name, or several names joined by `/` when the folders in
   * between hold nothing else (`api/auth`), as the explorer's compact folders do.
   */
  readonly label: string;
  /** Index of the first path in the run. */
  readonly start: number;
  /** Index just past the last path in the run. */
  readonly end: number;
}

/** One level of the tree: its subfolders and the files directly in it, both in list order. */
export interface FolderLevel {
  readonly folders: readonly LevelFolder[];
  /** Full paths of the files directly at this level. */
  readonly files: readonly string[];
}

/** The first index in `[lo, hi)` where `below` turns false (`below` is true, then false). */
function partition(lo: number, hi: number, below: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The half-open range of `sorted` (within `[from, to)`) whose paths start with `prefix`. */
export function prefixRange(sorted: readonly string[], prefix: string, from = 0, to = sorted.length): [number, number] {
  const start = partition(from, to, (i) => sorted[i]! < prefix);
  const end = partition(start, to, (i) => sorted[i]!.startsWith(prefix));
  return [start, end];
}

/** The deepest folder (with a trailing `/`) that both paths are in; '' when they share none. */
function commonFolder(a: string, b: string): string {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return a.slice(0, a.lastIndexOf('/', n - 1) + 1);
}

/**
 * The subfolders and files directly below `prefix` (`''` for the top, else a folder path
 * ending in `/`), looking only at `[from, to)` when the caller already knows the run.
 */
export function folderLevel(sorted: readonly string[], prefix: string, from?: number, to?: number): FolderLevel {
  const [start, end] = from !== undefined && to !== undefined ? [from, to] : prefixRange(sorted, prefix);
  const folders: LevelFolder[] = [];
  const files: string[] = [];
  let i = start;
  while (i < end) {
    const path = sorted[i]!;
    const slash = path.indexOf('/', prefix.length);
    if (slash === -1) {
      files.push(path);
      i++;
      continue;
    }
    const own = path.slice(0, slash + 1);
    const [, runEnd] = prefixRange(sorted, own, i, end);
    // Everything in the run shares what its first and last paths share.
    const deepest = commonFolder(path, sorted[runEnd - 1]!);
    const shown = deepest.length > own.length ? deepest : own;
    folders.push({ prefix: shown, label: shown.slice(prefix.length, -1), start: i, end: runEnd });
    i = runEnd;
  }
  return { folders, files };
}

/**
 * The chain of folder prefixes from the top down to the level that lists `path` directly,
 * following the same compaction as {@link folderLevel} (for `getParent` and reveal). Empty
 * when `path` is a file at the top; `undefined` when the list does not hold `path`.
 */
export function folderChain(sorted: readonly string[], path: string): string[] | undefined {
  const [at, after] = prefixRange(sorted, path);
  if (at === after || sorted[at] !== path) return undefined;
  const chain: string[] = [];
  let prefix = '';
  let [from, to] = [0, sorted.length];
  for (;;) {
    const slash = path.indexOf('/', prefix.length);
    if (slash === -1) return chain;
    const own = path.slice(0, slash + 1);
    [from, to] = prefixRange(sorted, own, from, to);
    const deepest = commonFolder(sorted[from]!, sorted[to - 1]!);
    prefix = deepest.length > own.length ? deepest : own;
    chain.push(prefix);
  }
}
