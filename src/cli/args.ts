import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIO, type Command } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse a command's arguments; unknown flags are a usage error (exit 2), not a crash. */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see "ops-roles ${command} --help")`);
  }
}

/**
 * What `--format` may say: text for people, github for GitHub Actions annotations, codequality
 * for a GitLab Code Quality report.
 */
export const OUTPUT_FORMATS = ['text', 'github', 'codequality'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The `--format` option of commands that print reports; text when not given. */
export function outputFormat(value: string | undefined): OutputFormat {
  const format = value ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be ${OUTPUT_FORMATS.map((f) => `"${f}"`).join(', ')}, not "${format}"`);
  }
  return format as OutputFormat;
}

/**
 * A comma-separated list option (`--fail-on unheld-role,unowned`): each item must be one of
 * `allowed`; `none` (alone) is the empty list.
 */
export function listOption<T extends string>(option: string, value: string, allowed: readonly T[]): T[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 1 && items[0] === 'none') return [];
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new UsageError(`${option} takes ${[...allowed, 'none'].map((a) => `"${a}"`).join(', ')}, not "${item}"`);
    }
  }
  return [...new Set(items)] as T[];
}

/** What `check` and `review` both take besides their own options. */
const REPORT_OPTIONS = { format: { type: 'string' }, root: { type: 'string' }, config: { type: 'string' } } as const;

/**
 * The start that `check` and `review` share: their own options plus `--format`, `--root` and
 * `--config`, with `--help` answered. `undefined` means the help was printed and the command is
 * done (exit 0).
 */
export function parseReportArgs<T extends Options>(command: Pick<Command, 'name' | 'help'>, argv: string[], io: CliIO, options: T) {
  const { values } = parseCommandArgs(command.name, argv, { ...options, ...REPORT_OPTIONS });
  // parseArgs types `values` only once T is known; these two are there whatever T is.
  const shared = values as { readonly help?: boolean; readonly format?: string };
  if (shared.help) {
    io.out(command.help);
    return undefined;
  }
  return { values, format: outputFormat(shared.format) };
}
