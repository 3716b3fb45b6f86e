/**
 * Differential test against git: inside the subset of patterns where .gitignore and GitHub's
 * CODEOWNERS agree, `compilePattern(p).match(path)` must say what `git check-ignore` says.
 *
 * The subset (see the oracle's README): no `dir/*` or `/*` ending (CODEOWNERS: direct children
 * only), no brackets, no `**` followed by a trailing slash (disputed), no `!`, `#`, backslashes or trailing
 * spaces, paths never start with `/`. Each pattern gets its own directory with its own
 * .gitignore (patterns there are relative to it, as CODEOWNERS patterns are to the root) and
 * its own files, created on disk so git knows which names are directories; one
 * `git check-ignore --no-index --stdin -z -v -n` answers for all of them.
 *
 * OPS_ROLES_DIFF_CASES patterns (default 300), OPS_ROLES_DIFF_SEED to reproduce a run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/core/pattern';

const CASES = Number(process.env.OPS_ROLES_DIFF_CASES ?? 300);
const SEED = Number(process.env.OPS_ROLES_DIFF_SEED ?? 20_260_001);

const NAMES = ['a', 'b', 'ab', '.c', 'd e', 'x.y', 'f.js', 'g', '.h', 'k.y.z', 'é', 'A'];
const SEGMENT_GLOBS = ['*', '?', '*.js', 'a*', '*b', '?.js', '.*', 'x.*', '*.*', '*e', 'a**', '**b', 'd *', '?b', '*y*'];

type Segment = { kind: 'name'; text: string } | { kind: 'glob'; text: string } | { kind: 'globstar' };

const segment: fc.Arbitrary<Segment> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NAMES).map((text): Segment => ({ kind: 'name', text })) },
  { weight: 4, arbitrary: fc.constantFrom(...SEGMENT_GLOBS).map((text): Segment => ({ kind: 'glob', text })) },
  { weight: 2, arbitrary: fc.constant<Segment>({ kind: 'globstar' }) },
);

interface Shape {
  readonly leadingSlash: boolean;
  readonly segments: readonly Segment[];
  readonly trailingSlash: boolean;
}

const shape: fc.Arbitrary<Shape> = fc.record({
  leadingSlash: fc.boolean(),
  segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
  trailingSlash: fc.boolean(),
});

function source(s: Shape): string {
  return (s.leadingSlash ? '/' : '') + s.segments.map((g) => (g.kind === 'globstar' ? '**' : g.text)).join('/') + (s.trailingSlash ? '/' : '');
}

/** Where gitignore and CODEOWNERS are known to differ (oracle README); such shapes are skipped. */
function outsideSharedSubset(s: Shape): string | undefined {
  const last = s.segments[s.segments.length - 1]!;
  const before = s.segments[s.segments.length - 2];
  const many = s.segments.length > 1 || s.leadingSlash;
  if (many && last.kind === 'glob' && last.text === '*' && !s.trailingSlash && before?.kind !== 'globstar') return 'dir/* (direct children only)';
  if (last.kind === 'globstar' && s.trailingSlash) return 'foo/**/ (disputed)';
  if (s.segments.length === 1 && s.segments[0]!.kind === 'globstar' && s.leadingSlash && s.trailingSlash) return '/**/';
  return undefined;
}

/** A small deterministic random source for instantiating wildcards (seeded per pattern). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A file name the glob probably matches: each `*` and `?` filled in at random. */
function fill(glob: string, r: () => number): string {
  let out = '';
  for (const c of glob) {
    if (c === '*') out += pick(r, ['', 'x', 'yz', '.q', 'a', 'b', 'e']);
    else if (c === '?') out += pick(r, ['a', 'x', '.', 'b']);
    else out += c;
  }
  return out === '' || out === '.' || out === '..' ? 'z' : out;
}

/** Paths near the pattern: instances of it, with a parent or child added, a segment swapped, and random ones. */
function pathsFor(s: Shape, seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const parts: string[] = [];
    if (!s.leadingSlash && r() < 0.4) parts.push(pick(r, NAMES));
    for (const g of s.segments) {
      if (g.kind === 'globstar') for (let k = Math.floor(r() * 3); k > 0; k--) parts.push(pick(r, NAMES));
      else parts.push(g.kind === 'name' ? g.text : fill(g.text, r));
    }
    if (s.trailingSlash || r() < 0.4) parts.push(pick(r, NAMES));
    if (r() < 0.3) parts.push(pick(r, NAMES));
    if (r() < 0.3 && parts.length > 1) parts[Math.floor(r() * parts.length)] = pick(r, NAMES);
    const path = parts.filter((p) => p !== '').join('/');
    if (path) out.add(path);
  }
  for (let i = 0; i < 3; i++) {
    const depth = 1 + Math.floor(r() * 3);
    out.add(Array.from({ length: depth }, () => pick(r, NAMES)).join('/'));
  }
  // A name cannot be a file and a directory at once: keep the deeper paths.
  const all = [...out];
  return all.filter((p) => !all.some((q) => q.startsWith(p + '/')));
}

/**
 * Disagreements found by this test that are not clearly our bug, pinned so they stay visible:
 * each is reported and waits for a decision; the test fails on any other disagreement.
 */
const KNOWN_DIFFERENCES: { readonly why: string; readonly applies: (pattern: string, path: string) => boolean }[] = [
  {
    // git's wildmatch compares bytes, so `?` never matches "é" (two bytes in UTF-8) and `??`
    // does; we compare characters, as hmarr/codeowners (the GitHub-faithful Go library, whose
    // `?` matches one rune) does. GitHub's own behaviour is unverified.
    why: '`?` against a non-ASCII character: git counts UTF-8 bytes, we count characters',
    applies: (pattern, path) => pattern.includes('?') && /[^\p{ASCII}]/u.test(path),
  },
  {
    // gitignore's documentation says `**` inside a segment is a plain `*`, and git does read
    // `ab/c**/x` that way; but git first compares the literal prefix of a pattern with a slash
    // and then matches the rest on its own, so in `a**/x` the rest `**/x` starts with a true
    // globstar and crosses directories (`a**/x` matches `ab/cd/x`). We read `a**` as `a*`
    // everywhere (and checkPattern warns: globstar-in-segment). GitHub's behaviour is unverified.
    why: "`**` right after a pattern's literal prefix (`a**/x`): git's prefix shortcut makes it a globstar",
    applies: (pattern) => {
      const p = pattern.replace(/\/$/, '');
      const first = p.search(/[*?[\\]/);
      return p.includes('/') && first > 0 && p.startsWith('**', first) && p[first - 1] !== '/';
    },
  },
];

interface Case {
  readonly pattern: string;
  readonly paths: readonly string[];
}

function gitAnswers(cases: readonly Case[]): Map<string, boolean> {
  const root = mkdtempSync(join(tmpdir(), 'ops-roles-diff-'));
  const init = spawnSync('git', ['init', '-q', root], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`git init failed: ${init.stderr}`);
  const queries: string[] = [];
  cases.forEach((c, i) => {
    const dir = join(root, `p${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, '.gitignore'), c.pattern + '\n');
    for (const path of c.paths) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), '');
      queries.push(`p${i}/${path}`);
    }
  });
  const run = spawnSync('git', ['-c', 'core.ignorecase=false', 'check-ignore', '--no-index', '--stdin', '-z', '-v', '-n'], {
    cwd: root,
    input: queries.join('\0') + '\0',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // Exit 1 only means "nothing was ignored".
  if (run.status !== 0 && run.status !== 1) throw new Error(`git check-ignore failed (${run.status}): ${run.stderr}`);
  const fields = run.stdout.split('\0');
  const answers = new Map<string, boolean>();
  for (let i = 0; i + 3 < fields.length; i += 4) answers.set(fields[i + 3]!, fields[i] !== '');
  return answers;
}

describe('our matcher against git check-ignore, inside the shared subset', () => {
  it(
    `${CASES} random patterns (seed ${SEED}) with paths made to match them or nearly`,
    () => {
      const shapes = fc.sample(shape, { seed: SEED, numRuns: CASES * 3 }).filter((s) => outsideSharedSubset(s) === undefined);
      const seen = new Set<string>();
      const cases: Case[] = [];
      for (const s of shapes) {
        const pattern = source(s);
        if (seen.has(pattern) || cases.length >= CASES) continue;
        seen.add(pattern);
        cases.push({ pattern, paths: pathsFor(s, SEED ^ cases.length) });
      }
      const git = gitAnswers(cases);
      const disagreements: string[] = [];
      const known = new Map<string, string[]>();
      let matched = 0;
      let total = 0;
      cases.forEach((c, i) => {
        const compiled = compilePattern(c.pattern, 'github');
        for (const path of c.paths) {
          const gitSays = git.get(`p${i}/${path}`);
          expect(gitSays, `git gave no answer for ${path}`).toBeDefined();
          const weSay = compiled.match(path);
          total++;
          if (weSay) matched++;
          if (weSay === gitSays) continue;
          const line = `pattern ${JSON.stringify(c.pattern)} path ${JSON.stringify(path)}: git ${gitSays ? 'matches' : 'does not match'}, we ${weSay ? 'match' : 'do not'}`;
          const difference = KNOWN_DIFFERENCES.find((d) => d.applies(c.pattern, path));
          if (difference) known.set(difference.why, [...(known.get(difference.why) ?? []), line]);
          else disagreements.push(line);
        }
      });
      expect(disagreements).toEqual([]);
      if (process.env.OPS_ROLES_DIFF_VERBOSE)
        for (const [why, lines] of known) console.log(`known difference (${lines.length}): ${why}\n  ${lines.slice(0, 5).join('\n  ')}`);
      expect(cases.length).toBe(CASES);
      // The paths are built to match often: a differential test that only sees "no" proves little.
      expect(matched / total).toBeGreaterThan(0.25);
      expect(matched / total).toBeLessThan(0.9);
    },
    60_000 + CASES * 30,
  );

  it('the known difference is real and is what it says (so it is removed once decided)', () => {
    const root = mkdtempSync(join(tmpdir(), 'ops-roles-diff-known-'));
    spawnSync('git', ['init', '-q', root]);
    writeFileSync(join(root, '.gitignore'), '/?\n/xy/??\n');
    mkdirSync(join(root, 'xy'));
    for (const name of ['é', 'xy/é']) writeFileSync(join(root, name), '');
    const run = spawnSync('git', ['check-ignore', '--no-index', '--stdin', '-n', '-v'], { cwd: root, input: 'é\nxy/é\n', encoding: 'utf8' });
    const git = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => (l.startsWith('::') ? 'no' : l.split('\t')[0]));
    expect(git).toEqual(['no', '.gitignore:2:/xy/??']);
    expect([compilePattern('/?').match('é'), compilePattern('/xy/??').match('xy/é')]).toEqual([true, false]);
    expect(KNOWN_DIFFERENCES[0]!.applies('/?', 'é')).toBe(true);
  });

  it('the prefix-globstar difference is real: git crosses directories for a**/x and ab/c**/x, not for *b**/x', () => {
    const root = mkdtempSync(join(tmpdir(), 'ops-roles-diff-known-'));
    spawnSync('git', ['init', '-q', root]);
    mkdirSync(join(root, 'ab/cd/e'), { recursive: true });
    writeFileSync(join(root, 'ab/cd/e/x'), '');
    const gitMatches = (pattern: string) => {
      writeFileSync(join(root, '.gitignore'), pattern + '\n');
      return spawnSync('git', ['check-ignore', '--no-index', '-q', 'ab/cd/e/x'], { cwd: root }).status === 0;
    };
    const patterns = ['a**/x', 'ab/c**/x', '*b**/x', 'a*/x'];
    expect(patterns.map(gitMatches)).toEqual([true, true, false, false]);
    expect(patterns.map((p) => compilePattern(p).match('ab/cd/e/x'))).toEqual([false, false, false, false]);
    expect(patterns.map((p) => KNOWN_DIFFERENCES[1]!.applies(p, ''))).toEqual([true, true, false, false]);
  });
});
