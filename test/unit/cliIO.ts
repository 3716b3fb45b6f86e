/**
 * An in-memory CliIO: runCli as a user would call it, without spawning a process. `stdout()`
 * is everything written, lines and streamed answers alike, in order.
 */
import { Readable } from 'node:stream';
import type { CliIO } from '../../src/cli/io';

export interface MemoryIO {
  readonly io: CliIO;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export function memoryIO(cwd: string, options: { stdin?: string | Buffer; env?: Record<string, string> } = {}): MemoryIO {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    out: (t) => void (stdout += t + '\n'),
    err: (t) => void (stderr += t + '\n'),
    write: (t) => void (stdout += t),
    // As standard output takes them: the answers of `who` come as whole UTF-8 chunks.
    writeBytes: (b) => void (stdout += Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8')),
    cwd,
    // Readable.from takes a string or Buffer whole, as one chunk.
    stdin: () => Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: options.env ?? {},
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** `text` as lines, without the final newline's empty last line. */
export function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}
