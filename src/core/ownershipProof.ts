/**
 * The proof behind generate, check and import: resolve every repository file two ways and
 * compare the owners. Owners are compared as sets: neither GitHub nor GitLab gives the order of
 * owners on a line any meaning (every listed owner is requested), and an imported role lists a
 * line's owners in the order they were first seen, which another line may not share.
 */
import { codeownersResolver, parseCodeowners, type CodeownersFile } from './codeowners.js';
import { flavorName } from './codeownersTarget.js';
import type { OwnershipModel } from './ownership.js';
import { normalizePath, type Flavor } from './pattern.js';

/** Something that answers "who owns this path", under a name for reports. */
export interface OwnershipReader {
  /** Whose reading this is, for reports: `GitHub`, `GitLab`, `ops-roles.yaml`. */
  readonly reading: string;
  resolve(path: string): { readonly owners: readonly string[]; readonly line: number | undefined };
}

/** One file whose two answers differ. */
export interface OwnershipDifference {
  readonly path: string;
  /** What the reference says (ops-roles.yaml, or the original CODEOWNERS for an import). */
  readonly expected: readonly string[];
  /** What the reader under test says. */
  readonly actual: readonly string[];
  /** The reader under test (its `reading`). */
  readonly reading: string;
  /** 1-based line of the entry or rule that decided `actual`, when one did. */
  readonly line: number | undefined;
}

/** The outcome of comparing every file. */
export interface OwnershipProof {
  /** Files compared (each with every reader). */
  readonly filesCompared: number;
  /** The readers' names, in the order they were asked. */
  readonly readings: readonly string[];
  /** Differing answers over all readers (a file counts once per reader that differs). */
  readonly differenceCount: number;
  /** The first differences, in file-list order, at most {@link MAX_REPORTED_DIFFERENCES}. */
  readonly differences: readonly OwnershipDifference[];
  readonly ok: boolean;
  /** Wall-clock milliseconds the comparison took. */
  readonly millis: number;
}

/** How many differing files a proof keeps for its report. */
export const MAX_REPORTED_DIFFERENCES = 20;

/** Do two owner lists name the same owners (order and repeats ignored)? */
export function sameOwners(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === b.length && a.every((o, i) => o === b[i])) return true;
  const left = new Set(a);
  const right = new Set(b);
  if (left.size !== right.size) return false;
  for (const o of left) if (!right.has(o)) return false;
  return true;
}

/** A reader over CODEOWNERS text with GitHub's or GitLab's semantics. */
export function codeownersReader(text: string, flavor: Flavor): OwnershipReader {
  return parsedCodeownersReader(parseCodeowners(text, flavor));
}

/** {@link codeownersReader} over a file already parsed, for callers that read its problems too. */
export function parsedCodeownersReader(file: CodeownersFile): OwnershipReader {
  const resolver = codeownersResolver(file);
  return {
    reading: flavorName(file.flavor),
    resolve(path) {
      const m = resolver.resolve(path);
      return { owners: m.owners, line: m.entries[m.entries.length - 1]?.line };
    },
  };
}

/** A reader over an `ops-roles.yaml` model (its own, GitHub-like, semantics). */
export function modelReader(model: OwnershipModel, reading = 'ops-roles.yaml'): OwnershipReader {
  return {
    reading,
    resolve(path) {
      const o = model.resolve(path);
      return { owners: o.owners, line: o.rule?.range?.line };
    },
  };
}

/** Compare `expected(path)` with each reader's answer for every file. */
export function compareOwnership(files: readonly string[], expected: (path: string) => readonly string[], readers: readonly OwnershipReader[]): OwnershipProof {
  const started = Date.now();
  const differences: OwnershipDifference[] = [];
  let differenceCount = 0;
  let compared = 0;
  for (const raw of files) {
    const path = normalizePath(raw);
    if (path === '') continue;
    compared++;
    const want = expected(path);
    for (const reader of readers) {
      const got = reader.resolve(path);
      if (sameOwners(want, got.owners)) continue;
      differenceCount++;
      if (differences.length < MAX_REPORTED_DIFFERENCES) {
        differences.push({ path, expected: want, actual: got.owners, reading: reader.reading, line: got.line });
      }
    }
  }
  return {
    filesCompared: compared,
    readings: readers.map((r) => r.reading),
    differenceCount,
    differences,
    ok: differenceCount === 0,
    millis: Date.now() - started,
  };
}

/** Owners as shown in reports. */
export function showOwners(owners: readonly string[]): string {
  return owners.length ? owners.join(' ') : '(no owners)';
}

/** One readable line for a difference: `path: ops-roles.yaml says A; CODEOWNERS (GitLab, line 7) says B`. */
export function describeDifference(d: OwnershipDifference, expectedLabel: string, actualLabel: string): string {
  const at = d.line ? `, line ${d.line}` : '';
  return `${d.path}: ${expectedLabel} says ${showOwners(d.expected)}; ${actualLabel} (${d.reading}${at}) says ${showOwners(d.actual)}`;
}
