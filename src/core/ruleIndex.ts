/**
 * Last-match-wins lookup over many patterns without testing every pattern against every path.
 *
 * Each pattern is filed under one key that every path it matches must have: its literal
 * directory prefix (anchored patterns), a literal path segment, or a `*.ext` suffix of a
 * segment. A lookup gathers the candidates filed under the path's prefixes, segments and
 * suffixes, plus the few patterns that have no key, and tests only those, newest first. The
 * candidates are a superset of the matches, so the answer is the plain definition's answer;
 * the tests compare the two on every corpus.
 */
import type { CompiledPattern } from './pattern.js';

/** A lookup structure over patterns in rule order (index 0 is the first rule). */
export interface RuleIndex {
  /** The patterns, in rule order. */
  readonly patterns: readonly CompiledPattern[];
  /** Index of the last pattern that matches `path`, or -1. */
  lastMatch(path: string): number;
  /** Indices of every pattern that matches `path`, in rule order. */
  allMatches(path: string): number[];
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Build an index; `patterns[i]` is rule i. */
export function buildRuleIndex(patterns: readonly CompiledPattern[]): RuleIndex {
  const byPrefix = new Map<string, number[]>();
  const bySegment = new Map<string, number[]>();
  const bySuffix = new Map<string, number[]>();
  const residue: number[] = [];

  patterns.forEach((pattern, i) => {
    if (pattern.matchesNothing) return;
    if (pattern.literalPrefix) {
      // Found again from whichever prefix of the path equals it: one map read per path segment.
      push(byPrefix, pattern.literalPrefix, i);
    } else if (pattern.literalSegments.length > 0) {
      // The longest literal segment is the rarest, as a rule.
      const key = pattern.literalSegments.reduce((a, b) => (b.length > a.length ? b : a));
      push(bySegment, key, i);
    } else if (pattern.segmentSuffix) {
      push(bySuffix, pattern.segmentSuffix, i);
    } else {
      residue.push(i);
    }
  });

  const suffixLengths = [...new Set([...bySuffix.keys()].map((k) => k.length))];

  function candidates(path: string): number[] {
    const found: number[] = [];
    const add = (list: number[] | undefined): void => {
      if (list) for (const i of list) found.push(i);
    };
    let start = 0;
    for (;;) {
      const slash = path.indexOf('/', start);
      const end = slash === -1 ? path.length : slash;
      if (byPrefix.size) add(byPrefix.get(end === path.length ? path : path.slice(0, end)));
      if (bySegment.size || bySuffix.size) {
        const segment = path.slice(start, end);
        if (bySegment.size) add(bySegment.get(segment));
        if (bySuffix.size) {
          for (const length of suffixLengths) {
            if (segment.length >= length) add(bySuffix.get(segment.slice(segment.length - length)));
          }
        }
      }
      if (slash === -1) break;
      start = slash + 1;
    }
    return found;
  }

  return {
    patterns,
    lastMatch(path: string): number {
      let best = -1;
      const found = candidates(path);
      // Newest first: the first hit among candidates newer than any residue hit wins.
      found.sort((a, b) => b - a);
      let r = residue.length - 1;
      let c = 0;
      while (c < found.length || r >= 0) {
        const fromResidue = r >= 0 && (c >= found.length || residue[r]! > found[c]!);
        const i = fromResidue ? residue[r--]! : found[c++]!;
        if (i <= best) break;
        if (patterns[i]!.match(path)) {
          best = i;
          break;
        }
      }
      return best;
    },
    allMatches(path: string): number[] {
      const set = new Set([...candidates(path), ...residue]);
      return [...set].filter((i) => patterns[i]!.match(path)).sort((a, b) => a - b);
    },
  };
}

/** The plain definition: test every pattern, last match wins. The index must agree with it. */
export function lastMatchPlain(patterns: readonly CompiledPattern[], path: string): number {
  for (let i = patterns.length - 1; i >= 0; i--) if (patterns[i]!.match(path)) return i;
  return -1;
}
