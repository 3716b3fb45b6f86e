/**
 * Lists of paths (`who --stdin`, `--files-from FILE`) read as streams, record by record: a
 * monorepo's `git ls-files` is hundreds of thousands of lines, so the list is never held whole.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UsageError } from './io.js';

/**
 * Longest record taken as a path: far above any file system's path limit, and small enough that
 * input without separators (a binary file, `/dev/zero`) cannot fill memory one record at a time.
 */
export const MAX_RECORD_BYTES = 64 * 1024;

/** How records are separated: lines (`\n` or `\r\n`), or NUL bytes (`git ls-files -z`). */
export type RecordSeparator = 'line' | 'nul';

/** One record: the path as given, or why it cannot be one. `number` counts from 1, empty records too. */
export type PathRecord =
  | { readonly number: number; readonly text: string; readonly error?: undefined }
  | { readonly number: number; readonly text?: undefined; readonly error: string };

/** The record between `start` and `end` of `bytes`; undefined when it is empty (skipped). */
function toRecord(number: number, bytes: Buffer, start: number, end: number, separator: RecordSeparator): PathRecord | undefined {
  // A line ending is `\n` or `\r\n`; nothing else is removed (` a.txt` is not `a.txt`).
  if (separator === 'line' && end > start && bytes[end - 1] === 13) end--;
  if (end === start) return undefined;
  if (end - start > MAX_RECORD_BYTES) return { number, error: `longer than ${MAX_RECORD_BYTES} bytes` };
  // Checked, not replaced by U+FFFD: a mangled name would be answered as another file.
  if (!isUtf8(bytes.subarray(start, end))) return { number, error: 'not valid UTF-8' };
  return { number, text: bytes.toString('utf8', start, end) };
}

/**
 * Split a byte stream into records, yielding each chunk's records together (one await per chunk,
 * not per record). Empty records are skipped; a record longer than {@link MAX_RECORD_BYTES} is
 * reported without being kept, and so is one that is not UTF-8. `\n` and `\0` never occur inside
 * a multi-byte UTF-8 character, so splitting bytes before decoding is exact.
 */
export async function* splitRecords(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  separator: RecordSeparator,
): AsyncGenerator<PathRecord[]> {
  const byte = separator === 'nul' ? 0 : 10;
  let carry: Buffer[] = [];
  let carried = 0;
  let tooLong = false;
  let number = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const batch: PathRecord[] = [];
    let start = 0;
    const first = bytes.indexOf(byte);
    // The record the last chunk began ends at this chunk's first separator.
    if (first !== -1 && (carried > 0 || tooLong)) {
      number++;
      const joined = tooLong || carried + first > MAX_RECORD_BYTES ? undefined : Buffer.concat([...carry, bytes.subarray(0, first)]);
      const record = joined ? toRecord(number, joined, 0, joined.length, separator) : { number, error: `longer than ${MAX_RECORD_BYTES} bytes` };
      if (record) batch.push(record);
      [carry, carried, tooLong, start] = [[], 0, false, first + 1];
    }
    // Then every whole record at once when they are valid UTF-8 (one check, one decode, one
    // split), else one by one, so that each bad record is reported on its own.
    const last = bytes.lastIndexOf(byte);
    if (last >= start && last - start <= MAX_RECORD_BYTES && isUtf8(bytes.subarray(start, last))) {
      number = decodeRecords(bytes.toString('utf8', start, last), separator, number, batch);
      start = last + 1;
    }
    for (let end = bytes.indexOf(byte, start); end !== -1; end = bytes.indexOf(byte, start)) {
      number++;
      const record: PathRecord | undefined =
        end - start > MAX_RECORD_BYTES ? { number, error: `longer than ${MAX_RECORD_BYTES} bytes` } : toRecord(number, bytes, start, end, separator);
      if (record) batch.push(record);
      start = end + 1;
    }
    if (start < bytes.length && !tooLong) {
      carried += bytes.length - start;
      // A copy: the stream may reuse the chunk's memory once this loop moves on.
      if (carried > MAX_RECORD_BYTES) [carry, carried, tooLong] = [[], 0, true];
      else carry.push(Buffer.from(bytes.subarray(start)));
    }
    if (batch.length > 0) yield batch;
  }
  if (tooLong) yield [{ number: number + 1, error: `longer than ${MAX_RECORD_BYTES} bytes` }];
  else if (carried > 0) {
    const joined = Buffer.concat(carry);
    const record = toRecord(number + 1, joined, 0, joined.length, separator);
    if (record) yield [record];
  }
}

/** The records of `text` (whole records, valid UTF-8, the last one without its separator) into `batch`; returns the last number. */
function decodeRecords(text: string, separator: RecordSeparator, number: number, batch: PathRecord[]): number {
  for (const part of text.split(separator === 'nul' ? '\0' : '\n')) {
    number++;
    const path = separator === 'line' && part.endsWith('\r') ? part.slice(0, -1) : part;
    if (path !== '') batch.push({ number, text: path });
  }
  return number;
}

/**
 * `--files-from FILE` as a byte stream. A missing file or a directory is a usage error before
 * anything is read; a pipe is fine (`--files-from <(git ls-files)`), since it is streamed.
 */
export async function openFileList(path: string): Promise<AsyncIterable<Uint8Array>> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`file list not found: ${path}`);
  }
  if (info.isDirectory()) throw new UsageError(`file list is a directory, not a file: ${path}`);
  return createReadStream(path, { highWaterMark: 64 * 1024 });
}

/** `source`, with a failure to read it turned into one line (exit 2) naming `what`. */
export async function* readingAs<T>(source: AsyncIterable<T>, what: string): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    throw new UsageError(`cannot read ${what}: ${(error as Error)?.message ?? String(error)}`);
  }
}
