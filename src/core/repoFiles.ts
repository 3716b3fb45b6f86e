/**
 * The file list of a repository: what `git ls-files` lists (tracked, plus untracked files git
 * does not ignore) in a git work tree, else a walk of the folder without `.git` and
 * `node_modules`. Node only; no editor APIs.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gitStdout, runGit, type GitRunner } from './git.js';

/** Options for {@link listRepositoryFiles}. */
export interface ListFilesOptions {
  /** Stop early when this signal aborts (the promise then rejects with an AbortError). */
  readonly signal?: AbortSignal;
  /** Walk limit for folders that are not git work trees. */
  readonly maxFiles?: number;
  /** How git is run (default: the real one); tests answer in its place. */
  readonly git?: GitRunner;
}

/** Is `root` inside a git work tree (and is git installed)? */
export async function isGitWorkTree(root: string, git: GitRunner = runGit): Promise<boolean> {
  try {
    const r = await git(root, ['rev-parse', '--is-inside-work-tree']);
    return r.code === 0 && r.stdout.trim() === 'true';
  } catch {
    // No git at all: not a work tree we can list.
    return false;
  }
}

/**
 * Repository-relative, `/`-separated paths of every file, sorted. In a work tree, a git that
 * fails rejects with its message (a GitCommandError) rather than falling back to a walk, which
 * would list ignored files as if they were the repository's.
 */
export async function listRepositoryFiles(root: string, options: ListFilesOptions = {}): Promise<string[]> {
  const git = options.git ?? runGit;
  if (await isGitWorkTree(root, git)) {
    const out = await gitStdout(
      git,
      root,
      ['-c', 'core.quotepath=off', 'ls-files', '--cached', '--others', '--exclude-standard', '--full-name', '-z', '--', '.'],
      { signal: options.signal },
    );
    const prefix = (await gitStdout(git, root, ['rev-parse', '--show-prefix'])).trim();
    return sortedWithoutRepeats(out.split('\0'), prefix);
  }
  return walk(root, options);
}

/** More sorted runs than this and the list is sorted whole instead of merged run by run. */
const MAX_MERGED_RUNS = 8;

/**
 * The non-empty `names` without `prefix`, sorted, each once. git lists tracked files sorted, a
 * path in conflict once per stage (one after the other) and untracked files after them, sorted
 * among themselves: the list is taken as the sorted runs it comes in, and a few runs are merged,
 * so a repository with one untracked file does not pay a sort of every name (in the editor host
 * that sort of 151k names held the event loop for over a second); many runs are sorted whole.
 */
function sortedWithoutRepeats(names: readonly string[], prefix: string): string[] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const name of names) {
    if (!name) continue;
    const file = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
    const last = run.length > 0 ? run[run.length - 1]! : undefined;
    if (file === last) continue;
    if (last !== undefined && file < last) {
      runs.push(run);
      run = [];
    }
    run.push(file);
  }
  runs.push(run);
  if (runs.length === 1) return run;
  if (runs.length > MAX_MERGED_RUNS) return [...new Set(runs.flat())].sort();
  return runs.reduce(mergeSorted);
}

/** Two sorted lists without repeats as one, each name once. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

async function walk(root: string, options: ListFilesOptions): Promise<string[]> {
  const max = options.maxFiles ?? 2_000_000;
  const out: string[] = [];
  const stack: string[] = [''];
  while (stack.length > 0) {
    options.signal?.throwIfAborted();
    const rel = stack.pop()!;
    let entries;
    try {
      entries = await readdir(join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === '.git' || entry.name === 'node_modules') continue;
        stack.push(path);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        out.push(path);
        if (out.length >= max) return out.sort();
      }
    }
  }
  return out.sort();
}
