/**
 * The rule index must give exactly the plain definition's answer (test every pattern, the last
 * match wins) for any rule set and any path. Patterns and paths are drawn from one small
 * alphabet so that matches, near-misses and shadowing actually happen; every shape the index
 * files differently (literal prefixes, floating literals, `*.ext` suffixes, wildcards left in
 * the residue) comes up in every run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, normalizePath, type CompiledPattern, type Flavor } from '../../src/core/pattern';
import { buildRuleIndex, lastMatchPlain } from '../../src/core/ruleIndex';

/**
 * Path segment names; some contain the characters patterns treat specially, and `''` makes
 * paths such as `a//b` and `a/`, which the index must still answer as the plain loop does.
 */
const NAMES = ['a', 'b', 'ab', 'a.md', 'b.md', 'c.ts', 'a.test.ts', '.md', 'md', '*', '?', '[a]', 'a b', '#c', ''];

/** Pattern segments: literals from NAMES, wildcards, suffix globs, escapes. */
const patternSegment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'ab', 'a.md', 'c.ts', 'md', '[a]') },
  { weight: 2, arbitrary: fc.constant('*') },
  { weight: 2, arbitrary: fc.constant('**') },
  { weight: 1, arbitrary: fc.constantFrom('?', 'a?', '?b', 'a*', '*b', 'a*b', '*a*') },
  { weight: 2, arbitrary: fc.constantFrom('*.md', '*.ts', '*.test.ts', '*md') },
  { weight: 1, arbitrary: fc.constantFrom('\\*', '\\?', 'a\\*', '\\[a]', 'a\\ b', '\\#c') },
  { weight: 1, arbitrary: fc.constant('') },
);

const pattern = fc
  .record({
    leading: fc.boolean(),
    segments: fc.array(patternSegment, { minLength: 1, maxLength: 4 }),
    trailing: fc.boolean(),
  })
  .map(({ leading, segments, trailing }) => (leading ? '/' : '') + segments.join('/') + (trailing ? '/' : ''));

const path = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));

function checkAgainstPlain(sources: readonly string[], paths: readonly string[], flavor: Flavor, maxDirectories?: number): void {
  const patterns: CompiledPattern[] = sources.map((s) => compilePattern(s, flavor));
  const index = buildRuleIndex(patterns, maxDirectories);
  for (const p of paths) {
    const all = patterns.flatMap((pat, i) => (pat.match(p) ? [i] : []));
    expect({ path: p, last: index.lastMatch(p) }).toEqual({ path: p, last: lastMatchPlain(patterns, p) });
    expect({ path: p, all: index.allMatches(p) }).toEqual({ path: p, all });
    // Paths as a user may give them: the index checks their form once per directory.
    for (const raw of [p, './' + p, '/' + p]) {
      expect({ raw, last: index.lastMatchNormalized(raw) }).toEqual({ raw, last: lastMatchPlain(patterns, normalizePath(raw)) });
    }
  }
}

/**
 * Cases for the lookup's shortcut: a directory whose candidates decide every file answers
 * without testing a pattern, unless the file name brings candidates of its own (a trie child, a
 * literal segment, a `*.ext` suffix) or a candidate depends on the name.
 */
const SHORTCUT_PATTERNS = [
  '/apps/web/',
  '*.md',
  'README.md',
  '/apps/web/special.ts',
  '**/docs/',
  '/apps/*/tmp/*',
  'apps/web/gen/**',
  '/apps/web/no/*.ts',
  '/apps/web/styles/**/*.scss',
  '/apps/*/lib/index.ts',
];
const SHORTCUT_CASES: [path: string, github: number][] = [
  ['apps/web/a.ts', 0],
  ['apps/web/b.md', 1],
  ['apps/web/README.md', 2],
  ['apps/web/special.ts', 3],
  ['apps/web/special.tsx', 0],
  ['apps/web/docs/x.ts', 4],
  ['apps/web/gen', 0],
  ['apps/web/gen/x.ts', 6],
  ['apps/web/gen/x.md', 6],
  ['apps/web/no/a.ts', 7],
  ['apps/web/no/a.md', 1],
  ['apps/web/no/deeper/a.ts', 0],
  ['apps/web/tmp/x', 5],
  ['apps/web/styles/a.ts', 0],
  ['apps/web/styles/a.scss', 8],
  ['apps/web/styles/deep/a.scss', 8],
  ['apps/web/styles/deep/a.scssx', 0],
  ['apps/web/lib/index.ts', 9],
  ['apps/web/lib/other.ts', 0],
  ['apps/web/lib/xindex.ts', 0],
  ['apps/other/lib/index.ts', 9],
  ['apps/web/tmp/y/z', 0],
  ['apps/other/tmp/x', 5],
  ['apps/other/x', -1],
  ['apps/web/', 0],
  ['README.md', 2],
  ['x.ts', -1],
];

describe('rule index shortcuts', () => {
  it('answers from the directory unless the file name brings candidates (github)', () => {
    const patterns = SHORTCUT_PATTERNS.map((s) => compilePattern(s, 'github'));
    const index = buildRuleIndex(patterns);
    // Twice: the first time builds each directory's answer, the second reads it.
    for (let round = 0; round < 2; round++) {
      for (const [p, expected] of SHORTCUT_CASES) {
        expect({ path: p, last: index.lastMatch(p) }).toEqual({ path: p, last: expected });
        expect(lastMatchPlain(patterns, p)).toBe(expected);
      }
    }
  });

  it("agrees with the plain loop on the same cases in GitLab's reading, in either order", () => {
    const paths = SHORTCUT_CASES.map(([p]) => p);
    checkAgainstPlain(SHORTCUT_PATTERNS, paths, 'gitlab');
    checkAgainstPlain(SHORTCUT_PATTERNS, [...paths].reverse(), 'gitlab');
    checkAgainstPlain(SHORTCUT_PATTERNS, [...paths].sort(), 'github');
  });

  it("tells a path in the last lookup's directory from one below it, beside it or with its name", () => {
    const patterns = ['/a/b/', '/a/b/c/', '/a/bc', 'y', '/a/b/c/y', '/a/b'].map((s) => compilePattern(s, 'github'));
    const index = buildRuleIndex(patterns);
    // Each after the one before: the same directory, then a subdirectory, a sibling whose
    // name starts alike, the directory's own path as a name, a file directly in it, the root.
    const paths = ['a/b/x', 'a/b/y', 'a/b/c/y', 'a/b/c/', 'a/b/x', 'a/bc/y', 'a/bc', 'a/b', 'a/b/', 'a/b/y', 'y', 'x', 'a/b/c/x/y'];
    for (const p of paths) {
      expect({ p, last: index.lastMatch(p), all: index.allMatches(p) }).toEqual({
        p,
        last: lastMatchPlain(patterns, p),
        all: patterns.flatMap((c, i) => (c.match(p) ? [i] : [])),
      });
      expect(index.lastMatchNormalized(p)).toBe(lastMatchPlain(patterns, p));
    }
  });
});

describe('rule index agrees with the plain last-match loop', () => {
  for (const flavor of ['github', 'gitlab'] as const) {
    it(`on random rule sets and paths (${flavor})`, () => {
      fc.assert(
        fc.property(fc.array(pattern, { minLength: 1, maxLength: 25 }), fc.array(path, { minLength: 1, maxLength: 40 }), (sources, paths) => {
          // Sorted as a file list is, then shuffled back: the index keeps per-directory state
          // between lookups, and both orders must give the plain answer.
          checkAgainstPlain(sources, [...paths].sort(), flavor);
          checkAgainstPlain(sources, paths, flavor);
          // A memo that starts over every few directories must answer the same.
          checkAgainstPlain(sources, paths, flavor, 3);
        }),
        { numRuns: 400, seed: flavor === 'github' ? 7 : 8 },
      );
    });
  }

  it('on rule sets where one directory is asked about many times', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 25 }),
        fc.array(fc.constantFrom(...NAMES), { minLength: 0, maxLength: 4 }),
        fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 14 }),
        (sources, dir, basenames) => {
          const prefix = dir.length ? dir.join('/') + '/' : '';
          checkAgainstPlain(
            sources,
            basenames.map((b) => prefix + b),
            'github',
          );
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });

  it('in lists that come sorted, again, backwards and shuffled, one index for all of them', () => {
    // While lookups come in sorted order the index keeps only the chain of the last directory;
    // the first one out of order makes it remember every directory. Neither may change an answer.
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 25 }), fc.array(path, { minLength: 1, maxLength: 60 }), (sources, paths) => {
        const patterns = sources.map((s) => compilePattern(s, 'github'));
        const index = buildRuleIndex(patterns);
        const sorted = [...paths].sort();
        for (const list of [sorted, sorted, [...sorted].reverse(), paths, sorted]) {
          for (const p of list) expect({ p, last: index.lastMatchNormalized(p) }).toEqual({ p, last: lastMatchPlain(patterns, normalizePath(p)) });
        }
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('works out each directory once however often a list comes back to it, sorted or not', () => {
    const sources = ['/a/', '*.md', '/a/*/c.ts', '**/b/', '/a/b/**/*.ts', 'ab/*'];
    // A file at the root last: the chain is back at the root when the list starts over.
    const sorted = [...new Set([...fc.sample(path, { numRuns: 400, seed: 16 }), 'zz'])].sort();
    const shuffled = fc.sample(fc.shuffledSubarray(sorted, { minLength: sorted.length }), { numRuns: 1, seed: 17 })[0]!;
    // A list of sorted lists one after the other, each below a new top-level directory: new
    // directories only, until the last comes back to the first.
    const blocks = [...sorted, ...sorted.map((p) => 'p1/' + p), ...sorted.map((p) => 'p2/' + p)];
    for (const first of [sorted, shuffled, blocks]) {
      let filesInCalls = 0;
      const patterns = sources.map((s) => {
        const compiled = compilePattern(s, 'github');
        const counted: CompiledPattern = Object.create(compiled);
        return Object.assign(counted, { filesIn: (dir: string) => (filesInCalls++, compiled.filesIn(dir)) });
      });
      const index = buildRuleIndex(patterns);
      const resolve = (list: readonly string[]): void => {
        for (const p of list) expect(index.lastMatch(p)).toBe(lastMatchPlain(patterns, p));
      };
      // The second pass comes back to the first directory: out of order, so from there on the
      // index remembers what it builds, and no later pass asks a pattern about a directory.
      resolve(first);
      resolve(sorted);
      expect(filesInCalls).toBeGreaterThan(0);
      filesInCalls = 0;
      for (const list of [sorted, shuffled, [...sorted].reverse()]) resolve(list);
      expect({ first: first.length, filesInCalls }).toEqual({ first: first.length, filesInCalls: 0 });
    }
  });

  it('leaves a pattern out of a subtree it can own nothing in, and asks it nothing there', () => {
    const sources = ['/a/*/c/*/e/', '*.md', '/a/x/'];
    const asked: string[] = [];
    const patterns = sources.map((s) => {
      const compiled = compilePattern(s, 'github');
      const counted: CompiledPattern = Object.create(compiled);
      return Object.assign(counted, { filesIn: (dir: string) => (s === sources[0] && asked.push(dir), compiled.filesIn(dir)) });
    });
    const index = buildRuleIndex(patterns);
    // `a/x/d/` cannot lead to `a/*/c/…`: nothing below it is asked about, however deep.
    const paths = ['a/x/d/y/z/w/f.ts', 'a/x/d/y/z/w/g.md', 'a/x/d/y/z/f.ts', 'a/x/c/y/e/f.ts', 'a/x/c/y/z/f.ts'];
    for (const p of paths) expect({ p, last: index.lastMatch(p) }).toEqual({ p, last: lastMatchPlain(patterns, p) });
    expect(asked).toEqual(['a/', 'a/x/', 'a/x/d/', 'a/x/c/', 'a/x/c/y/', 'a/x/c/y/e/', 'a/x/c/y/z/']);
  });

  it('finds every shape the generator is meant to produce', () => {
    // Guards the generator itself: if it stopped producing matches, the properties above would
    // pass while testing nothing.
    const sample = fc.sample(fc.tuple(fc.array(pattern, { minLength: 1, maxLength: 25 }), fc.array(path, { minLength: 1, maxLength: 40 })), {
      numRuns: 200,
      seed: 10,
    });
    let matched = 0;
    let shadowed = 0;
    let total = 0;
    for (const [sources, paths] of sample) {
      const patterns = sources.map((s) => compilePattern(s, 'github'));
      for (const p of paths) {
        total++;
        const hits = patterns.filter((pat) => pat.match(p)).length;
        if (hits > 0) matched++;
        if (hits > 1) shadowed++;
      }
    }
    expect(matched / total).toBeGreaterThan(0.2);
    expect(shadowed / total).toBeGreaterThan(0.05);
  });
});

describe('what the index relies on in a compiled pattern', () => {
  /** The same pattern with the first character of each segment escaped: read segment by segment. */
  const escaped = (source: string): string => source.replace(/(^|\/)([^/])/g, '$1\\$2');

  it('reads a pattern of plain names as text exactly as segment by segment', () => {
    const plainSegment = fc.constantFrom('a', 'b', 'ab', 'a.md', 'c.ts', 'a b', '#c', '');
    const plain = fc
      .record({ leading: fc.boolean(), segments: fc.array(plainSegment, { minLength: 1, maxLength: 4 }), trailing: fc.boolean() })
      .map(({ leading, segments, trailing }) => (leading ? '/' : '') + segments.join('/') + (trailing ? '/' : ''));
    fc.assert(
      fc.property(plain, fc.array(path, { minLength: 1, maxLength: 20 }), (source, paths) => {
        const text = compilePattern(source, 'github');
        const segments = compilePattern(escaped(source), 'github');
        expect(segments.literalPrefix).toBe(text.literalPrefix);
        // A pattern of plain names works these out when first asked: ask in another order than
        // the index does, and twice, so an answer kept from one cannot stand in for another.
        expect(text.settledDepth).toBe(segments.settledDepth);
        expect(text.nameSuffix).toBe(segments.nameSuffix);
        expect(segments.segmentKey).toBe(text.segmentKey);
        expect([text.settledDepth, text.nameSuffix, text.segmentKey]).toEqual([segments.settledDepth, segments.nameSuffix, segments.segmentKey]);
        // Paths at the edges of the text itself, where a reading by text would go wrong first.
        const t = source.replace(/^\/|\/$/g, '');
        for (const p of [...paths, t, t + '/', t + '/x', t + 'x', t.slice(0, -1), 'x/' + t]) {
          expect({ source, p, match: text.match(p) }).toEqual({ source, p, match: segments.match(p) });
        }
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("keeps filesIn's claims: true and false hold for every file of the directory", () => {
    forPatternInDirectory({ maxDepth: 4, numRuns: 2000, seed: 12 }, (compiled, source, directory) => {
      const says = compiled.filesIn(directory);
      if (says === undefined) return;
      for (const name of NAMES)
        if (name !== '')
          expect({ source, file: directory + name, match: compiled.match(directory + name) }).toEqual({ source, file: directory + name, match: says });
    });
  });

  it("keeps reachesBelow's claim: a pattern that reaches nothing below a directory matches no path there", () => {
    let claims = 0;
    forPatternInDirectory({ maxDepth: 4, numRuns: 2000, seed: 18 }, (compiled, source, directory) => {
      if (compiled.reachesBelow(directory)) return;
      claims++;
      for (const sub of ['', 'a/', 'ab/', '*/', '/', 'b/a.md/']) {
        for (const name of NAMES) {
          const file = directory + sub + name;
          expect({ source, file, match: compiled.match(file) }).toEqual({ source, file, match: false });
        }
      }
    });
    // A claim made often enough to be tested at all.
    expect(claims).toBeGreaterThan(200);
  });

  it('decides a trailing ** from the directory alone, at any depth', () => {
    const deep = (n: number): string => Array.from({ length: n }, (_, k) => (k % 3 === 0 ? 'a' : 'b')).join('/') + '/';
    // Patterns as deep as the directories too: past 29 segments a bit set no longer holds them.
    for (const source of ['/a/**', 'a/b/**', '/a/*/b/**', '**/b/', '/b/**', 'b/', '/' + deep(31), '/' + deep(35) + '**']) {
      for (const flavor of ['github', 'gitlab'] as const) {
        const compiled = compilePattern(source, flavor);
        for (const directory of ['', 'a/', 'a/b/', 'b/', deep(3), deep(28), deep(29), deep(30), deep(31), deep(35), deep(40)]) {
          const says = compiled.filesIn(directory);
          if (says === undefined) continue;
          for (const name of ['x', 'a', 'b'])
            expect({ source, flavor, file: directory + name, match: compiled.match(directory + name) }).toMatchObject({ match: says });
        }
      }
    }
  });

  it('keeps nameSuffix: where a directory leaves a match undecided, a matching name ends with it', () => {
    forPatternInDirectory({ maxDepth: 4, numRuns: 3000, seed: 14 }, (compiled, source, directory) => {
      if (compiled.nameSuffix === undefined || compiled.filesIn(directory) !== undefined) return;
      for (const name of NAMES) {
        if (compiled.match(directory + name))
          expect({ source, name, suffix: compiled.nameSuffix, ends: name.endsWith(compiled.nameSuffix) }).toMatchObject({ ends: true });
      }
    });
  });

  it('keeps settledDepth: below it, what a pattern says of a directory holds for its subdirectories', () => {
    forPatternInDirectory({ maxDepth: 6, numRuns: 2000, seed: 13 }, (compiled, source, parent, depth) => {
      if (depth < compiled.settledDepth) return;
      const says = compiled.filesIn(parent);
      if (says === undefined) return;
      for (const sub of NAMES) {
        for (const name of NAMES) {
          const file = parent + sub + '/' + name;
          expect({ source, file, match: compiled.match(file) }).toEqual({ source, file, match: says });
        }
      }
    });
  });
});

/**
 * A property of one random pattern, read the GitHub or the GitLab way, in a random directory
 * (`''` for the root, else ending in '/', `depth` names deep).
 */
function forPatternInDirectory(
  { maxDepth, numRuns, seed }: { maxDepth: number; numRuns: number; seed: number },
  check: (compiled: CompiledPattern, source: string, directory: string, depth: number) => void,
): void {
  fc.assert(
    fc.property(
      pattern,
      fc.array(fc.constantFrom(...NAMES), { minLength: 0, maxLength: maxDepth }),
      fc.constantFrom<Flavor>('github', 'gitlab'),
      (source, dir, flavor) => check(compilePattern(source, flavor), source, dir.length ? dir.join('/') + '/' : '', dir.length),
    ),
    { numRuns, seed },
  );
}
