import type { ConfigCache } from '../core/configCache.js';

/** Where a command reads and writes, so tests can drive the CLI without spawning processes. */
export interface CliIO {
  /** One line on standard output (a newline is added). */
  readonly out: (text: string) => void;
  /** One line on standard error (a newline is added). */
  readonly err: (text: string) => void;
  /**
   * Standard output as is, nothing added: for answers that stream (`who --stdin`). A returned
   * promise means the reader is behind; callers wait for it before writing more, so a slow pipe
   * slows the command down instead of filling memory.
   */
  readonly write: (text: string) => void | Promise<void>;
  /**
   * The same for UTF-8 bytes gathered in a buffer (the answers of `who`), which standard output
   * takes without a string in between: returns, or settles its promise, once the bytes have been
   * handed on, so the caller may fill the same buffer again. Without it, the bytes are decoded
   * and given to `write`.
   */
  readonly writeBytes?: (bytes: Uint8Array) => void | Promise<void>;
  readonly cwd: string;
  /** Standard input as a byte stream, opened on demand (`who --stdin`). */
  readonly stdin: () => AsyncIterable<Uint8Array | string>;
  /** Environment variables (`OPS_ROLES_DEBUG`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * What identifies this program's build (the `ops-roles` bundle's hash): the cache of parsed
   * configs keys its entries by it. Without it (the CLI run in-process) there is no cache.
   */
  readonly build?: string;
  /** Where `loadRepo` keeps parsed configs; runCli sets it from `build`, the environment and `--no-cache`. */
  readonly configCache?: ConfigCache;
}

/** Exit codes, the CLI's contract: 0 ok, 1 the check found problems, 2 bad usage or input. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A user error: printed as one line on stderr, exit 2, never a stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_USAGE,
  ) {
    super(message);
  }
}

/** A command of the `ops-roles` CLI. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full `--help` text. */
  readonly help: string;
  run(argv: string[], io: CliIO): Promise<number>;
}
