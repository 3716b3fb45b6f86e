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

/**
 * The non-empty `names` without `prefix`, sorted, each once. git lists tracked files sorted, a
 * path in conflict once per stage (one after the other) and untracked files after them: a list
 * that comes sorted is taken in one pass, with no set of 150k names built and no sort (the
 * editor host pays this on every listing; in one pass it took half the time).
 */
function sortedWithoutRepeats(names: readonly string[], prefix: string): string[] {
  const files: string[] = [];
  let inOrder = true;
  for (const name of names) {
    if (!name) continue;
    const file = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
    const last = files.length > 0 ? files[files.length - 1]! : undefined;
    if (file === last) continue;
    if (last !== undefined && file < last) inOrder = false;
    files.push(file);
  }
  return inOrder ? files : [...new Set(files)].sort();
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
