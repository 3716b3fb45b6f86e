/**
 * Running git, the one way: its command line with an argument array (never a shell string),
 * with no optional locks (a background refresh must never hold index.lock while the user
 * commits; VS Code's git does the same) and messages in the C locale.
 *
 * One error convention: a git that ran answers with its exit code and output, whatever the
 * code, and the caller decides what a non-zero exit means; only a git that cannot run at all
 * rejects ({@link GitNotFoundError}), or an aborted signal (an `AbortError`). Code that runs git
 * takes a {@link GitRunner}, so tests can answer in its place.
 */
import { execFile } from 'node:child_process';

/** What one git command answered. */
export interface GitResult {
  /** The exit code; 0 is success. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for one git command. */
export interface GitRunOptions {
  /** Stop the command when this aborts (the promise then rejects with an AbortError). */
  readonly signal?: AbortSignal;
}

/** Runs `git ARGS` in `cwd`; see the module comment for what resolves and what rejects. */
export type GitRunner = (cwd: string, args: readonly string[], options?: GitRunOptions) => Promise<GitResult>;

/** git is not installed, or not on PATH. */
export class GitNotFoundError extends Error {
  constructor() {
    super('git is not installed or not on PATH');
    this.name = 'GitNotFoundError';
  }
}

/** A command that had to succeed exited non-zero. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(`git ${subcommand(args)} failed: ${firstLine(result.stderr) || `exit code ${result.code}`}`);
    this.name = 'GitCommandError';
  }
}

/** The git command in `args` (`ls-files` of `-c core.quotepath=off ls-files …`), for messages. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '-C') i++;
    else if (!args[i]!.startsWith('-')) return args[i]!;
  }
  return args.join(' ');
}

/** The first line of git's output, trimmed: what a one-line message quotes. */
export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** The real git. */
export const runGit: GitRunner = (cwd, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'utf8',
        // A monorepo's file list is tens of megabytes.
        maxBuffer: 1024 * 1024 * 1024,
        signal: options.signal,
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new GitNotFoundError());
        if (error && error.name === 'AbortError') return reject(error);
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    // hash-object --stdin reads standard input; every other call gets an immediate end of input.
    child.stdin?.end();
  });

/** The output of a command that must succeed: a non-zero exit rejects with a {@link GitCommandError}. */
export async function gitStdout(git: GitRunner, cwd: string, args: readonly string[], options?: GitRunOptions): Promise<string> {
  const result = await git(cwd, args, options);
  if (result.code !== 0) throw new GitCommandError(args, result);
  return result.stdout;
}
