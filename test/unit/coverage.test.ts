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
import { inSlices, SLICE_MS } from '../../src/editor/slices';
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
