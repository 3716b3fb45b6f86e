import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse a command's arguments; unknown flags are a usage error (exit 2), not a crash. */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see "ops-roles ${command} --help")`);
  }
}

/** The `--format` option of commands that can print GitHub Actions annotations. */
export function outputFormat(value: string | undefined): 'text' | 'github' {
  const format = value ?? 'text';
  if (format !== 'text' && format !== 'github') throw new UsageError(`--format must be "text" or "github", not "${format}"`);
  return format;
}
