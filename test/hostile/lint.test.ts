/**
 * The CODEOWNERS linter on input shaped to make it slow: header-like lines that never close,
 * a line of many owners, and a large rule set over a large file list, where testing every
 * unused rule against every path would take seconds (the editor lints on every pause in typing).
 */
import { describe, expect, it } from 'vitest';
import { checkCodeowners } from '../../src/core/check';
import { lintCodeowners } from '../../src/core/codeownersLint';
import { parseConfig } from '../../src/core/config';
import { LIMIT_MS, timed } from './helpers';

describe('lint on hostile CODEOWNERS', () => {
  it('section-like lines that never close, 200,000 characters each', () => {
    const text = `[${'a'.repeat(200_000)}\n^[${' '.repeat(200_000)}x\n[${'] ['.repeat(50_000)}\n`;
    const { value, ms } = timed(() => lintCodeowners(text, { flavor: 'gitlab' }));
    expect(value.filter((p) => p.code === 'codeowners-section-syntax').map((p) => p.line)).toEqual([1, 2, 3]);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it('30,000 owners on one line, every one repeated', () => {
    const { value, ms } = timed(() => lintCodeowners(`* ${'@a '.repeat(30_000)}`, { flavor: 'github' }));
    expect(value).toHaveLength(29_999);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it('200,000 repeated owners: more findings than a call takes arguments, and no stack overflow', () => {
    const { value, ms } = timed(() => lintCodeowners(`* ${'@a '.repeat(200_000)}`, { flavor: 'github' }));
    expect(value).toHaveLength(199_999);
    expect(ms).toBeLessThan(LIMIT_MS * 5);
  });

  it('the drift check reads the same line without a stack overflow', () => {
    const { config } = parseConfig('ownership:\n  - path: "*"\n    roles: [operations-manager]\n');
    const result = checkCodeowners(config, ['a.txt'], { target: 'github', text: `* ${'x '.repeat(200_000)}` });
    expect(result.problems.filter((p) => p.code === 'codeowners-invalid-owner')).toHaveLength(200_000);
  });

  it('5,000 owner-less lines after 5,000 owned ones, over 10,000 paths', () => {
    const files = Array.from({ length: 10_000 }, (_, i) => `d${i % 100}/f${i}.txt`).sort();
    const owned = Array.from({ length: 5_000 }, (_, i) => `/d${i % 100}/f${i}.txt @t${i % 7}`);
    const unowned = Array.from({ length: 5_000 }, (_, i) => `/e${i}/`);
    const { value, ms } = timed(() => lintCodeowners([...owned, ...unowned].join('\n'), { flavor: 'github', files }));
    expect(value.filter((p) => p.code === 'codeowners-no-owners')).toHaveLength(5_000);
    expect(ms).toBeLessThan(LIMIT_MS * 2);
  });

  it('5,000 anchored rules, most deciding nothing, over 100,000 paths', () => {
    const files = Array.from({ length: 100_000 }, (_, i) => `pkg${i % 500}/src/mod${i % 37}/file${i}.ts`).sort();
    const rules = Array.from({ length: 5_000 }, (_, i) => `/pkg${i % 700}/src/mod${i % 50}/ @team-${i % 40}`);
    const { value, ms } = timed(() => lintCodeowners(['* @acme/ops', ...rules].join('\n'), { flavor: 'github', files }));
    expect(value.some((p) => p.code === 'codeowners-no-match')).toBe(true);
    expect(value.some((p) => p.code === 'codeowners-duplicate-pattern')).toBe(true);
    expect(ms).toBeLessThan(LIMIT_MS * 2);
  });
});
