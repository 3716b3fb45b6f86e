/**
 * The rule index against the plain last-match loop on real and monorepo-sized CODEOWNERS files
 * (bench/corpora): every file of the three real repositories, and a fixed sample of the
 * generated synthetic monorepo, where the plain loop over 4.4k rules would take minutes for all
 * 151k files. Also the file and owned-file counts bench/corpora/README.md states.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeownersResolver, parseCodeowners } from '../../src/core/codeowners';
import { compilePattern } from '../../src/core/pattern';
import { buildRuleIndex, lastMatchPlain } from '../../src/core/ruleIndex';
import { corpusDir } from './paths';

interface Corpus {
  name: string;
  /** Files and rules (CODEOWNERS lines) per the corpora README. */
  files: number;
  rules: number;
  /** Files with at least one owner under GitHub's semantics, per the corpora README. */
  owned?: number;
  /** Compare on this many sampled files instead of all. */
  sample?: number;
}

const CORPORA: Corpus[] = [
  { name: 'tldr', files: 38_491, rules: 48, owned: 17_243 },
  { name: 'esphome', files: 6_497, rules: 481, owned: 2_094 },
  { name: 'integrations-extras', files: 4_320, rules: 1_030, owned: 4_290 },
  // Generated: a change of these counts is a change of the generator; update the README with it.
  { name: 'synthetic-monorepo', files: 151_016, rules: 4_385, sample: 3_000 },
];

function load(name: string): { files: string[]; codeowners: string } {
  const dir = corpusDir(name);
  return {
    files: readFileSync(join(dir, 'files.txt'), 'utf8')
      .split('\n')
      .filter((l) => l !== ''),
    codeowners: readFileSync(join(dir, 'CODEOWNERS'), 'utf8'),
  };
}

/** A fixed sample (mulberry32, seed 7), kept in file-list order so directories repeat as in use. */
function seededSample<T>(items: readonly T[], n: number, seed = 7): T[] {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const picked = new Set<number>();
  while (picked.size < Math.min(n, items.length)) picked.add(Math.floor(next() * items.length));
  return [...picked].sort((a, b) => a - b).map((i) => items[i]!);
}

describe.each(CORPORA)('corpus $name', (corpus) => {
  const { files, codeowners } = load(corpus.name);
  const parsed = parseCodeowners(codeowners, 'github');
  const patterns = parsed.entries.map((e) => compilePattern(e.pattern, 'github'));

  it('has the README’s file and rule counts', () => {
    expect(files.length).toBe(corpus.files);
    expect(parsed.entries.length).toBe(corpus.rules);
  });

  const checked = corpus.sample ? seededSample(files, corpus.sample) : files;
  const what = corpus.sample ? `a sample of ${corpus.sample} files` : 'every file';
  it(`index agrees with the plain loop on ${what}${corpus.sample ? '' : ', allMatches too'}`, () => {
    const index = buildRuleIndex(patterns);
    const differing: string[] = [];
    let matched = 0;
    for (const path of checked) {
      const plain = lastMatchPlain(patterns, path);
      if (plain !== -1) matched++;
      const got = index.lastMatch(path);
      if (got !== plain) differing.push(`${path}: index ${got}, plain ${plain}`);
      if (corpus.sample) continue;
      const plainAll = patterns.flatMap((p, i) => (p.match(path) ? [i] : []));
      const gotAll = index.allMatches(path);
      if (gotAll.join() !== plainAll.join()) differing.push(`${path}: allMatches [${gotAll.join()}], plain [${plainAll.join()}]`);
    }
    expect(differing.slice(0, 5)).toEqual([]);
    // A comparison where nothing matches would prove nothing.
    expect(matched).toBeGreaterThan(checked.length / 4);
  });

  if (corpus.owned !== undefined) {
    it(`owns ${corpus.owned} files under GitHub's semantics`, () => {
      const resolver = codeownersResolver(parsed);
      const owned = files.filter((f) => resolver.resolve(f).owners.length > 0).length;
      expect(owned).toBe(corpus.owned);
    });
  }
});
