/**
 * Output that streams: answers are gathered as UTF-8 bytes into chunks of about 1 MB, because a
 * write per answer costs a system call each (a million of them for a large monorepo), and the
 * next chunk is gathered only once the reader has taken the one before, so memory stays flat
 * however slow the pipe is. Bytes, not strings: an answer is copied in (the path, then its
 * verdict's bytes, built once) instead of being concatenated, flattened and encoded again; and
 * one buffer serves every chunk, so a million answers leave nothing for the collector.
 */
import { Buffer } from 'node:buffer';
import type { CliIO } from './io.js';

/**
 * `buffer.write(text, at, 'latin1')` without its argument checks and encoding lookup, a third of
 * the cost of a short path: Node's own method behind it, where this Node has it.
 */
const latin1Write: (buffer: Buffer, text: string, at: number) => number =
  typeof (Buffer.prototype as { latin1Write?: unknown }).latin1Write === 'function'
    ? (buffer, text, at) => (buffer as Buffer & { latin1Write(text: string, at: number): number }).latin1Write(text, at)
    : (buffer, text, at) => buffer.write(text, at, 'latin1');

/** About how many bytes are gathered before they are written. */
export const OUTPUT_CHUNK = 1024 * 1024;

/**
 * The first chunk's size; each next one is four times larger, up to the chunk size. The first
 * answers are out sooner, and the code that writes a chunk runs within the first hundred
 * answers: V8 optimises the loop that answers a list after a few thousand, and a write it had not
 * seen yet sent that loop back to unoptimised code, to be compiled again.
 */
const FIRST_CHUNK = 16 * 1024;

/** Gathers answers and writes them to `io` in chunks. Call {@link flush} at the end. */
export class ChunkedOutput {
  private buffer: Buffer;
  private used = 0;
  /** The head the last ASCII answer left after itself for the next one (see {@link addAscii}). */
  private open: Buffer | undefined;
  private readonly write: (bytes: Buffer) => void | Promise<void>;
  /** The size of the chunk being gathered: from {@link FIRST_CHUNK} up to `chunk`. */
  private limit: number;

  constructor(
    io: Pick<CliIO, 'write' | 'writeBytes'>,
    private readonly chunk = OUTPUT_CHUNK,
  ) {
    // Room for one chunk and the answer that fills it, so a chunk is never cut short.
    this.buffer = Buffer.allocUnsafe(chunk + 64 * 1024);
    this.write = io.writeBytes ?? ((bytes) => io.write(bytes.toString('utf8')));
    this.limit = Math.min(chunk, FIRST_CHUNK);
  }

  /** Add `text`. When a chunk is full it is written: wait for the promise before adding more. */
  add(text: string): void | Promise<void> {
    this.close();
    this.reserve(text.length * 3);
    this.used += this.buffer.write(text, this.used, 'utf8');
    if (this.used >= this.limit) return this.flush();
  }

  /**
   * Add the answer `head`, `ascii` (a text known to be ASCII: one byte a character), `tail`.
   * `tailThenHead` is `tail` followed by `head` again: the start of the next such answer is
   * written with this one's end, and taken back if none follows, which saves a copy an answer.
   * When a chunk is full it is written: wait for the promise before adding more.
   */
  addAscii(head: Buffer, ascii: string, tailThenHead: Buffer): void | Promise<void> {
    if (this.open !== head) {
      this.close();
      this.reserve(head.length);
      this.buffer.set(head, this.used);
      this.used += head.length;
    }
    this.reserve(ascii.length + tailThenHead.length);
    const buffer = this.buffer;
    // set(), not copy(): a typed-array copy without copy()'s argument checks, once an answer.
    const at = this.used + latin1Write(buffer, ascii, this.used);
    buffer.set(tailThenHead, at);
    this.used = at + tailThenHead.length;
    this.open = head;
    if (this.used >= this.limit) return this.writeChunk();
  }

  /** Write whatever is gathered; the buffer is filled again once the reader has taken it. */
  async flush(): Promise<void> {
    this.close();
    await this.writeChunk();
  }

  /** Write the gathered answers; a head left open for the next answer moves to the buffer's start. */
  private async writeChunk(): Promise<void> {
    const open = this.open;
    const bytes = this.buffer.subarray(0, this.used - (open?.length ?? 0));
    [this.used, this.open] = [0, undefined];
    this.limit = Math.min(this.chunk, this.limit * 4);
    if (bytes.length > 0) await this.write(bytes);
    if (open) {
      this.buffer.set(open, 0);
      [this.used, this.open] = [open.length, open];
    }
  }

  /** Take back the head the last ASCII answer left open: what follows is not such an answer. */
  private close(): void {
    if (this.open) this.used -= this.open.length;
    this.open = undefined;
  }

  /** Make room for `bytes` more, keeping what is gathered (an answer larger than a chunk). */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(this.used + bytes);
    this.buffer.copy(larger, 0, 0, this.used);
    this.buffer = larger;
  }
}
