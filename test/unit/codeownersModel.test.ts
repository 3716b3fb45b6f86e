import { describe, expect, it } from 'vitest';
import { readCodeownersModel } from '../../src/core/codeownersModel';
import { computeCoverage } from '../../src/core/ownership';

const GITHUB = ['# owners', '*       @acme/ops', '/db/    @acme/dba @alice', '/db/readme.md', ''].join('\n');

describe('a GitHub CODEOWNERS as an ownership model', () => {
  const model = readCodeownersModel(GITHUB, '.github/CODEOWNERS');

  it('each owner is a role held by that owner; each line a rule at its line', () => {
    expect(model.config.codeownersSource).toEqual({ path: '.github/CODEOWNERS', flavor: 'github' });
    expect([...model.config.roles.keys()]).toEqual(['@acme/ops', '@acme/dba', '@alice']);
    expect(model.config.rules.map((r) => [r.range?.line, r.roles])).toEqual([
      [2, ['@acme/ops']],
      [3, ['@acme/dba', '@alice']],
      [4, []],
    ]);
    expect(model.config.rules[1]!.range).toMatchObject({ line: 3, column: 1, offset: GITHUB.indexOf('/db/') });
  });

  it('the last matching line decides, and its owners are the owners', () => {
    const o = model.resolve('db/schema.sql');
    expect(o.owners).toEqual(['@acme/dba', '@alice']);
    expect(o.rule?.range?.line).toBe(3);
    expect(o.assignments.every((a) => a.fellBackTo === undefined)).toBe(true);
    expect(model.resolve('src/x.ts').owners).toEqual(['@acme/ops']);
  });

  it('a line without owners decides that the file has none', () => {
    const o = model.resolve('db/readme.md');
    expect(o.rule?.range?.line).toBe(4);
    expect(o.owners).toEqual([]);
  });
});

describe('a GitLab CODEOWNERS as an ownership model', () => {
  const TEXT = ['[Ops] @acme/ops', '*', '!/docs/', '[Data]', '/db/ @acme/dba', ''].join('\n');
  const model = readCodeownersModel(TEXT, 'CODEOWNERS');

  it('sections make it GitLab; owners are the union over sections', () => {
    expect(model.config.codeownersSource?.flavor).toBe('gitlab');
    expect(model.resolve('db/a.sql').owners).toEqual(['@acme/ops', '@acme/dba']);
    expect(model.resolve('db/a.sql').rule?.range?.line).toBe(5);
  });

  it('an exclusion takes a file out of its section; coverage counts it as the resolver says', () => {
    expect(model.resolve('docs/a.md').owners).toEqual([]);
    const coverage = computeCoverage(model, ['db/a.sql', 'docs/a.md', 'x.ts']);
    expect(coverage.unownedFiles).toEqual(['docs/a.md']);
    expect(coverage.filesByRule).toEqual([1, 1]);
  });

  it('the setting decides a root CODEOWNERS without sections', () => {
    expect(readCodeownersModel('/a @x\n', 'CODEOWNERS', 'gitlab').config.codeownersSource?.flavor).toBe('gitlab');
    expect(readCodeownersModel('/a @x\n', 'CODEOWNERS').config.codeownersSource?.flavor).toBe('github');
  });
});
