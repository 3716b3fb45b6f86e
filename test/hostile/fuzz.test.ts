/**
 * Property-based fuzzing of the two parsers that read files a pull request can change:
 * ops-roles.yaml (parseConfig) and CODEOWNERS (parseCodeowners), plus the matcher behind both.
 * Properties: never throws, returns within a bound, and every problem points inside the text.
 *
 * OPS_ROLES_FUZZ_RUNS sets the runs per property (default 300 in CI; try 100000 on demand).
 * A counterexample prints its seed and path: add it to REGRESSIONS below with what it found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeownersResolver, parseCodeowners } from '../../src/core/codeowners';
import { parseConfig } from '../../src/core/config';
import { OwnershipModel } from '../../src/core/ownership';
import { compilePattern, MAX_PATTERN_LENGTH } from '../../src/core/pattern';
import type { Problem } from '../../src/core/problems';
import { LIMIT_MS, timed } from './helpers';

const RUNS = Number(process.env.OPS_ROLES_FUZZ_RUNS ?? 300);

/** Lines as editors count them: CRLF, CR and LF each end one. */
function lineCount(text: string): number {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length;
}

function expectInside(problems: readonly Problem[], text: string): void {
  const lines = lineCount(text);
  for (const p of problems) {
    expect(p.line, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
    expect(p.line, JSON.stringify(p)).toBeLessThanOrEqual(lines + 1);
    expect(p.column, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
    expect(p.endLine, JSON.stringify(p)).toBeGreaterThanOrEqual(p.line);
    if (p.endLine === p.line) expect(p.endColumn, JSON.stringify(p)).toBeGreaterThanOrEqual(p.column);
    expect(typeof p.message).toBe('string');
  }
}

const newline = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** Text that is mostly YAML the way people (and attackers) write ops-roles.yaml. */
const yamlish = fc
  .array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          'version',
          'roles',
          'ownership',
          'fallback',
          'codeowners',
          'path',
          'paths',
          'role',
          'holders',
          'name',
          'description',
          'target',
          'tool-smith',
          'devops-engineer',
          'Tool-Smith',
          'security-reviewer',
          '__proto__',
          '<<',
        ),
      },
      { weight: 6, arbitrary: fc.constantFrom(': ', ':', '- ', '  ', '    ', '\t', ', ', '[', ']', '{', '}', '? ', '---', '...', '#', ' # c') },
      { weight: 3, arbitrary: newline },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '&a ',
          '&b ',
          '*a',
          '*b',
          '*nope',
          '!!str ',
          '!!binary ',
          '!tag ',
          '%YAML 1.1',
          '|',
          '>-',
          '~',
          'null',
          'true',
          '1',
          '0x1f',
          '.nan',
          '"',
          "'",
        ),
      },
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          '"@acme/sre"',
          '@alice',
          'bob@example.com',
          '"x\\n::error::y"',
          'alice',
          '"migrations/**"',
          '"*.{ts,tsx}"',
          '"{a,a}{a,a}{a,a}"',
          '"!neg"',
          '"\\\\#x"',
          '"apps/[slug]/"',
          '"a\\\\ b/"',
          '"/"',
          '""',
          'docs/',
          '*',
          '**',
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

/** Text that is mostly CODEOWNERS, GitHub and GitLab syntax mixed. */
const codeownersLine = fc
  .tuple(
    fc.constantFrom('', ' ', '\t', '  '),
    fc.oneof(
      fc.constantFrom(
        '*',
        '/',
        '**',
        '/docs/',
        'docs/*',
        '*.js',
        '/apps/**/x',
        'a\\ b',
        '\\#x',
        '#comment',
        '!neg',
        '[Section]',
        '^[Optional][2] @team',
        '[bad',
        'foo/**/',
        '/[slug]/',
        '\\',
        'a\\',
      ),
      fc.string({ unit: fc.constantFrom('a', '/', '*', '?', '[', ']', '\\', '.', '!', '#', '{', '}', ' '), maxLength: 12 }),
    ),
    fc.array(fc.constantFrom('@a', '@org/team', 'x@y.z', 'notanowner', '@@developer', '#', '# trailing', '@', 'a@b', '\\ '), { maxLength: 4 }),
    newline,
  )
  .map(([indent, pattern, owners, end]) => `${indent}${pattern}${owners.map((o) => ' ' + o).join('')}${end}`);
const codeownersish = fc.array(codeownersLine, { maxLength: 30 }).map((lines) => lines.join(''));

const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }));
const paths = fc.array(
  fc.oneof(fc.constantFrom('docs/a.md', 'migrations/1.sql', 'apps/[slug]/page.tsx', 'a b/c', '.env', 'x/y/z.ts', ''), fc.string({ maxLength: 30 })),
  { maxLength: 5 },
);

/** Parse, time it, check positions; resolve some paths with the result. */
function checkConfig(text: string, ps: string[]): void {
  const { value, ms } = timed(() => parseConfig(text));
  expect(ms).toBeLessThan(LIMIT_MS);
  expectInside(value.problems, text);
  const model = new OwnershipModel(value.config);
  for (const p of ps) model.resolve(p);
}

function checkCodeowners(text: string, ps: string[]): void {
  for (const flavor of ['github', 'gitlab'] as const) {
    const { value, ms } = timed(() => parseCodeowners(text, flavor));
    expect(ms).toBeLessThan(LIMIT_MS);
    expectInside(value.problems, text);
    const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
    for (const entry of value.entries) {
      // An entry points at its pattern as written (GitLab's ! excluded).
      const written = lines[entry.line - 1]!.slice(entry.column - 1);
      expect(written.startsWith(entry.exclusion ? '!' + entry.pattern : entry.pattern), `${flavor} ${JSON.stringify(entry)}`).toBe(true);
    }
    const resolver = codeownersResolver(value);
    for (const p of ps) resolver.resolve(p);
  }
}

/** Inputs that found bugs, kept as regressions (what each one found is said beside it). */
const REGRESSIONS: { what: string; config?: string; codeowners?: string }[] = [
  // Found while writing this suite (by hand, then as shapes in the generators above).
  { what: 'deep nesting killed Node on the second parse', config: '['.repeat(2000) + ']'.repeat(2000) },
  { what: 'repeated brace alternatives were exponential', config: `ownership:\n  - path: "${'{a,a}'.repeat(40)}"\n    roles: [tool-smith]\n` },
  { what: 'an alias to nothing was silent', config: 'roles:\n  tool-smith: *a\n' },
  { what: 'minimatch threw on a 64k pattern, ending the resolver', codeowners: `${'*'.repeat(70_000)} @a\n` },
  { what: 'the e-mail regex backtracked on a long owner', codeowners: `* a@${'.'.repeat(50_000)}@\n` },
];

describe('fuzzing the config parser', () => {
  it.each(REGRESSIONS.filter((r) => r.config !== undefined).map((r) => [r.what, r.config!] as const))('regression: %s', (_what, config) => {
    checkConfig(config, ['a', 'x/y']);
  });

  it('arbitrary strings: never throws, bounded time, problems inside the text', () => {
    fc.assert(
      fc.property(anyText, paths, (text, ps) => checkConfig(text, ps)),
      { numRuns: RUNS },
    );
  });

  it('YAML-ish text (keys, indents, flow brackets, anchors, tags, holders, patterns, CR/LF): the same', () => {
    fc.assert(
      fc.property(yamlish, paths, (text, ps) => checkConfig(text, ps)),
      { numRuns: RUNS * 3 },
    );
  });

  it('with a byte-order mark in front, the problems are the same', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        expect(parseConfig('\uFEFF' + text).problems).toEqual(parseConfig(text).problems);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing the CODEOWNERS parser', () => {
  it.each(REGRESSIONS.filter((r) => r.codeowners !== undefined).map((r) => [r.what, r.codeowners!] as const))('regression: %s', (_what, text) => {
    checkCodeowners(text, ['a', 'docs/a.md']);
  });

  it('arbitrary strings: never throws, bounded time, problems inside the text', () => {
    fc.assert(
      fc.property(anyText, paths, (text, ps) => checkCodeowners(text, ps)),
      { numRuns: RUNS },
    );
  });

  it('CODEOWNERS-ish lines (sections, exclusions, escapes, comments, bad owners, CR/LF): the same, and entries point at their patterns', () => {
    fc.assert(
      fc.property(codeownersish, paths, (text, ps) => checkCodeowners(text, ps)),
      { numRuns: RUNS * 3 },
    );
  });
});

describe('fuzzing the matcher', () => {
  it('any pattern up to MAX_PATTERN_LENGTH compiles and matches any path without throwing, in both readings', () => {
    const pattern = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: fc.constantFrom('*', '?', '/', '[', ']', '\\', '!', 'a', '.', '{', ',', '}'), maxLength: 60 }),
    );
    fc.assert(
      fc.property(pattern, paths, (p, ps) => {
        expect(p.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
        for (const flavor of ['github', 'gitlab'] as const) {
          const compiled = compilePattern(p, flavor);
          for (const path of ps) expect(typeof compiled.match(path)).toBe('boolean');
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });
});
