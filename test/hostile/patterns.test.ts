/**
 * Hostile patterns and paths: pathological globs, brace bombs, CODEOWNERS lines written to hurt,
 * and file names that look like syntax or like options. Each test is named for the risk.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { lines, memoryIO } from '../unit/cliIO';
import { codeownersResolver, isOwnerToken, parseCodeowners } from '../../src/core/codeowners';
import { checkPattern, checkPatternInFull, parseConfig } from '../../src/core/config';
import { OwnershipModel } from '../../src/core/ownership';
import { compilePattern, expandBraces, MAX_BRACE_EXPANSION, MAX_PATTERN_LENGTH } from '../../src/core/pattern';
import { LIMIT_MS, timed } from './helpers';

const TOO_MANY = { severity: 'error', code: 'brace-expansion', message: `"{…}" alternatives expand to more than ${MAX_BRACE_EXPANSION} patterns` };

describe('pathological globs are refused or matched in bounded time', () => {
  it('5000 stars and an x are refused by length before any matching (pattern-too-long)', () => {
    const { value, ms } = timed(() => checkPattern('*'.repeat(5000) + 'x'));
    expect(value).toEqual({
      expanded: [],
      problems: [{ severity: 'error', code: 'pattern-too-long', message: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` }],
    });
    expect(ms).toBeLessThan(50);
  });

  it('the same pattern in ops-roles.yaml is a problem at the pattern, and the rule is dropped', () => {
    const { config, problems } = parseConfig(`ownership:\n  - path: "${'*'.repeat(5000)}x"\n    roles: [tool-smith]\n`);
    expect(problems.filter((p) => p.code === 'pattern-too-long').map((p) => [p.line, p.column])).toEqual([[2, 11]]);
    expect(config.rules[0]!.patterns).toEqual([]);
  });

  // minimatch 11 matches a segment with a non-backtracking matcher: cost grows with pattern length
  // times name length, which MAX_PATTERN_LENGTH bounds. These are the shapes that made
  // backtracking glob engines (and older minimatch) exponential.
  const longName = 'a'.repeat(254) + 'c';
  it.each([
    ['4095 stars then b, against a 255-character name', '*'.repeat(MAX_PATTERN_LENGTH - 1) + 'b', longName, false],
    ['*? repeated to the length limit', '*?'.repeat(2047) + 'b', longName, false],
    ['*a repeated (the classic ReDoS shape) against a^254 c', '*a'.repeat(2047) + '*b', longName, false],
    ['*a repeated against a name it matches', '*a'.repeat(100) + '*', 'a'.repeat(3000), true],
    ['*ab repeated against abab…a', '*ab'.repeat(1365), 'ab'.repeat(1364) + 'a', false],
    ['? 250 times then 3800 stars', '?'.repeat(250) + '*'.repeat(3800) + 'b', longName, false],
    ['1365 ** segments against a path 2000 deep', Array(1365).fill('**').join('/'), 'a/'.repeat(2000) + 'b', true],
    ['*/** repeated against a path 2000 deep', Array(800).fill('*/**').join('/') + '/x', 'a/'.repeat(2000) + 'b', false],
    ['2000 single-star segments against a path 2000 deep', Array(2000).fill('*').join('/') + '/x', 'a/'.repeat(2000) + 'y', false],
  ])('%s', (_risk, pattern, path, expected) => {
    expect(pattern.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
    for (const flavor of ['github', 'gitlab'] as const) {
      const { value, ms } = timed(() => compilePattern(pattern, flavor).match(path));
      if (flavor === 'github') expect(value).toBe(expected);
      expect(ms).toBeLessThan(LIMIT_MS);
    }
  });

  it('a whole config of worst-case patterns against long paths stays bounded', () => {
    const patterns = ['*a'.repeat(1000) + '*b', '*?'.repeat(1000) + 'b', Array(1000).fill('**').join('/') + '/x', '?'.repeat(200) + '*'.repeat(2000)];
    const text = `roles:\n  tool-smith: ["@t"]\nownership:\n${patterns.map((p) => `  - path: "${p}"\n    roles: [tool-smith]`).join('\n')}\n`;
    const paths = ['a'.repeat(254) + 'c', 'a/'.repeat(1000) + 'b', 'x/'.repeat(500) + 'a'.repeat(250)];
    const { value, ms } = timed(() => {
      const model = new OwnershipModel(parseConfig(text).config);
      return paths.map((p) => model.resolve(p).owners);
    });
    expect(value).toEqual([[], [], ['@t']]);
    expect(ms).toBeLessThan(LIMIT_MS);
  });
});

describe('the shortcut for plain patterns', () => {
  it('says exactly what the full checks say, on patterns built from the characters it looks at', () => {
    const piece = fc.constantFrom('a', 'b_1', '.', '/', '*', '**', '***', '-', '#', '!', ' ', '\\', '{a,b}', '[a]', 'é', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const pattern = pieces.join('');
        expect(checkPattern(pattern)).toEqual(checkPatternInFull(pattern));
      }),
      { numRuns: 3000, seed: 18 },
    );
    expect(checkPattern('x'.repeat(MAX_PATTERN_LENGTH + 1))).toEqual(checkPatternInFull('x'.repeat(MAX_PATTERN_LENGTH + 1)));
  });
});

describe('brace expansion is bounded by its result, not by the work to find it', () => {
  it('alternatives that expand to a million are refused quickly, with the exact error', () => {
    const { value, ms } = timed(() => checkPattern('{a,b}'.repeat(20)));
    expect(value).toEqual({ expanded: [], problems: [TOO_MANY] });
    expect(ms).toBeLessThan(50);
  });

  it('ten thousand alternatives in one group are refused', () => {
    const pattern = '{' + Array.from({ length: 10_000 }, (_, i) => `a${i}`).join(',') + '}';
    const { value, ms } = timed(() => expandBraces(pattern, MAX_BRACE_EXPANSION));
    expect(value).toEqual({ alternatives: [], error: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` });
    expect(ms).toBeLessThan(50);
    const wide = '{' + Array.from({ length: 1000 }, (_, i) => `${i}`).join(',') + '}';
    expect(checkPattern(wide)).toEqual({ expanded: [], problems: [TOO_MANY] });
  });

  it('repeated alternatives ({a,a} 21 times) expand to one pattern at once (it was exponential: 2-3 s each here, 30 times a quarter of an hour)', () => {
    // Sized so that the old expansion still finished (in 2-3 s); the new one takes milliseconds.
    for (const pattern of ['{a,a}'.repeat(21), '{a,{a,a}}'.repeat(13), ('{' + Array(255).fill('a').join(',') + '}').repeat(3)]) {
      const { value, ms } = timed(() => expandBraces(pattern));
      expect(value.error).toBeUndefined();
      expect(value.alternatives).toHaveLength(1);
      expect(ms).toBeLessThan(LIMIT_MS / 10);
    }
    // And far past where the old one could ever finish.
    for (const pattern of ['{a,a}'.repeat(800), '{a,{a,a}}'.repeat(400)]) {
      const { value, ms } = timed(() => expandBraces(pattern));
      expect(value.alternatives).toEqual(['a'.repeat(pattern.startsWith('{a,a}') ? 800 : 400)]);
      expect(ms).toBeLessThan(LIMIT_MS / 10);
    }
  });

  it('deeply nested braces ({{{{…}}}} and {a,{a,{a,…}}}) are answered at once', () => {
    const cases: [string, string[]][] = [
      // A group without a comma is literal text, however deep.
      ['{'.repeat(2000) + 'a,b' + '}'.repeat(2000), ['{'.repeat(2000) + 'a,b' + '}'.repeat(2000)]],
      ['{a,'.repeat(1000) + 'b' + '}'.repeat(1000), ['a', 'b']],
      ['{'.repeat(4000), []],
    ];
    for (const [pattern, alternatives] of cases) {
      const { value, ms } = timed(() => expandBraces(pattern));
      expect(value.alternatives).toEqual(alternatives);
      expect(ms).toBeLessThan(LIMIT_MS / 10);
    }
    expect(expandBraces('{'.repeat(4000)).error).toBe('unbalanced "{" in pattern');
  });

  it('a long alternative (4000 characters) is fine', () => {
    const pattern = `docs/{${'a'.repeat(4000)},b}/x`;
    expect(checkPattern(pattern)).toEqual({ expanded: [`docs/${'a'.repeat(4000)}/x`, 'docs/b/x'], problems: [] });
  });

  /** The straightforward definition the implementation replaced: expand the first group, recurse on each whole result. */
  function reference(pattern: string, limit: number): { alternatives: string[]; error?: string } {
    let open = -1;
    let depth = 0;
    const commas: number[] = [];
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '{') {
        if (depth === 0) {
          open = i;
          commas.length = 0;
        }
        depth++;
      } else if (c === '}' && depth > 0) {
        depth--;
        if (depth === 0) {
          if (commas.length === 0) {
            open = -1;
            continue;
          }
          const parts: string[] = [];
          let from = open + 1;
          for (const comma of [...commas, i]) {
            parts.push(pattern.slice(from, comma));
            from = comma + 1;
          }
          const out: string[] = [];
          for (const part of parts) {
            const inner = reference(pattern.slice(0, open) + part + pattern.slice(i + 1), limit);
            if (inner.error) return inner;
            for (const alt of inner.alternatives) {
              if (!out.includes(alt)) out.push(alt);
              if (out.length > limit) return { alternatives: [], error: `"{…}" alternatives expand to more than ${limit} patterns` };
            }
          }
          return { alternatives: out };
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
    if (depth > 0) return { alternatives: [], error: 'unbalanced "{" in pattern' };
    return { alternatives: [pattern] };
  }

  it('gives the same alternatives, in the same order, with the same errors, as the straightforward definition', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '', ',', '{', '}', '\\'), maxLength: 16 });
    fc.assert(
      fc.property(pattern, fc.constantFrom(1, 2, 3, 5, 8, 256), (p, limit) => {
        expect(expandBraces(p, limit)).toEqual(reference(p, limit));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('CODEOWNERS lines written to hurt', () => {
  it('a 100 000-character pattern is a problem on its line, not a throw from minimatch, and other lines still count', () => {
    const text = `* @everyone\n${'*'.repeat(100_000)}x @evil\n/docs/ @docs\n`;
    const { value, ms } = timed(() => {
      const file = parseCodeowners(text);
      const resolver = codeownersResolver(file);
      return { problems: file.problems, owners: [resolver.resolve('docs/a.md').owners, resolver.resolve('src/x').owners] };
    });
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(value.problems).toEqual([
      {
        code: 'codeowners-pattern-too-long',
        severity: 'error',
        message: `pattern is longer than ${MAX_PATTERN_LENGTH} characters; the line is ignored`,
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 100_002,
      },
    ]);
    expect(value.owners).toEqual([['@docs'], ['@everyone']]);
  });

  it.each([
    ['github', ['codeowners-negation 2', 'codeowners-pattern-too-long 3']],
    ['gitlab', ['codeowners-pattern-too-long 2', 'codeowners-pattern-too-long 3']],
  ] as const)('the bound holds for %s, for excluded (!) patterns too; exactly the limit is fine', (flavor, expected) => {
    const text = `[Section]\n!${'a'.repeat(MAX_PATTERN_LENGTH + 1)} @x\n${'b'.repeat(MAX_PATTERN_LENGTH + 1)} @y\n${'c'.repeat(MAX_PATTERN_LENGTH)} @z\n`;
    const file = parseCodeowners(text, flavor);
    expect(file.problems.map((p) => `${p.code} ${p.line}`)).toEqual(expected);
    expect(codeownersResolver(file).resolve('c'.repeat(MAX_PATTERN_LENGTH)).owners).toEqual(['@z']);
  });

  it('100 000 owners on one line are parsed and resolved without comparing every pair', () => {
    const owners = Array.from({ length: 100_000 }, (_, i) => `@u${i % 50_000}`).join(' ');
    const { value, ms } = timed(() => codeownersResolver(parseCodeowners(`* ${owners}\n`)).resolve('x').owners.length);
    expect(value).toBe(50_000);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it('an owner token of 100 000 characters does not backtrack (the e-mail regex did: 14-32 s)', () => {
    const { value, ms } = timed(() => parseCodeowners(`* a@${'.'.repeat(100_000)}@ a@${'a.'.repeat(50_000)}@\n`));
    expect(value.problems.map((p) => p.code)).toEqual(['codeowners-invalid-owner', 'codeowners-invalid-owner']);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it('owner tokens: accepted exactly when the original regular expressions accepted them, except control characters', () => {
    const original = (t: string) => /^@[A-Za-z0-9](?:[A-Za-z0-9._-]*)(?:\/[A-Za-z0-9._-]+)*$/.test(t) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(t);
    const controls = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'Z', '0', '.', '@', '/', '-', '_', ' ', '\t', '\u00a0', 'é', '\u001b', '\u202e'), maxLength: 14 }),
        (token) => {
          expect(isOwnerToken(token)).toBe(original(token) && !controls.test(token));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('a line of 200 000 escaped spaces is one token, read in linear time', () => {
    const { value, ms } = timed(() => parseCodeowners('x' + '\\ '.repeat(200_000) + ' @a\n'));
    expect(value.entries).toHaveLength(0);
    expect(value.problems.map((p) => p.code)).toEqual(['codeowners-pattern-too-long']);
    expect(ms).toBeLessThan(LIMIT_MS);
  });
});

describe('paths with spaces, unicode, #, leading dots and names that look like options', () => {
  const config = [
    'roles:',
    '  tool-smith: ["@t"]',
    '  devops-engineer: ["@d"]',
    '  release-manager: ["@r"]',
    '  operations-engineer: ["@o"]',
    '  database-administrator: ["@db"]',
    'ownership:',
    '  - path: "my\\\\ docs/"',
    '    roles: [tool-smith]',
    '  - path: "café/**"',
    '    roles: [devops-engineer]',
    '  - path: "notes/#draft.md"',
    '    roles: [release-manager]',
    '  - path: ".env*"',
    '    roles: [operations-engineer]',
    '  - path: "--help"',
    '    roles: [database-administrator]',
    '  - path: "-rf"',
    '    roles: [database-administrator]',
    '',
  ].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'ops-roles-paths-'));
  writeFileSync(join(dir, 'ops-roles.yaml'), config);

  async function who(args: string[], stdin = ''): Promise<{ code: number; lines: { path: string; owners: string[] }[]; err: string[] }> {
    const m = memoryIO(dir, { stdin });
    const code = await runCli(['who', '--json', ...args], m.io);
    return {
      code,
      lines: lines(m.stdout())
        .map((l) => JSON.parse(l) as { path: string; owners: string[] })
        .map(({ path, owners }) => ({ path, owners })),
      err: lines(m.stderr()),
    };
  }

  it('the config with these patterns validates cleanly', () => {
    expect(parseConfig(config).problems).toEqual([]);
  });

  it.each([
    ['a space in a directory, escaped in the pattern', 'my docs/a b.md', ['@t']],
    ['unicode directory and file names', 'café/menü.md', ['@d']],
    ['the same name in decomposed form is another name (byte-exact, as git and GitHub)', 'cafe\u0301/menu.md', []],
    ['# inside a path', 'notes/#draft.md', ['@r']],
    ['a leading dot matched by a star', '.env.local', ['@o']],
    ['a leading dot at depth', 'deploy/.env', ['@o']],
    ['a file named --help', '--help', ['@db']],
    ['a file named -rf', '-rf', ['@db']],
    ['--help below a directory', 'x/--help', ['@db']],
  ])('%s (%s) through who, after --', async (_risk, path, owners) => {
    const result = await who(['--', path]);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([{ path, owners }]);
  });

  it('names that look like options are paths when read from standard input', async () => {
    const result = await who(['--stdin'], '--help\n-rf\nmy docs/x\n#x\n');
    expect(result.lines).toEqual([
      { path: '--help', owners: ['@db'] },
      { path: '-rf', owners: ['@db'] },
      { path: 'my docs/x', owners: ['@t'] },
      { path: '#x', owners: [] },
    ]);
  });

  it('an option-looking name without -- is a usage error (exit 2, one line), never a path read as a flag', async () => {
    const result = await who(['-rf']);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/Unknown option '-r'.*'--'/);
  });
});
