/** Where a command writes, so tests can capture output without spawning processes. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  /** Standard input, read on demand (`who --stdin`). */
  readonly readStdin: () => Promise<string>;
}

/** Exit codes, the CLI's contract: 0 ok, 1 the check found problems, 2 bad usage or input. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A user error: printed as one line on stderr, exit 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = EXIT_USAGE) {
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
