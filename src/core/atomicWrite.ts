/**
 * Writing a file inside a repository so that readers see the old bytes or the new ones, never
 * half a file: a temporary file in the same directory, flushed to disk, then renamed over the
 * target. Paths that lead outside the repository (by `..`, an absolute path, or a symlinked
 * directory or file pointing out) are refused, judged on real paths. Node only.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, mkdir, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Options for {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /**
   * Write with the existing file's line endings (CRLF or LF) and byte-order mark, so a
   * regenerated file does not show every line as changed. Default true.
   */
  readonly keepLineEndings?: boolean;
  /** Replace an existing file (default true). When false an existing file is an `exists` failure. */
  readonly overwrite?: boolean;
  /**
   * Flush the file and its directory to disk before returning (default true). A cache that
   * checks what it reads back can skip it: after a crash it loses an entry, never a user's file.
   */
  readonly durable?: boolean;
}

/** Why a write was refused or failed. */
export type AtomicWriteFailure = 'outside-repository' | 'exists' | 'not-a-file' | 'io-error';

/** The outcome of {@link writeFileAtomic}. */
export type AtomicWriteResult =
  | { readonly ok: true; readonly path: string; readonly bytes: number; readonly created: boolean }
  | { readonly ok: false; readonly code: AtomicWriteFailure; readonly message: string };

/** Is `child` `parent` itself or inside it (both absolute, already real paths)? */
function within(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where `target` (absolute, or relative to `root`) really is, when that is inside the real
 * `root`: the nearest existing ancestor is resolved with realpath, and an existing target that
 * is a symlink is followed (then its destination must be inside too).
 */
export async function resolveInsideRoot(
  root: string,
  target: string,
): Promise<{ ok: true; path: string } | { ok: false; code: AtomicWriteFailure; message: string }> {
  const rootAbs = resolve(root);
  const abs = isAbsolute(target) ? resolve(target) : resolve(rootAbs, target);
  const outside = (why: string) => ({
    ok: false as const,
    code: 'outside-repository' as const,
    message: `${target} is outside the repository (${why}); refusing to write there`,
  });
  if (!within(rootAbs, abs) || abs === rootAbs) return outside('not below the repository root');
  let rootReal: string;
  try {
    rootReal = await realpath(rootAbs);
  } catch (error) {
    return { ok: false, code: 'io-error', message: `cannot read the repository root ${rootAbs}: ${(error as Error).message}` };
  }
  // The nearest existing ancestor decides where the missing directories would be created.
  let ancestor = dirname(abs);
  while (!(await exists(ancestor)) && ancestor !== dirname(ancestor)) ancestor = dirname(ancestor);
  let ancestorReal: string;
  try {
    ancestorReal = await realpath(ancestor);
  } catch (error) {
    return { ok: false, code: 'io-error', message: `cannot resolve ${ancestor}: ${(error as Error).message}` };
  }
  if (!within(rootReal, ancestorReal)) return outside(`${relative(rootAbs, ancestor) || '.'} leads to ${ancestorReal}`);
  const realTarget = join(ancestorReal, relative(ancestor, abs));
  try {
    const info = await lstat(realTarget);
    if (info.isSymbolicLink()) {
      let destination: string;
      try {
        destination = await realpath(realTarget);
      } catch {
        return outside('it is a symlink whose destination does not exist');
      }
      if (!within(rootReal, destination)) return outside(`it is a symlink to ${destination}`);
      return { ok: true, path: destination };
    }
    if (!info.isFile()) return { ok: false, code: 'not-a-file', message: `${target} exists and is not a regular file` };
  } catch {
    // Not there yet: it will be created.
  }
  return { ok: true, path: realTarget };
}

/**
 * Write `text` to `target` inside `root` atomically: temp file beside it, fsync, rename (or a
 * hard link when `overwrite` is false, which fails instead of replacing a file that appeared
 * meanwhile), then fsync the directory. Missing directories inside the repository are created.
 * Bytes are written as they are (line endings are a matter of text). Returns a failure as data;
 * never throws.
 */
export async function writeFileAtomic(root: string, target: string, text: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<AtomicWriteResult> {
  const where = await resolveInsideRoot(root, target);
  if (!where.ok) return where;
  const path = where.path;
  const overwrite = options.overwrite ?? true;

  let existing: Buffer | undefined;
  let mode = 0o644;
  try {
    existing = await readFile(path);
    mode = (await stat(path)).mode & 0o7777;
  } catch {
    existing = undefined;
  }
  if (existing && !overwrite) return { ok: false, code: 'exists', message: `${target} already exists; refusing to overwrite it` };

  const bytes = typeof text === 'string' ? Buffer.from(withLineEndings(text, existing, options), 'utf8') : text;
  const durable = options.durable ?? true;

  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    return { ok: false, code: 'io-error', message: `cannot create ${dir}: ${(error as Error).message}` };
  }
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let tempExists = false;
  try {
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    tempExists = true;
    try {
      await handle.writeFile(bytes);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    if (overwrite) {
      await rename(temp, path);
      tempExists = false;
    } else {
      try {
        await link(temp, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return { ok: false, code: 'exists', message: `${target} already exists; refusing to overwrite it` };
        // File systems without hard links: a check just before the rename is the best left.
        if (await exists(path)) return { ok: false, code: 'exists', message: `${target} already exists; refusing to overwrite it` };
        await rename(temp, path);
        tempExists = false;
      }
    }
    if (durable) await syncDirectory(dir);
    return { ok: true, path, bytes: bytes.length, created: existing === undefined };
  } catch (error) {
    return { ok: false, code: 'io-error', message: `cannot write ${target}: ${(error as Error).message}` };
  } finally {
    if (tempExists) await unlink(temp).catch(() => undefined);
  }
}

/** `text` with the line endings (CRLF or LF) and byte-order mark of the file it replaces. */
function withLineEndings(text: string, existing: Buffer | undefined, options: AtomicWriteOptions): string {
  if (!existing || !(options.keepLineEndings ?? true)) return text;
  const old = existing.toString('utf8');
  const lf = text.replace(/\r\n/g, '\n');
  const output = /\r\n/.test(old) ? lf.replace(/\n/g, '\r\n') : lf;
  return old.startsWith('\uFEFF') && !output.startsWith('\uFEFF') ? '\uFEFF' + output : output;
}

/** Flush a directory entry (the rename) to disk; some platforms cannot, and the rename is atomic anyway. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  }
}
