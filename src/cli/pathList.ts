/**
 * Lists of paths (`who --stdin`, `--files-from FILE`) read as streams, a block at a time: a
 * monorepo's `git ls-files` is hundreds of thousands of lines, so the list is never held whole.
 * A block of plain paths (the usual case, with LF or CRLF line ends) is checked with a few native
 * scans and split at once; in any other the runs of plain paths still are, and the rest is taken
 * record by record, so that each bad record is reported on its own.
 */
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { UsageError } from './io.js';

/**
 * Longest record taken as a path: far above any file system's path limit, and small enough that
 * input without separators (a binary file, `/dev/zero`) cannot fill memory one record at a time.
 */
export const MAX_RECORD_BYTES = 64 * 1024;

/** How much of a file list is read at a time: per-chunk costs (a read, the checks) vanish at this size. */
const READ_CHUNK = 1024 * 1024;

/**
 * How many bytes of records are checked, decoded and split at a time: strings this small die
 * young, where a 1 MB one and its pieces cost the collector twice as much (measured), and one
 * odd name (not ASCII, a quote) sends only its own batch the slower way.
 */
const BATCH = 64 * 1024;

/** How records are separated: lines (`\n` or `\r\n`), or NUL bytes (`git ls-files -z`). */
export type RecordSeparator = 'line' | 'nul';

/** One record: the path as given, or why it cannot be one. `number` counts from 1, empty records too. */
export type PathRecord =
  | { readonly number: number; readonly text: string; readonly error?: undefined }
  | { readonly number: number; readonly text?: undefined; readonly error: string };

/**
 * Records read together. Most come as `plain`: texts known to be printable ASCII without `"`
 * or `\\` (its JSON string is the text in quotes, its UTF-8 one byte a character, so an answer
 * is written by copying, output.ts), numbered from `first` on; an empty text is an empty record,
 * skipped. `relative` says that each is also a relative path without empty, `.` or `..`
 * segments, so its own repository path. The rest come as `records`, each checked on its own.
 */
export type RecordBatch =
  | { readonly plain: readonly string[]; readonly first: number; readonly relative: boolean; readonly records?: undefined }
  | { readonly records: readonly PathRecord[]; readonly plain?: undefined };

/**
 * How a block's records may end: `\n`, NUL, or (`crlf`) `\n` or `\r\n`, a list written on
 * Windows, whose `\r` ends the record and is not part of the name.
 */
type Ending = RecordSeparator | 'crlf';

/** The ASCII byte values, 0 to 127. */
const ASCII = Array.from({ length: 128 }, (_, b) => b);

/**
 * What a plain record (see {@link RecordBatch}) is made of, the one definition the byte scans and
 * the text scan below share: printable ASCII (DEL too, which JSON need not escape) but `"`, `\\`.
 */
const isPlainByte = (b: number): boolean => b >= 0x20 && b <= 0x7f && b !== 0x22 && b !== 0x5c;

/** The ASCII bytes that keep a record from being plain: all but plain ones and the record's ending. */
function unsafeBytes(ending: Ending): readonly number[] {
  const keep = ending === 'nul' ? [0] : ending === 'line' ? [10] : [10, 13];
  return ASCII.filter((b) => !isPlainByte(b) && !keep.includes(b));
}
const UNSAFE: Record<Ending, readonly number[]> = { line: unsafeBytes('line'), nul: unsafeBytes('nul'), crlf: unsafeBytes('crlf') };

/**
 * Whether `bytes` (records and their separators) hold only plain records. One native scan a byte
 * value over the whole block: far cheaper than looking at each path, since such bytes are rare.
 */
function isPlain(bytes: Buffer, ending: Ending): boolean {
  return isAscii(bytes) && UNSAFE[ending].every((b) => bytes.indexOf(b) === -1);
}

/**
 * `part` (whole records and their separators) as one text of plain records and separators, when
 * it is one. Lines that end with `\r\n` are read as ending with `\n` (a `\r` elsewhere is part of
 * a name, not plain); the last record's `\r` goes with the separator that follows the part.
 */
function plainText(part: Buffer, separator: RecordSeparator): string | undefined {
  if (isPlain(part, separator)) return part.toString('latin1');
  if (separator !== 'line' || !isPlain(part, 'crlf')) return undefined;
  const end = part[part.length - 1] === 13 ? part.length - 1 : part.length;
  const text = part.toString('latin1', 0, end).replaceAll('\r\n', '\n');
  return text.includes('\r') ? undefined : text;
}

/**
 * What makes a plain record other than its own repository path, after a `/` or a separator: a
 * `/` (a leading one, or `//`), or a `.` or `..` segment. One regular expression a separator:
 * a single scan of the block, which costs less than asking core/pattern.ts repositoryPath once
 * a path (it gives a path without these back unchanged; a test holds the two together).
 */
const NOT_RELATIVE: Record<string, RegExp> = {
  '\n': /[/\n](?:\/|\.\.?(?:[/\n]|$))/,
  '\0': /[/\0](?:\/|\.\.?(?:[/\0]|$))/,
};

/** Whether every record of `text` (plain records and their separators) is its own repository path. */
function isRelative(text: string, separator: string): boolean {
  // The first record has no separator before it: the same test on its start, with one put there
  // (and, when cut short, a letter after it, so the cut is not read as its end).
  const head = text.length > 3 ? `${text.slice(0, 3)}x` : text;
  return !NOT_RELATIVE[separator]!.test(text) && !NOT_RELATIVE[separator]!.test(separator + head);
}

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

/** A record begun in one chunk and ended in a later one: its bytes so far, or only that it is too long. */
interface Carry {
  parts: Buffer[];
  bytes: number;
  tooLong: boolean;
}

/**
 * Split a byte stream into records, yielding them a chunk at a time (one await per chunk, not per
 * record). Empty records are skipped; a record longer than {@link MAX_RECORD_BYTES} is reported
 * without being kept, and so is one that is not UTF-8. `\n` and `\0` never occur inside a
 * multi-byte UTF-8 character, so splitting bytes before decoding is exact. A chunk of `source`
 * is not used once the next is asked for: its memory may be reused.
 */
export async function* splitRecords(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  separator: RecordSeparator,
): AsyncGenerator<RecordBatch> {
  const byte = separator === 'nul' ? 0 : 10;
  const carry: Carry = { parts: [], bytes: 0, tooLong: false };
  let number = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    const first = bytes.indexOf(byte);
    // The record the last chunk began ends at this chunk's first separator.
    if (first !== -1 && (carry.bytes > 0 || carry.tooLong)) {
      const record = endCarry(carry, bytes.subarray(0, first), ++number, separator);
      if (record) yield carried(record, separator);
      start = first + 1;
    }
    // Then every whole record of the chunk at once.
    const last = bytes.lastIndexOf(byte);
    if (last >= start) {
      for (const batch of wholeRecords(bytes.subarray(start, last), number, separator)) {
        number = batch.last;
        if (batch.plain || batch.records.length > 0) yield batch;
      }
      start = last + 1;
    }
    if (start < bytes.length) keepCarry(carry, bytes.subarray(start));
  }
  if (carry.bytes > 0 || carry.tooLong) {
    const record = endCarry(carry, Buffer.alloc(0), number + 1, separator);
    if (record) yield carried(record, separator);
  }
}

/**
 * A record carried from one chunk to the next, as a batch: plain when it is (by the one
 * definition, {@link isPlainByte}), as the records around it mostly are. Given as a record, its
 * answer took the other way in `who` (the text line, the head of the last plain answer taken
 * back), once a chunk of input, and the loop that answers plain records was compiled again.
 */
function carried(record: PathRecord, separator: RecordSeparator): RecordBatch {
  const text = record.text;
  if (text === undefined) return { records: [record] };
  for (let k = 0; k < text.length; k++) if (!isPlainByte(text.charCodeAt(k))) return { records: [record] };
  return { plain: [text], first: record.number, relative: isRelative(text, separator === 'nul' ? '\0' : '\n') };
}

/** Keep `rest` (the start of a record) for the next chunk; a copy, since a stream may reuse its chunk's memory. */
function keepCarry(carry: Carry, rest: Buffer): void {
  if (carry.tooLong) return;
  carry.bytes += rest.length;
  if (carry.bytes <= MAX_RECORD_BYTES) carry.parts.push(Buffer.from(rest));
  else [carry.parts, carry.bytes, carry.tooLong] = [[], 0, true];
}

/** The carried record, ended by `tail`; the carry is emptied. */
function endCarry(carry: Carry, tail: Buffer, number: number, separator: RecordSeparator): PathRecord | undefined {
  const tooLong = carry.tooLong || carry.bytes + tail.length > MAX_RECORD_BYTES;
  const joined = tooLong ? undefined : Buffer.concat([...carry.parts, tail]);
  [carry.parts, carry.bytes, carry.tooLong] = [[], 0, false];
  return joined ? toRecord(number, joined, 0, joined.length, separator) : { number, error: `longer than ${MAX_RECORD_BYTES} bytes` };
}

/**
 * The records of `region` (whole records and the separators between them), numbered after
 * `number`, {@link BATCH} bytes (cut at a separator) at a time, each batch with the last number
 * it gave.
 */
function* wholeRecords(region: Buffer, number: number, separator: RecordSeparator): Generator<RecordBatch & { readonly last: number }> {
  const byte = separator === 'nul' ? 0 : 10;
  for (let from = 0; from <= region.length;) {
    const to = batchEnd(region, byte, from);
    for (const batch of recordsOf(region.subarray(from, to), number, separator)) {
      number = batch.last;
      yield batch;
    }
    from = to + 1;
  }
}

/** Where the batch from `from` ends: at its last separator; a record longer than a batch ends at the next one. */
function batchEnd(region: Buffer, byte: number, from: number): number {
  if (from + BATCH >= region.length) return region.length;
  const cut = region.lastIndexOf(byte, from + BATCH);
  return cut >= from ? cut : nextOrEnd(region, byte, from + BATCH);
}

type Numbered = RecordBatch & { readonly last: number };

/**
 * The records of `part` (whole records and the separators between them), numbered after
 * `number`. Plain ones at once (a check, a decode, a split); else valid UTF-8 ones decoded at
 * once, the runs of plain records among them still as plain batches; else one by one, so that
 * each bad record is reported on its own.
 */
function* recordsOf(part: Buffer, number: number, separator: RecordSeparator): Generator<Numbered> {
  const split = separator === 'nul' ? '\0' : '\n';
  const text = plainText(part, separator);
  const batch = text === undefined ? undefined : plainBatch(text, split, number);
  if (batch) return yield batch;
  if (isUtf8(part)) return yield* mixedRecords(part.toString('utf8'), split, number);
  const records: PathRecord[] = [];
  for (let start = 0; start <= part.length; number++) {
    const end = nextOrEnd(part, split.charCodeAt(0), start);
    const record = toRecord(number + 1, part, start, end, separator);
    if (record) records.push(record);
    start = end + 1;
  }
  yield { records, last: number };
}

/** `text` (plain records and their separators) as one batch; undefined when a record is too long to be a path. */
function plainBatch(text: string, split: string, number: number): Numbered | undefined {
  const plain = text.split(split);
  if (text.length > MAX_RECORD_BYTES && plain.some((p) => p.length > MAX_RECORD_BYTES)) return undefined;
  return { plain, first: number + 1, relative: isRelative(text, split), last: number + plain.length };
}

/** A character that keeps a record from being plain: neither a plain byte nor `split`. */
function oddCharacter(split: string): RegExp {
  const allowed = ASCII.filter((b) => isPlainByte(b) || b === split.charCodeAt(0));
  return new RegExp(`[^${allowed.map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}]`, 'g');
}
const ODD: Record<string, RegExp> = { '\n': oddCharacter('\n'), '\0': oddCharacter('\0') };

/**
 * Plain records between odd ones (not ASCII, a quote, a control character) shorter than this
 * are decoded with them rather than cut out: a batch of its own costs more than a few records.
 */
const PLAIN_RUN = 1024;

/**
 * The records of `text` (valid UTF-8, whole records and their separators) numbered after
 * `number`: each record with an odd character decoded on its own, and the runs of plain records
 * between them as plain batches, so that one name in another script does not send the thousand
 * around it the slower way (it cost a list with one such name in 500 a third more CPU).
 */
function* mixedRecords(text: string, split: string, number: number): Generator<Numbered> {
  const odd = ODD[split]!;
  const records: PathRecord[] = [];
  let from = 0;
  for (odd.lastIndex = 0; odd.exec(text) !== null; odd.lastIndex = from) {
    const start = text.lastIndexOf(split, odd.lastIndex - 1) + 1;
    const end = text.indexOf(split, odd.lastIndex);
    const plain = start - 1 - from >= PLAIN_RUN ? plainBatch(text.slice(from, start - 1), split, number) : undefined;
    if (plain) {
      if (records.length > 0) yield { records: records.splice(0), last: number };
      yield plain;
      number = decodeRecords(text.slice(start, end === -1 ? text.length : end), split, plain.last, records);
    } else {
      number = decodeRecords(text.slice(from, end === -1 ? text.length : end), split, number, records);
    }
    from = end === -1 ? text.length + 1 : end + 1;
  }
  const rest = from <= text.length && text.length - from >= PLAIN_RUN ? plainBatch(text.slice(from), split, number) : undefined;
  if (rest && records.length > 0) yield { records: records.splice(0), last: number };
  if (rest) return yield rest;
  if (from <= text.length) number = decodeRecords(text.slice(from), split, number, records);
  yield { records, last: number };
}

/** The first `byte` of `bytes` from `start` on, or the end. */
function nextOrEnd(bytes: Buffer, byte: number, start: number): number {
  const found = bytes.indexOf(byte, start);
  return found === -1 ? bytes.length : found;
}

/**
 * The records of `text` (whole records, valid UTF-8, the last one without its separator) into
 * `records`; returns the last number. A record is at most 3 bytes a character in UTF-8, so only
 * a long one has its bytes counted.
 */
function decodeRecords(text: string, split: string, number: number, records: PathRecord[]): number {
  for (const part of text.split(split)) {
    number++;
    const path = split === '\n' && part.endsWith('\r') ? part.slice(0, -1) : part;
    if (path.length > MAX_RECORD_BYTES / 3 && Buffer.byteLength(path) > MAX_RECORD_BYTES)
      records.push({ number, error: `longer than ${MAX_RECORD_BYTES} bytes` });
    else if (path !== '') records.push({ number, text: path });
  }
  return number;
}

/**
 * `--files-from FILE` as a byte stream. A missing file or a directory is a usage error before
 * anything is read; a pipe is fine (`--files-from <(git ls-files)`), since it is streamed.
 */
export function openFileList(path: string): Iterable<Buffer> {
  let info;
  try {
    info = statSync(path);
  } catch {
    throw new UsageError(`file list not found: ${path}`);
  }
  if (info.isDirectory()) throw new UsageError(`file list is a directory, not a file: ${path}`);
  return readBlocks(path);
}

/**
 * The bytes of the file at `path`, read into one buffer again and again: each block is valid
 * until the next is asked for (splitRecords copies what it keeps), so reading a list of any size
 * allocates {@link READ_CHUNK} once instead of a buffer a chunk for the collector to find. Read
 * synchronously: the process has nothing else to do meanwhile (its writes to standard output are
 * synchronous too), and an asynchronous read waits for a thread of the pool once a block, which a
 * busy machine makes the largest share of the run's idle time (measured: see the commit).
 */
function* readBlocks(path: string): Generator<Buffer> {
  const file = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const bytesRead = readSync(file, buffer, 0, READ_CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(file);
  }
}

/** `source`, with a failure to read it turned into one line (exit 2) naming `what`. */
export async function* readingAs<T>(source: AsyncIterable<T> | Iterable<T>, what: string): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    throw new UsageError(`cannot read ${what}: ${(error as Error)?.message ?? String(error)}`);
  }
}
