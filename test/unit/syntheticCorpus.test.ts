/**
 * The synthetic monorepo generator (scripts/corpus/synthetic.mjs), at a small scale: the same
 * bytes on every run (the corpus tests and the benchmark compare figures across runs and
 * machines), the CODEOWNERS shapes it promises, no rule that matches nothing, and a cache that
 * is written once and again only when its stamp changes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSyntheticCorpus, generateSyntheticCorpus, writeSyntheticCorpus } from '../../scripts/corpus/synthetic.mjs';
import { parseCodeowners } from '../../src/core/codeowners';
import { compilePattern } from '../../src/core/pattern';

const SCALE = 0.02;
const work = mkdtempSync(join(tmpdir(), 'ops-roles-synthetic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('synthetic corpus generator', () => {
  const corpus = generateSyntheticCorpus({ scale: SCALE });
  const rules = parseCodeowners(corpus.codeowners, 'github').entries;

  it('writes the same bytes twice', () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    writeSyntheticCorpus(a, { scale: SCALE });
    writeSyntheticCorpus(b, { scale: SCALE });
    for (const name of ['files.txt', 'CODEOWNERS']) expect(sha(join(b, name)), name).toBe(sha(join(a, name)));
    expect(readFileSync(join(a, 'files.txt'), 'utf8')).toBe(`${corpus.files.join('\n')}\n`);
    // Another seed is another repository.
    expect(generateSyntheticCorpus({ scale: SCALE, seed: 1 }).codeowners).not.toBe(corpus.codeowners);
  });

  it('lists unique paths, sorted, none of them also a folder', () => {
    expect(corpus.files.length).toBeGreaterThan(2000);
    expect([...corpus.files].sort()).toEqual(corpus.files);
    expect(new Set(corpus.files).size).toBe(corpus.files.length);
    for (let i = 1; i < corpus.files.length; i++) expect(corpus.files[i]!.startsWith(`${corpus.files[i - 1]}/`)).toBe(false);
  });

  it('has the shapes a large hand-maintained CODEOWNERS has', () => {
    const patterns = rules.map((r) => r.pattern);
    const has = (what: string, test: (p: string) => boolean) => expect(patterns.some(test), what).toBe(true);
    has('a generated package line', (p) => /^packages\/nw-[^/*]+$/.test(p));
    has('a nested folder anchored with /', (p) => /^\/[^*]+\/[^*]+\/$/.test(p));
    has('/dir/*', (p) => p.startsWith('/') && p.endsWith('/*') && !p.slice(0, -1).includes('*'));
    has('/pkg/**/*.scss', (p) => p.endsWith('/**/*.scss'));
    has('a wildcard mid-path', (p) => /^\/[^*]*\*[^/]*\/.+/.test(p));
    has('**/__snapshots__/', (p) => p === '**/__snapshots__/');
    has('floating *.scss', (p) => p === '*.scss');
    has('a single file', (p) => /^\/.+\.tsx?$/.test(p) && !p.includes('*'));
    expect(rules.filter((r) => r.owners.length === 0).length).toBeGreaterThanOrEqual(1);
    // Some packages have two teams.
    expect(rules.some((r) => !r.pattern.startsWith('/') && r.owners.length === 2)).toBe(true);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('has no rule that matches no file, and leaves most repository-level files unowned', () => {
    const compiled = rules.map((r) => ({ pattern: r.pattern, owners: r.owners, p: compilePattern(r.pattern, 'github') }));
    expect(compiled.filter((c) => !corpus.files.some((f) => c.p.match(f))).map((c) => c.pattern)).toEqual([]);
    const owned = (f: string) => {
      for (let i = compiled.length - 1; i >= 0; i--) if (compiled[i]!.p.match(f)) return compiled[i]!.owners.length > 0;
      return false;
    };
    const docs = corpus.files.filter((f) => f.startsWith('docs/') || f.startsWith('scripts/') || f.startsWith('.github/workflows/'));
    expect(docs.filter(owned).length).toBeLessThan(docs.length / 2);
    expect(corpus.files.filter(owned).length).toBeGreaterThan(corpus.files.length / 2);
  });

  it('ensureSyntheticCorpus writes once, and again only when the stamp changes', () => {
    const dir = join(work, 'cache', 'synthetic');
    expect(ensureSyntheticCorpus({ dir, scale: SCALE })).toBe(dir);
    const first = statSync(join(dir, 'files.txt')).mtimeMs;
    ensureSyntheticCorpus({ dir, scale: SCALE });
    expect(statSync(join(dir, 'files.txt')).mtimeMs).toBe(first);
    expect(readFileSync(join(dir, 'CODEOWNERS'), 'utf8')).toBe(corpus.codeowners);
    writeFileSync(join(dir, 'stamp.json'), '{"version":0}');
    writeFileSync(join(dir, 'files.txt'), 'stale\n');
    ensureSyntheticCorpus({ dir, scale: SCALE });
    expect(readFileSync(join(dir, 'files.txt'), 'utf8')).toBe(`${corpus.files.join('\n')}\n`);
  });
});
