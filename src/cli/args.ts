import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Problem } from '../core/problems.js';
import { escapeAnnotationData, escapeAnnotationProperty } from '../core/text.js';
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

/** The `--format` option of commands that can print GitHub Actions annotations. */
export function outputFormat(value: string | undefined): 'text' | 'github' {
  const format = value ?? 'text';
  if (format !== 'text' && format !== 'github') throw new UsageError(`--format must be "text" or "github", not "${format}"`);
  return format;
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

/**
 * A problem as a GitHub Actions workflow command (`::error file=…,line=…::message`), so a CI
 * run shows it on the pull request at its line. `title` names the finding (a lint rule id).
 */
export function problemAnnotation(file: string, p: Problem, title?: string): string {
  const level = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
  const props = [`file=${escapeAnnotationProperty(file)}`, `line=${p.line}`, `col=${p.column}`, `endLine=${p.endLine}`, `endColumn=${p.endColumn}`];
  if (title) props.push(`title=${escapeAnnotationProperty(title)}`);
  return `::${level} ${props.join(',')}::${escapeAnnotationData(p.message)}`;
}
