import { describe, expect, it } from 'vitest';
import { parseReportArgs } from '../../src/cli/args';
import { UsageError, type CliIO } from '../../src/cli/io';
import { memoryIO } from './cliIO';

function io(): CliIO & { printed: string[] } {
  const printed: string[] = [];
  return { ...memoryIO('/').io, printed, out: (t) => printed.push(t), err: (t) => printed.push(t) };
}
const COMMAND = { name: 'check', help: 'Usage: ops-roles check …' };
const OWN = { target: { type: 'string' } } as const;

describe('parseReportArgs: the start check and review share', () => {
  it.each<[string[], { format: string; root?: string; target?: string }]>([
    [[], { format: 'text' }],
    [['--format', 'github'], { format: 'github' }],
    [['--root', 'r', '--target', 'gitlab'], { format: 'text', root: 'r', target: 'gitlab' }],
  ])('%j', (argv, expected) => {
    const args = parseReportArgs(COMMAND, argv, io(), OWN)!;
    expect({
      format: args.format,
      ...(args.values.root ? { root: args.values.root } : {}),
      ...(args.values.target ? { target: args.values.target } : {}),
    }).toEqual(expected);
  });

  it.each([['--help'], ['-h']])('%s prints the help and says the command is done', (flag) => {
    const out = io();
    expect(parseReportArgs(COMMAND, [flag], out, OWN)).toBeUndefined();
    expect(out.printed).toEqual([COMMAND.help]);
  });

  it.each<[string[], RegExp]>([
    [['--format', 'xml'], /--format must be "text", "github", "codequality", not "xml"/],
    [['--nope'], /see "ops-roles check --help"/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseReportArgs(COMMAND, argv, io(), OWN)).toThrow(UsageError);
    expect(() => parseReportArgs(COMMAND, argv, io(), OWN)).toThrow(message);
  });
});
