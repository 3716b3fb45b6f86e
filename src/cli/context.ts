/**
 * What every command needs: the repository root, `ops-roles.yaml` parsed, and the file list.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, MAX_CONFIG_BYTES, type ParsedConfig } from '../core/config.js';
import { parseConfigCached } from '../core/configCache.js';
import { repositoryPath } from '../core/pattern.js';
import { formatProblem, visibleControls } from '../core/problems.js';
import { listRepositoryFiles } from '../core/repoFiles.js';
import { plural } from '../core/text.js';
import { UsageError, type CliIO } from './io.js';

/** A loaded repository. */
export interface RepoContext {
  readonly root: string;
  readonly configPath: string;
  /** The config path as shown to users (relative to the working directory when inside it). */
  readonly configLabel: string;
  /** The config path relative to the root, `/`-separated (for reports that name repository paths). */
  readonly configInRepo: string;
  readonly text: string;
  readonly parsed: ParsedConfig;
}

/** Read a text file, turning the usual failures into one clear line. */
export async function readTextFile(path: string, what: string): Promise<string> {
  let info;
  try {
    // At once, as the read below: an asynchronous stat waits for a thread of the pool.
    info = statSync(path);
  } catch {
    throw new UsageError(`${what} not found: ${path}`);
  }
  if (info.isDirectory()) throw new UsageError(`${what} is a directory, not a file: ${path}`);
  // A device or a pipe (a committed symlink to /dev/zero) reports size 0 and never ends.
  if (!info.isFile()) throw new UsageError(`${what} is not a regular file: ${path}`);
  if (info.size > MAX_CONFIG_BYTES * 4) throw new UsageError(`${what} is too large (${info.size} bytes): ${path}`);
  // At once: a CLI waits for it anyway, and fs.promises.readFile takes a thread-pool round trip
  // per 512 KB, each waiting for a busy machine (a 390 KB config: 1 ms against 30-90 ms at load 8).
  const buffer = readFileSync(path);
  try {
    // fatal: a valid file may contain U+FFFD itself, so the decoder must say what was invalid.
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new UsageError(`${what} is not valid UTF-8: ${path}`);
  }
}

/** A path as shown to users: relative to the working directory when inside it. */
export function label(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Load `--root` (default: the working directory) and `--config` (default: ROOT/ops-roles.yaml),
 * parsed or, when this text was parsed before, from the cache (`io.configCache`). Errors in the
 * config are printed to stderr; `requireValid` turns them into exit 2.
 */
export async function loadRepo(io: CliIO, options: { root?: string; config?: string }, requireValid = true): Promise<RepoContext> {
  const root = resolve(io.cwd, options.root ?? '.');
  const configPath = options.config ? resolve(io.cwd, options.config) : resolve(root, CONFIG_FILE_NAME);
  const text = await readTextFile(configPath, CONFIG_FILE_NAME);
  const parsed = await parseConfigCached(text, io.configCache);
  const configLabel = label(configPath, io.cwd);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (requireValid && errors.length > 0) {
    for (const p of errors) io.err(formatProblem(configLabel, p));
    throw new UsageError(`${configLabel} has ${plural(errors.length, 'error')}; run "ops-roles validate"`);
  }
  const configInRepo = relative(root, configPath).split(sep).join('/');
  return { root, configPath, configLabel, configInRepo, text, parsed };
}

/** The repository's files (git ls-files, or a folder walk). */
export async function repoFiles(root: string): Promise<string[]> {
  return listRepositoryFiles(root);
}

/**
 * A checker for paths given by the user (relative to `root`, or absolute inside it): each comes
 * back as a repository path, or with the one-line reason it is not one (control characters made
 * visible: with `-z` a name may hold a newline).
 */
export function pathsInRepository(root: string): (input: string) => { ok: true; path: string } | { ok: false; message: string } {
  const posixRoot = root.split(sep).join('/');
  return (input) => {
    const result = repositoryPath(input, posixRoot);
    if (result.ok) return result;
    const why = result.reason === 'outside' ? `outside the repository (${root})` : 'the repository root itself, not a path in it';
    return { ok: false, message: `${visibleControls(input)}: ${why}` };
  };
}
