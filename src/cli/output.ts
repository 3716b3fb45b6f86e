/**
 * Output that streams: answers are gathered into chunks of about 64 KB, because a write per
 * answer costs a system call each (a million of them for a large monorepo), and each chunk is
 * handed over only when the reader has taken the one before, so memory stays flat however slow
 * the pipe is.
 */
import type { CliIO } from './io.js';

/** About how many characters are gathered before they are written. */
export const OUTPUT_CHUNK = 64 * 1024;

/** Gathers text and writes it to `io.write` in chunks. Call {@link flush} at the end. */
export class ChunkedOutput {
  private pending = '';

  constructor(
    private readonly write: CliIO['write'],
    private readonly chunk = OUTPUT_CHUNK,
  ) {}

  /** Add `text`; when a chunk is full it is written, and the promise waits for the reader. */
  add(text: string): void | Promise<void> {
    this.pending += text;
    if (this.pending.length >= this.chunk) return this.flush();
  }

  /** Write whatever is gathered. */
  async flush(): Promise<void> {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    await this.write(text);
  }
}
