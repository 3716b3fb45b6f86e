/**
 * The acceptance test, on every corpus (bench/corpora and the generated synthetic
 * monorepo, see bench/corpora/README.md): import its CODEOWNERS,
 * generate CODEOWNERS from the imported ops-roles.yaml (for GitHub and for GitLab), and check
 * that the generated file gives every listed file the same owners as the original CODEOWNERS
 * (read by GitHub, as the corpora's hosts do). The comparisons go through the rule index, one
 * lookup per file, so the 151k-file synthetic corpus stays within seconds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCodeowners } from '../../src/core/generate';
import { importCodeowners } from '../../src/core/importCodeowners';
import { codeownersReader, compareOwnership, describeDifference } from '../../src/core/ownershipProof';
import { CORPORA, corpusDir } from './paths';

describe('corpus round trip: CODEOWNERS → import → generate → same owners for every file', () => {
  it.each(CORPORA)('%s', (name) => {
    const started = Date.now();
    const dir = corpusDir(name);
    const original = readFileSync(join(dir, 'CODEOWNERS'), 'utf8');
    const files = readFileSync(join(dir, 'files.txt'), 'utf8').split('\n').filter(Boolean);

    const imported = importCodeowners(original, files, { sourcePath: '.github/CODEOWNERS' });
    expect(imported.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([]);
    expect(imported.proof).toMatchObject({ ok: true, filesCompared: files.length });
    // The config the import parsed back from its own text (no invalid-result problem above).
    const config = imported.config!;
    // Rule order kept: one rule per CODEOWNERS line, in the same order.
    const patterns = original
      .split('\n')
      .filter((l) => l.trim() && !l.trim().startsWith('#'))
      .map((l) => l.trim().split(/\s+/)[0]!);
    expect(config.rules.map((r) => r.patterns[0]!.source.replace(/\\([{}[\]])/g, '$1'))).toEqual(patterns);
    const entries = patterns.length;

    const reference = codeownersReader(original, 'github');
    const expected = (path: string) => reference.resolve(path).owners;
    const figures: string[] = [];
    for (const target of ['github', 'gitlab'] as const) {
      const generated = generateCodeowners(config, files, { target });
      expect(generated.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([]);
      expect(generated.proof!.ok).toBe(true);
      // Independent of generate's own proof: generated file (target's reading) vs the original.
      const proof = compareOwnership(files, expected, [codeownersReader(generated.text, target)]);
      expect(proof.differences.map((d) => describeDifference(d, 'the original CODEOWNERS', 'the generated one'))).toEqual([]);
      expect(proof.filesCompared).toBe(files.length);
      figures.push(`${target}: ${generated.ruleLines} lines, ${proof.filesCompared} files same owners`);
    }
    // The figures the issue asks for, in the test log.
    console.log(`corpus ${name}: ${files.length} files, ${entries} rules, ${imported.roles.length} roles; ${figures.join('; ')}; ${Date.now() - started} ms`);
  });
});
