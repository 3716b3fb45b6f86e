/**
 * The sidebar's pure parts: folder levels over sorted path lists (what the trees show when a row
 * is expanded, and the chain reveal walks), each role's files, the wording of role and rule rows,
 * and the Coverage view's problem groups and badge. The views only map these to tree items.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCodeownersModel } from '../../src/core/codeownersModel';
import type { CheckResult } from '../../src/core/check';
import { parseConfig } from '../../src/core/config';
import { computeCoverage, OwnershipModel } from '../../src/core/ownership';
import { folderChain, folderLevel, prefixRange } from '../../src/editor/sidebar/fileTree';
import {
  driftSummary,
  effectiveHolders,
  groupFilesByRole,
  groupFilesByRoleInChunks,
  ROLE_FILES_CHUNK,
  holderKind,
  overriddenRules,
  problemBadge,
  problemGroups,
  roleDescription,
  ruleDescription,
  ruleLabel,
} from '../../src/editor/sidebar/sidebarData';
import { corpusDir, PROJECT_DIR } from './paths';

const exampleText = readFileSync(join(PROJECT_DIR, 'examples/ops-roles.yaml'), 'utf8');
const example = parseConfig(exampleText).config;
const model = new OwnershipModel(example);
const exampleFiles = execFileSync('git', ['ls-files', 'examples'], { cwd: PROJECT_DIR, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map((p) => p.slice('examples/'.length))
  .sort();

const LIST = [
  'README.md',
  'a/b/c/one.ts',
  'a/b/c/two.ts',
  'a/x.ts',
  'a/x/y.ts',
  'a-b/z.ts',
  'deep/only/child/file.txt',
  'm/1.ts',
  'm/n/2.ts',
  'm/n/3.ts',
].sort();

describe('prefixRange', () => {
  it.each([
    ['', 0, LIST.length],
    ['a/', LIST.indexOf('a/b/c/one.ts'), LIST.indexOf('a/x/y.ts') + 1],
    ['a/b/', LIST.indexOf('a/b/c/one.ts'), LIST.indexOf('a/b/c/two.ts') + 1],
    ['m/n/', LIST.indexOf('m/n/2.ts'), LIST.indexOf('m/n/3.ts') + 1],
    ['nope/', LIST.length, LIST.length],
  ])('%j', (prefix, start, end) => {
    expect(prefixRange(LIST, prefix)).toEqual([start, end]);
  });
});

describe('folderLevel', () => {
  it('lists subfolders (compacting chains that hold nothing else) and the files at the top', () => {
    const top = folderLevel(LIST, '');
    // In list order ("a-b/" sorts before "a/" by code units); the tree sorts rows for display.
    expect(top.folders.map((f) => [f.label, f.prefix, f.end - f.start])).toEqual([
      ['a-b', 'a-b/', 1],
      ['a', 'a/', 4],
      ['deep/only/child', 'deep/only/child/', 1],
      ['m', 'm/', 3],
    ]);
    expect(top.files).toEqual(['README.md']);
  });

  it('lists a level below, where "a/x.ts" and the folder "a/x/" are different rows', () => {
    const a = folderLevel(LIST, 'a/');
    expect(a.folders.map((f) => [f.label, f.prefix])).toEqual([
      ['b/c', 'a/b/c/'],
      ['x', 'a/x/'],
    ]);
    expect(a.files).toEqual(['a/x.ts']);
    expect(folderLevel(LIST, 'a/b/c/').files).toEqual(['a/b/c/one.ts', 'a/b/c/two.ts']);
  });

  it('accounts for every path of the level exactly once (property)', () => {
    const segment = fc.constantFrom('a', 'b', 'a-b', 'a.b', 'B', 'x y', 'é');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(fc.uniqueArray(path, { minLength: 1, maxLength: 40 }), (paths) => {
        // A path cannot be both a file and a folder.
        const files = paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`))).sort();
        const walk = (prefix: string, from?: number, to?: number): string[] => {
          const level = folderLevel(files, prefix, from, to);
          for (const f of level.folders) expect(f.end).toBeGreaterThan(f.start);
          return [...level.files, ...level.folders.flatMap((f) => walk(f.prefix, f.start, f.end))];
        };
        expect(walk('').sort()).toEqual(files);
        for (const file of files) {
          const chain = folderChain(files, file)!;
          // The chain is the rows a user expands: each is a folder row of the level above.
          let prefix = '';
          for (const step of chain) {
            expect(folderLevel(files, prefix).folders.map((f) => f.prefix)).toContain(step);
            prefix = step;
          }
          expect(folderLevel(files, prefix).files).toContain(file);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('folderChain is undefined for a path the list does not hold', () => {
    expect(folderChain(LIST, 'a/b')).toBeUndefined();
    expect(folderChain(LIST, 'zzz')).toBeUndefined();
    expect(folderChain(LIST, 'README.md')).toEqual([]);
    expect(folderChain(LIST, 'm/n/3.ts')).toEqual(['m/', 'm/n/']);
  });

  it('expands the top of a 151k-file list without visiting every file, and finds any file again', () => {
    const files = readFileSync(join(corpusDir('synthetic-monorepo'), 'files.txt'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .sort();
    let compared = 0;
    const counting = new Proxy(files, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) compared++;
        return Reflect.get(target, key, receiver);
      },
    });
    const top = folderLevel(counting, '');
    expect(top.folders.reduce((n, f) => n + f.end - f.start, 0) + top.files.length).toBe(files.length);
    // Binary searches per row, not a pass over 151k paths.
    expect(compared).toBeLessThan(100 * (top.folders.length + top.files.length + 1));
    for (let i = 0; i < files.length; i += 997) {
      const chain = folderChain(files, files[i]!)!;
      const last = chain[chain.length - 1] ?? '';
      expect(folderLevel(files, last).files).toContain(files[i]);
    }
  });
});

describe("each role's files", () => {
  const files = groupFilesByRole(exampleFiles, (p) => model.resolve(p), example.rules.length);

  it("buckets the example's files by the roles of their deciding rule, sorted", () => {
    expect(files.byRole.get('database-administrator')).toEqual(['db/seed.sql', 'migrations/001_create_payments.sql', 'migrations/002_add_refunds.sql']);
    expect(files.byRole.get('security-reviewer')).toEqual(['src/api/auth/session.ts']);
    // A rule with two roles gives its files to both.
    expect(files.byRole.get('release-manager')).toEqual(['.github/workflows/release-prod.yml', 'CHANGELOG.md', 'deploy/k8s/api.yaml', 'deploy/release.sh']);
    expect(files.byRole.get('operations-engineer')).toEqual(expect.arrayContaining([...files.byRole.get('release-manager')!]));
    const total = files.byRule.reduce((n, c) => n + c, 0);
    expect(total).toBe(exampleFiles.length);
  });

  it('gives the same buckets in chunks, breathing between them, and stops when told the input went stale', async () => {
    const many = Array.from({ length: ROLE_FILES_CHUNK * 2 + 7 }, (_, i) => `${exampleFiles[i % exampleFiles.length]}.${String(i).padStart(6, '0')}`).sort();
    const resolve = (p: string) => model.resolve(p.replace(/\.\d{6}$/, ''));
    let breaths = 0;
    const chunked = await groupFilesByRoleInChunks(many, resolve, example.rules.length, async () => {
      breaths++;
      return true;
    });
    expect(breaths).toBe(2);
    expect(chunked).toEqual(groupFilesByRole(many, resolve, example.rules.length));
    expect(await groupFilesByRoleInChunks(many, resolve, example.rules.length, async () => false)).toBeUndefined();
  });

  it('agrees with the core coverage on how many files each role owns', () => {
    const cov = computeCoverage(model, exampleFiles);
    for (const [role, n] of cov.filesByRole) expect(files.byRole.get(role)?.length, role).toBe(n);
  });
});

describe('row wording', () => {
  it.each([
    ['database-administrator', 3, '2 holders · 3 files'],
    ['release-manager', 4, 'nobody → DevOps engineer · 4 files'],
    ['devops-engineer', 1, '1 holder · 1 file'],
    ['tool-smith', 0, '1 holder · no files'],
    ['security-reviewer', undefined, '1 holder · counting files…'],
  ])('%s with %s files: %s', (role, n, text) => {
    expect(roleDescription(example, role, n)).toBe(text);
  });

  it('says when a vacant role has no fallback either', () => {
    const config = parseConfig('roles:\n  release-manager: []\nfallback: []\nownership:\n  - path: "*"\n    roles: [release-manager]\n').config;
    expect(roleDescription(config, 'release-manager', 2)).toBe('nobody, no fallback · 2 files');
    expect(effectiveHolders(config, 'release-manager')).toEqual([]);
  });

  it('names holders by kind and staffs vacant roles through the fallback', () => {
    expect(['@acme/dba', '@alice', 'dba-oncall@acme.example'].map(holderKind)).toEqual(['team', 'person', 'e-mail']);
    expect(effectiveHolders(example, 'release-manager')).toEqual(['@alice']);
  });

  it('labels a rule by its patterns and line', () => {
    const rule = example.rules.find((r) => r.roles.includes('release-manager'))!;
    expect(ruleLabel(rule)).toBe('deploy/, .github/workflows/release*.yml, CHANGELOG.md');
    expect(ruleDescription(rule, 4)).toBe('line 28 · 4 files');
  });

  it("lists the rules a file's deciding rule overrides, latest first", () => {
    const path = '.github/workflows/release-prod.yml';
    const o = model.resolve(path);
    const overridden = overriddenRules(o, model.explain(path));
    expect(overridden.map((r) => ruleLabel(r))).toEqual(['.github/workflows/, tools/, Makefile', '*']);
  });
});

describe('coverage problems', () => {
  const cov = computeCoverage(model, exampleFiles);

  it("finds the example's vacant and single-holder roles, and counts them on the badge", () => {
    const groups = problemGroups(cov);
    expect(groups.map((g) => [g.kind, g.count])).toEqual([
      ['unheld', 1],
      ['single-holder', 1],
    ]);
    expect(problemBadge(groups)).toEqual({ value: 2, tooltip: '1 role nobody holds, 1 role held by one person' });
  });

  it('a CODEOWNERS read without ops-roles.yaml: its owners are no single-holder roles, and the fix names CODEOWNERS lines', () => {
    const c = computeCoverage(readCodeownersModel('/docs/ @alice\n/nothing/ @bob\n', '.github/CODEOWNERS'), ['docs/a.md', 'src/a.ts']);
    const groups = problemGroups(c, undefined, true);
    expect(groups.map((g) => [g.kind, g.count, g.fix])).toEqual([
      ['unowned', 1, 'Add a CODEOWNERS line that gives them owners'],
      ['matches-nothing', 1, 'Fix or remove the rule'],
    ]);
  });

  it('counts every unowned file, every rule that matches nothing or never decides, and drift once', () => {
    const config = parseConfig(
      'roles:\n  operations-manager: ["@acme/ops"]\nownership:\n  - path: "docs/"\n    roles: [operations-manager]\n  - path: "nothing-here/"\n    roles: [operations-manager]\n  - path: "docs/"\n    roles: [operations-manager]\n',
    ).config;
    const c = computeCoverage(new OwnershipModel(config), ['docs/a.md', 'src/a.ts', 'src/b.ts']);
    const groups = problemGroups(c, { title: 'No .github/CODEOWNERS yet' });
    expect(groups.map((g) => [g.kind, g.count])).toEqual([
      ['drift', 1],
      ['unowned', 2],
      ['matches-nothing', 1],
      ['shadowed', 1],
    ]);
    expect(problemBadge(groups)).toEqual({
      value: 5,
      tooltip: '1 CODEOWNERS out of date, 2 unowned files, 1 rule matching no file, 1 rule that never decides',
    });
    expect(problemBadge([])).toBeUndefined();
  });

  it("words drift from the check core's verdict", () => {
    const base: CheckResult = { inSync: true, missing: false, proof: undefined, textDiffers: false, handWritten: false, problems: [] };
    const proof = { filesCompared: 5, readings: ['GitHub'], differenceCount: 3, differences: [], ok: false, millis: 1 };
    expect(driftSummary({ ...base, textDiffers: true }, '.github/CODEOWNERS')).toBeUndefined();
    expect(driftSummary({ ...base, inSync: false, missing: true }, '.github/CODEOWNERS')).toEqual({ title: 'No .github/CODEOWNERS yet' });
    expect(driftSummary({ ...base, inSync: false, proof }, 'CODEOWNERS')).toEqual({ title: 'CODEOWNERS is out of date: 3 files get other owners' });
    const tooLarge = {
      code: 'too-large',
      severity: 'error' as const,
      message: 'the CODEOWNERS is 3,100,000 bytes',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
    };
    expect(driftSummary({ ...base, inSync: false, problems: [tooLarge] }, 'CODEOWNERS')).toEqual({ title: tooLarge.message });
  });
});
