/**
 * Where a folder's ownership is read from. PRODUCT.md §1: the config lives at the root of the
 * git repository that holds the opened folder (a user may open only `services/api/` of a
 * monorepo), and paths are relative to that root. The root is found the way git finds it, by
 * walking up to the nearest `.git`, which is a directory in a clone and a file in a worktree
 * or submodule; no git process runs, so this also works before the workspace is trusted.
 *
 * Paths here are `/`-separated absolute paths (URI paths), so the editor and the CLI share it;
 * the caller says how to ask whether an entry exists.
 */
import { CONFIG_FILE_NAME } from './config.js';
import { findCodeowners } from './codeownersTarget.js';
import type { Flavor } from './pattern.js';

/** Does the entry at this absolute path exist (file or directory)? */
export type ExistsCheck = (path: string) => Promise<boolean>;

/** `a/b` + `c` without doubling the separator. */
function join(dir: string, rel: string): string {
  return `${dir.replace(/\/+$/, '')}/${rel}`;
}

/** The parent of an absolute `/`-separated path, or `undefined` at the top. */
function parent(dir: string): string | undefined {
  const trimmed = dir.replace(/\/+$/, '');
  // `/c:` is the top of a Windows drive in a URI path: do not climb above it.
  if (trimmed === '' || /^\/[A-Za-z]:$/.test(trimmed)) return undefined;
  const at = trimmed.lastIndexOf('/');
  return at <= 0 ? '/' : trimmed.slice(0, at);
}

/** The nearest directory at or above `dir` that holds `.git` (directory or file), if any. */
export async function findRepositoryRoot(dir: string, exists: ExistsCheck): Promise<string | undefined> {
  for (let d: string | undefined = dir.replace(/\/+$/, '') || '/'; d !== undefined; d = parent(d)) {
    if (await exists(join(d, '.git'))) return d;
  }
  return undefined;
}

/** Where ownership comes from for one opened folder. */
export interface OwnershipSourceLocation {
  /** The directory paths are relative to: the repository root, or the folder itself. */
  readonly root: string;
  /** `config`: ops-roles.yaml; `codeowners`: a CODEOWNERS read as the host reads it. */
  readonly kind: 'config' | 'codeowners';
  /** The source file, relative to `root`. */
  readonly file: string;
}

/**
 * Find the source of ownership for an opened folder: its own `ops-roles.yaml` (a folder that
 * keeps one applies it to itself, as before monorepo support), else the repository root's,
 * else the CODEOWNERS the host would read at the repository root (the folder's, outside git).
 * `configured` is the dialect the user's settings name, which picks the search order.
 */
export async function findOwnershipSource(folder: string, exists: ExistsCheck, configured?: Flavor): Promise<OwnershipSourceLocation | undefined> {
  const top = folder.replace(/\/+$/, '') || '/';
  if (await exists(join(top, CONFIG_FILE_NAME))) return { root: top, kind: 'config', file: CONFIG_FILE_NAME };
  const root = (await findRepositoryRoot(top, exists)) ?? top;
  if (root !== top && (await exists(join(root, CONFIG_FILE_NAME)))) return { root, kind: 'config', file: CONFIG_FILE_NAME };
  const file = await findCodeowners((rel) => exists(join(root, rel)), configured);
  return file ? { root, kind: 'codeowners', file } : undefined;
}
