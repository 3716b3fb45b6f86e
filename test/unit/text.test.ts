import { describe, expect, it } from 'vitest';
import { escapeAnnotationData, escapeAnnotationProperty, escapeMarkdown, plural, pluralForm } from '../../src/core/text';

describe('plural', () => {
  it.each<[number, string, string | undefined, string]>([
    [0, 'file', undefined, '0 files'],
    [1, 'file', undefined, '1 file'],
    [2, 'file', undefined, '2 files'],
    [1, 'earlier rule', undefined, '1 earlier rule'],
    [3, 'earlier rule', undefined, '3 earlier rules'],
    [1, 'person', 'people', '1 person'],
    [2, 'person', 'people', '2 people'],
  ])('%d %s', (count, word, many, expected) => {
    expect(plural(count, word, many)).toBe(expected);
  });
});

describe('pluralForm', () => {
  it.each<[number, string, string, string]>([
    [1, 'has', 'have', 'has'],
    [0, 'has', 'have', 'have'],
    [5, 'gets', 'get', 'get'],
    [1, 'it', 'them', 'it'],
    [2, 'it', 'them', 'them'],
  ])('%d: %s / %s', (count, one, many, expected) => {
    expect(pluralForm(count, one, many)).toBe(expected);
  });
});

describe('escapeMarkdown', () => {
  it.each<[string, string, string]>([
    ['plain text stays', 'Database administrator', 'Database administrator'],
    ['handles stay readable', '@acme/ops-leads', '@acme/ops-leads'],
    ['emphasis', '*a* _b_', '\\*a\\* \\_b\\_'],
    ['code and links', '`x` [y](z)', '\\`x\\` \\[y\\](z)'],
    ['HTML and tables', '<b>|', '\\<b\\>\\|'],
    ['strikethrough', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['a backslash itself', 'a\\b', 'a\\\\b'],
    ['line starts are left alone (callers never start a line)', '- # 1.', '- # 1.'],
  ])('%s', (_name, text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });
});

describe('GitHub Actions annotation escaping', () => {
  it.each<[string, string, string, string]>([
    ['plain text', 'ok', 'ok', 'ok'],
    ['a newline cannot start a command of its own', 'a\n::error::x', 'a%0A::error::x', 'a%0A%3A%3Aerror%3A%3Ax'],
    ['carriage returns and percent signs', '50%\r', '50%25%0D', '50%25%0D'],
    ['properties also escape : and ,', 'a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
  ])('%s', (_name, text, data, property) => {
    expect(escapeAnnotationData(text)).toBe(data);
    expect(escapeAnnotationProperty(text)).toBe(property);
  });
});
