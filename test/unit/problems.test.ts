import { describe, expect, it } from 'vitest';
import { formatProblem, lineSpan, makeProblem, type Problem, type ProblemSpan } from '../../src/core/problems';

describe('lineSpan', () => {
  it.each<[string, Parameters<typeof lineSpan>, ProblemSpan]>([
    ['the start of a file', [], { line: 1, column: 1, endLine: 1, endColumn: 1 }],
    ['a line', [7], { line: 7, column: 1, endLine: 7, endColumn: 1 }],
    ['a point', [7, 3], { line: 7, column: 3, endLine: 7, endColumn: 3 }],
    ['a stretch of one line', [7, 3, 9], { line: 7, column: 3, endLine: 7, endColumn: 9 }],
  ])('%s', (_name, args, expected) => {
    expect(lineSpan(...args)).toEqual(expected);
  });
});

describe('makeProblem', () => {
  it.each<[string, Parameters<typeof makeProblem>, Problem]>([
    [
      'at the start of the file by default',
      ['error', 'missing', 'no file'],
      { code: 'missing', severity: 'error', message: 'no file', line: 1, column: 1, endLine: 1, endColumn: 1 },
    ],
    [
      'at a span',
      ['warning', 'w', 'm', { line: 2, column: 3, endLine: 4, endColumn: 5 }],
      { code: 'w', severity: 'warning', message: 'm', line: 2, column: 3, endLine: 4, endColumn: 5 },
    ],
    [
      'with data',
      ['info', 'i', 'm', lineSpan(3), { role: 'x' }],
      { code: 'i', severity: 'info', message: 'm', line: 3, column: 1, endLine: 3, endColumn: 1, data: { role: 'x' } },
    ],
  ])('%s', (_name, args, expected) => {
    expect(makeProblem(...args)).toStrictEqual(expected);
  });

  it('keeps only the span of a wider range (source offsets stay out of problems)', () => {
    const range = { line: 1, column: 2, endLine: 1, endColumn: 4, offset: 1, endOffset: 3 };
    expect(Object.keys(makeProblem('error', 'c', 'm', range))).toEqual(['code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
  });

  it('reads as a compiler line', () => {
    expect(formatProblem('ops-roles.yaml', makeProblem('error', 'c', 'bad\nthing', lineSpan(3, 4)))).toBe('ops-roles.yaml:3:4: error: bad\\u000athing');
  });
});
