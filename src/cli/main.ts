/**
 * `ops-roles`: the command line over the same core as the editor.
 * Exit codes: 0 ok, 1 the check found problems, 2 bad usage or unreadable input.
 */
// The one version: esbuild inlines this field alone, so the CLI and its npm package cannot disagree.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { version as VERSION } from '../../package.json';
import { configCacheDir, type ConfigCache } from '../core/configCache.js';
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
    '  --debug     on an internal error, print the stack trace too (or set OPS_ROLES_DEBUG=1)',
    '  --no-cache  parse ops-roles.yaml afresh: neither read nor write the cache of parsed configs',
    '              (or set OPS_ROLES_NO_CACHE=1; OPS_ROLES_CACHE_DIR=DIR moves the cache, by',
    '              default $XDG_CACHE_HOME/ops-roles or ~/.cache/ops-roles)',
    '',
    'Run "ops-roles <command> --help" for a command\'s options.',
  ].join('\n');
}

/**
 * `argv` without `flag`, and whether it was there. Only before `--`: after it every argument
 * is a path, and a file may be named `--debug`.
 */
function takeFlag(argv: readonly string[], flag: string): { argv: string[]; found: boolean } {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  const kept = options.filter((a) => a !== flag);
  return { argv: [...kept, ...rest], found: kept.length !== options.length };
}

/** Is the environment variable set to something other than empty or `0`? */
function envFlag(io: CliIO, name: string): boolean {
  const value = io.env[name];
  return value !== undefined && value !== '' && value !== '0';
}

/**
 * Where parsed configs are cached, or undefined when the cache is off: `--no-cache`,
 * OPS_ROLES_NO_CACHE=1, no build to key entries by (the CLI run in-process), or no cache
 * directory to be found. OPS_ROLES_CACHE_DIR (relative to the working directory) moves it.
 */
function configCache(io: CliIO, noCache: boolean): ConfigCache | undefined {
  if (noCache || envFlag(io, 'OPS_ROLES_NO_CACHE') || !io.build) return undefined;
  const chosen = io.env.OPS_ROLES_CACHE_DIR;
  if (chosen) return { dir: resolve(io.cwd, chosen), build: io.build };
  const dir = configCacheDir(io.env, process.platform, homeDirectory(io));
  return dir ? { dir, build: io.build } : undefined;
}

/** The user's home, or '' when there is none to be told (homedir() throws for a user without one). */
function homeDirectory(io: CliIO): string {
  try {
    return io.env.HOME || homedir();
  } catch {
    return '';
  }
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
  const debugFlag = takeFlag(argv, '--debug');
  const debug = debugFlag.found || envFlag(io, 'OPS_ROLES_DEBUG');
  const noCache = takeFlag(debugFlag.argv, '--no-cache');
  const [name, ...rest] = noCache.argv;
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
    return await command.run(rest, { ...io, configCache: configCache(io, noCache.found) });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`ops-roles ${name}: ${error.message}`);
      return error.exitCode;
    }
    io.err(internalError(name, error, debug));
    return EXIT_USAGE;
  }
}
