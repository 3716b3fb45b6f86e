/**
 * `ops-roles`: the command line over the same core as the editor.
 * Exit codes: 0 ok, 1 the check found problems, 2 bad usage or unreadable input.
 */
// The one version: esbuild inlines this field alone, so the CLI and its npm package cannot disagree.
import { version as VERSION } from '../../package.json';
import { visibleControls } from '../core/problems.js';
import { commands } from './commands.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './io.js';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: ops-roles <command> [options]',
    '',
    'Role-aware code ownership: ops-roles.yaml says which role owns which paths.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options (any command):',
    '  --debug  on an internal error, print the stack trace too (or set OPS_ROLES_DEBUG=1)',
    '',
    'Run "ops-roles <command> --help" for a command\'s options.',
  ].join('\n');
}

/**
 * `argv` without `--debug`, and whether it was there. Only before `--`: after it every argument
 * is a path, and a file may be named `--debug`.
 */
function takeDebugFlag(argv: readonly string[]): { argv: string[]; debug: boolean } {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  const kept = options.filter((a) => a !== '--debug');
  return { argv: [...kept, ...rest], debug: kept.length !== options.length };
}

/**
 * An error nobody expected: one line naming it and how to see more, since a stack trace tells a
 * user nothing they can act on; with `--debug` or OPS_ROLES_DEBUG=1, the stack for a bug report.
 */
function internalError(command: string, error: unknown, debug: boolean): string {
  const prefix = `ops-roles ${command}: internal error: `;
  if (debug) return prefix + ((error as Error)?.stack ?? String(error));
  return prefix + visibleControls(String(error)) + ' (run again with --debug or OPS_ROLES_DEBUG=1 for details)';
}

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const taken = takeDebugFlag(argv);
  const fromEnv = io.env.OPS_ROLES_DEBUG;
  const debug = taken.debug || (fromEnv !== undefined && fromEnv !== '' && fromEnv !== '0');
  const [name, ...rest] = taken.argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.out(VERSION);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`ops-roles: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`ops-roles ${name}: ${error.message}`);
      return error.exitCode;
    }
    io.err(internalError(name, error, debug));
    return EXIT_USAGE;
  }
}
