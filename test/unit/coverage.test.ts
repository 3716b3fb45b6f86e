/**
 * Coverage over a file list: counted in one go or a file at a time (as the editor does, in
 * slices between which the extension host answers the workbench), it is what the plain
 * definition gives: every pattern tested against every file, the last match deciding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCodeownersModel } from '../../src/core/codeownersModel';
import { computeCoverage, CoverageTally, type Coverage, type OwnershipModel } from '../../src/core/ownership';
import { compilePattern } from '../../src/core/pattern';
import { inSlices, matchingFiles, SLICE_MS } from '../../src/editor/slices';
import { corpusDir } from './paths';

/** Coverage by the definition: no rule index, no shortcut. */
function plainCoverage(model: OwnershipModel, files: readonly string[]): Pick<Coverage, 'ownedFiles' | 'filesByRule' | 'matchedByRule'> {
  const compiled = model.flat.map((f) => compilePattern(f.pattern, 'github'));
  const filesByRule = model.config.rules.map(() => 0);
  const matchedByRule = model.config.rules.map(() => 0);
  let owned = 0;
  for (const file of files) {
    const rules = new Set<number>();
    let last = -1;
    compiled.forEach((c, i) => {
      if (!c.match(file)) return;
      rules.add(model.flat[i]!.rule.index);
      last = i;
    });
    for (const r of rules) matchedByRule[r]!++;
    if (last === -1) continue;
    owned++;
    filesByRule[model.flat[last]!.rule.index]!++;
  }
  return { ownedFiles: owned, filesByRule, matchedByRule };
}

const corpus = (name: string): { model: OwnershipModel; files: string[] } => {
  const dir = corpusDir(name);
  const files = readFileSync(join(dir, 'files.txt'), 'utf8').split('\n').filter(Boolean);
  return { model: readCodeownersModel(readFileSync(join(dir, 'CODEOWNERS'), 'utf8'), '.github/CODEOWNERS', 'github'), files };
};

describe('coverage', () => {
  for (const name of ['esphome', 'integrations-extras']) {
    it(`over the ${name} corpus: what the plain definition counts, in one go or a file at a time`, () => {
      const { model, files } = corpus(name);
      const whole = computeCoverage(model, files);
      expect({ ownedFiles: whole.ownedFiles, filesByRule: whole.filesByRule, matchedByRule: whole.matchedByRule }).toEqual(plainCoverage(model, files));
      const tally = new CoverageTally(model);
      for (const file of files) tally.add(file);
      expect(tally.result()).toEqual(whole);
      expect(whole.totalFiles).toBe(files.length);
    });
  }
});

describe('inSlices', () => {
  const busy = (ms: number): void => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };

  it('runs every step in order and lets other work run between slices', async () => {
    const done: number[] = [];
    let otherRan = false;
    setImmediate(() => (otherRan = true));
    // Four slices' worth of steps.
    const steps = 4 * SLICE_MS * 20;
    const complete = await inSlices(
      steps,
      (i) => {
        done.push(i);
        busy(0.05);
      },
      () => true,
    );
    expect(complete).toBe(true);
    expect(done).toEqual(Array.from({ length: steps }, (_, i) => i));
    expect(otherRan).toBe(true);
  });

  it('stops at the next slice once the work is no longer wanted', async () => {
    let steps = 0;
    const complete = await inSlices(
      100_000,
      () => {
        steps++;
        busy(0.01);
      },
      () => false,
    );
    expect(complete).toBe(false);
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(100_000);
  });

  it('runs a short list in one go', async () => {
    let otherRan = false;
    setImmediate(() => (otherRan = true));
    expect(
      await inSlices(
        3,
        () => undefined,
        () => false,
      ),
    ).toBe(true);
    expect(otherRan).toBe(false);
  });
});

describe('matchingFiles (a hover over a pattern)', () => {
  it('finds what testing every file finds, in list order, and counts the ones a rule decides', async () => {
    const { model, files } = corpus('esphome');
    // Each rule's first pattern, as the hover over it tests it.
    for (const flat of model.flat.filter((f, i, all) => all.findIndex((g) => g.rule === f.rule) === i).slice(0, 40)) {
      const compiled = compilePattern(flat.pattern, 'github');
      const decides = (f: string): boolean => model.resolve(f).rule === flat.rule;
      const found = await matchingFiles(
        files,
        (f) => compiled.match(f),
        decides,
        () => true,
      );
      const matched = files.filter((f) => compiled.match(f));
      expect(found).toEqual({ matched, decided: matched.filter(decides).length });
    }
  });

  it('lets other work run while it tests a long list, and stops once it is no longer wanted', async () => {
    const busy = (ms: number): void => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    // Four slices' worth of testing.
    const files = Array.from({ length: 4 * SLICE_MS * 500 }, (_, i) => `dir${i % 97}/file${i}.ts`);
    const slowly = (f: string): boolean => (busy(0.002), f.endsWith('7.ts'));
    let otherRan = false;
    setImmediate(() => (otherRan = true));
    const all = await matchingFiles(
      files,
      slowly,
      () => true,
      () => true,
    );
    expect(otherRan).toBe(true);
    expect(all).toEqual({ matched: files.filter((f) => f.endsWith('7.ts')), decided: files.length / 10 });
    let asked = 0;
    let tested = 0;
    const cancelled = await matchingFiles(
      files,
      (f) => (tested++, slowly(f)),
      () => true,
      () => ++asked < 2,
    );
    expect(cancelled).toBeUndefined();
    expect(tested).toBeLessThan(files.length);
  });
});
