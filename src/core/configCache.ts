/**
 * The parsed `ops-roles.yaml` kept on disk, so that the next process with the same file and the
 * same build skips parsing. Every `ops-roles` run in a hook or a CI step is a fresh process, and
 * there parsing and validating a config of thousands of rules is mostly cold-start cost
 * (interpreted code, garbage collection), while V8 reads back its own serialization natively.
 *
 * An entry is named by the hash of everything its content depends on: the config text, this
 * format's version and the build of the program that wrote it. A changed config or a new build
 * therefore never reads an old entry; it misses and writes its own. The entry is
 * `v8.serialize` of the whole {@link ParsedConfig}, problems and positions included, so a hit
 * gives back the very structure a parse gives (maps, absent values, shared objects), and a
 * checksum over it, so a damaged file is a miss rather than a wrong answer.
 *
 * Every failure (no directory, no permission, a damaged or foreign file) falls back to parsing,
 * silently: the cache can make a run faster, never different. Node only.
 */
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from './atomicWrite.js';
import { parseConfig, type ParsedConfig } from './config.js';

/** Bumped whenever what an entry holds changes shape, so no older reader misreads it. */
export const CONFIG_CACHE_FORMAT = 1;
/** Entries kept: the most recently used; older ones are removed when a new one is written. */
export const CONFIG_CACHE_ENTRIES = 8;
/** A temporary file older than this is a killed writer's, and removed. */
const STALE_TEMP_MS = 60 * 60 * 1000;
const ENTRY = /^[0-9a-f]{64}\.bin$/;

/** Where entries live and which build reads and writes them. */
export interface ConfigCache {
  /** The cache directory (created on the first write). */
  readonly dir: string;
  /** What identifies the program: a reader of another build never sees this one's entries. */
  readonly build: string;
}

/**
 * The user's cache directory for Ops Roles, outside every working tree: `$XDG_CACHE_HOME` when
 * set, else the platform's place (`~/.cache`, `~/Library/Caches`, `%LOCALAPPDATA%`).
 * `undefined` when none can be told.
 */
export function configCacheDir(env: Readonly<Record<string, string | undefined>>, platform: string, home: string): string | undefined {
  const absolute = (p: string | undefined) => (p && (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)) ? p : undefined);
  const xdg = absolute(env.XDG_CACHE_HOME);
  if (xdg) return join(xdg, 'ops-roles');
  if (platform === 'win32') {
    const local = absolute(env.LOCALAPPDATA);
    return local ? join(local, 'ops-roles', 'Cache') : undefined;
  }
  if (!absolute(home)) return undefined;
  return platform === 'darwin' ? join(home, 'Library', 'Caches', 'ops-roles') : join(home, '.cache', 'ops-roles');
}

/** The entry's name for `text` read by `build`: a hash of both and of the format. */
export function configCacheKey(text: string, build: string): string {
  return createHash('sha256').update(`ops-roles config cache ${CONFIG_CACHE_FORMAT}\0${build}\0`).update(text).digest('hex');
}

/** What opens an entry: the format and its key, so a renamed or foreign file is a miss. */
function header(key: string): string {
  return `ops-roles config cache ${CONFIG_CACHE_FORMAT}\n${key}\n`;
}

/** A checksum of the payload: it catches damage, not forgery (the key is the hash that matters). */
function checksum(payload: Uint8Array): string {
  return createHash('sha1').update(payload).digest('hex');
}

/**
 * {@link parseConfig} of `text`, from the cache when it holds this text's entry, else parsed and
 * then stored. Without `cache`, simply parsed. Never throws for a cache's sake.
 */
export async function parseConfigCached(text: string, cache: ConfigCache | undefined): Promise<ParsedConfig> {
  if (!cache) return parseConfig(text);
  const key = configCacheKey(text, cache.build);
  const path = join(cache.dir, `${key}.bin`);
  const cached = readEntry(path, key);
  if (cached) return cached;
  const parsed = parseConfig(text);
  await writeEntry(cache.dir, key, parsed);
  return parsed;
}

/** The entry at `path`, when it is whole and is `key`'s; undefined on any doubt. */
function readEntry(path: string, key: string): ParsedConfig | undefined {
  let bytes: Buffer;
  try {
    // One read: nothing can go on without the entry, and fs.promises.readFile takes a
    // thread-pool round trip per 512 KB (2 MB: 2 ms against 7-50 ms, measured at load 8).
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  try {
    const head = header(key);
    const sumEnd = head.length + 41;
    if (bytes.length <= sumEnd || bytes.toString('latin1', 0, head.length) !== head || bytes[sumEnd - 1] !== 0x0a) return undefined;
    const payload = bytes.subarray(sumEnd);
    if (bytes.toString('latin1', head.length, sumEnd - 1) !== checksum(payload)) return undefined;
    const value: unknown = deserialize(payload);
    if (!isParsedConfig(value)) return undefined;
    // Used now: the pruning after the next write keeps it. At once, like the read: an
    // asynchronous call waits for a thread of the pool, which on a busy machine costs more.
    touch(path);
    return value;
  } catch {
    return undefined;
  }
}

/** Mark the entry at `path` as used now; a failure (a read-only cache) changes nothing. */
function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // Pruning may then remove it earlier than it would have: a later parse, nothing more.
  }
}

/** The outline of a ParsedConfig, so a payload of some other shape is a miss, not a crash later. */
function isParsedConfig(value: unknown): value is ParsedConfig {
  const v = value as ParsedConfig | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.problems) && v.config?.roles instanceof Map && Array.isArray(v.config.rules);
}

/** Store `parsed` as `key`'s entry, then remove what is beyond the bound; failures are ignored. */
async function writeEntry(dir: string, key: string, parsed: ParsedConfig): Promise<void> {
  try {
    const payload = serialize(parsed);
    const bytes = Buffer.concat([Buffer.from(`${header(key)}${checksum(payload)}\n`, 'latin1'), payload]);
    await mkdir(dir, { recursive: true });
    // Not flushed to disk: an entry a crash cuts short fails its checksum and is parsed again.
    const written = await writeFileAtomic(dir, `${key}.bin`, bytes, { durable: false });
    if (written.ok) await pruneEntries(dir);
  } catch {
    // An unwritable or full cache costs the next run a parse, nothing more.
  }
}

/** Keep the {@link CONFIG_CACHE_ENTRIES} most recently used entries; remove killed writers' temporary files. */
export async function pruneEntries(dir: string): Promise<void> {
  const names = await readdir(dir);
  const now = Date.now();
  const entries: { path: string; used: number }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const isEntry = ENTRY.test(name);
    if (!isEntry && !(name.startsWith('.') && name.endsWith('.tmp'))) continue;
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    if (isEntry) entries.push({ path, used: info.mtimeMs });
    else if (now - info.mtimeMs > STALE_TEMP_MS) await unlink(path).catch(() => undefined);
  }
  entries.sort((a, b) => b.used - a.used);
  for (const old of entries.slice(CONFIG_CACHE_ENTRIES)) await unlink(old.path).catch(() => undefined);
}
