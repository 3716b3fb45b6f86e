/**
 * Import (CODEOWNERS → ops-roles.yaml, proved) and init (a starter from the layout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeownersResolver, parseCodeowners } from '../../src/core/codeowners';
import { parseConfig } from '../../src/core/config';
import { generateCodeowners } from '../../src/core/generate';
import { importCodeowners, UNOWNED_ROLE_ID } from '../../src/core/importCodeowners';
import { pathHint, teamHint } from '../../src/core/roleVocabulary';
import { initConfig } from '../../src/core/init';
import { OwnershipModel } from '../../src/core/ownership';
import { sameOwners } from '../../src/core/ownershipProof';
import type { Flavor } from '../../src/core/pattern';
import { EXAMPLE_FILES, ORACLE_DIR, PROJECT_DIR } from './paths';

/** Parse the imported text and check it resolves every file as the CODEOWNERS does (independently of the import's own proof). */
function resolvesLike(yamlText: string, codeowners: string, files: readonly string[], flavor: Flavor = 'github') {
  const parsed = parseConfig(yamlText);
  expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const model = new OwnershipModel(parsed.config);
  const original = codeownersResolver(parseCodeowners(codeowners, flavor));
  const differing = files.filter((f) => !sameOwners(model.resolve(f).owners, original.resolve(f).owners));
  expect(differing).toEqual([]);
  return parsed.config;
}

describe('pathHint and teamHint: the small keyword table', () => {
  it.each([
    ['/migrations/', 'database-administrator'],
    ['*.sql', 'database-administrator'],
    ['services/api/db/', 'database-administrator'],
    ['/deploy/', 'release-manager'],
    ['.github/workflows/release*.yml', 'release-manager'],
    ['.github/workflows/', 'tool-smith'],
    ['/.github/CODEOWNERS', 'tool-smith'],
    ['/.gitlab-ci.yml', 'tool-smith'],
    ['/infra/terraform/', 'operations-engineer'],
    ['/k8s/*.yaml', 'operations-engineer'],
    ['examples/migrations_api_errors', undefined],
    ['/src/', undefined],
  ])('%s → %s', (pattern, role) => {
    expect(pathHint(pattern)?.role).toBe(role);
  });
  it.each([
    ['@acme/dba', 'database-administrator'],
    ['dba-oncall@acme.example', 'database-administrator'],
    ['@acme/release-eng', 'release-manager'],
    ['@acme/sre', 'operations-engineer'],
    ['@acme/ci-tooling', 'tool-smith'],
    ['@acme/devops', 'devops-engineer'],
    ['@dba', undefined],
    ['@acme/web', undefined],
    ['@acme/release-sre', undefined],
  ])('%s → %s', (owner, role) => {
    expect(teamHint(owner)?.role).toBe(role);
  });
});

describe('importCodeowners', () => {
  const codeowners = [
    '# Everything else',
    '* @acme/everyone',
    '',
    '# Data',
    '/migrations/ @acme/dba',
    '*.sql @acme/dba',
    '/deploy/ @alice',
    '/.github/ @bob',
    '/infra/ @acme/sre',
    '/docs/',
    '/src/{legacy}/ @carol',
    '/apps/[slug]/ @carol',
    '/src/web/ @alice',
  ].join('\n');
  const files = [
    'README.md',
    'migrations/1.sql',
    'src/q.sql',
    'deploy/x.sh',
    '.github/workflows/ci.yml',
    'infra/main.tf',
    'docs/a.md',
    'docs/sub/b.md',
    'src/{legacy}/a.ts',
    'src/l/a.ts',
    'apps/[slug]/page.tsx',
    'apps/s/page.tsx',
    'src/web/index.html',
  ];

  it('gives built-in roles only where a team name says so, one role per team or group otherwise, in rule order', () => {
    const result = importCodeowners(codeowners, files, { sourcePath: '.github/CODEOWNERS' });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.proof).toMatchObject({ ok: true, filesCompared: files.length, differenceCount: 0 });
    expect(result.roles.map((r) => [r.id, r.holders, r.builtin])).toEqual([
      ['operations-engineer', ['@acme/sre'], true],
      ['database-administrator', ['@acme/dba'], true],
      ['everyone', ['@acme/everyone'], false],
      // Paths alone (/deploy/, /.github/) no longer make anyone a release manager or tool smith.
      ['deploy-maintainers', ['@alice'], false],
      ['github-maintainers', ['@bob'], false],
      ['slug-maintainers', ['@carol'], false],
      [UNOWNED_ROLE_ID, [], false],
    ]);
    expect(result.roles.find((r) => r.id === 'database-administrator')!.reason).toBe('the team name @acme/dba says so ("dba")');
    const config = resolvesLike(result.text, codeowners, files);
    expect(config.rules.map((r) => r.roles[0])).toEqual([
      'everyone',
      'database-administrator',
      'database-administrator',
      'deploy-maintainers',
      'github-maintainers',
      'operations-engineer',
      UNOWNED_ROLE_ID,
      'slug-maintainers',
      'slug-maintainers',
      'deploy-maintainers',
    ]);
    expect(config.rules.map((r) => r.patterns[0]!.source)).toEqual([
      '*',
      '/migrations/',
      '*.sql',
      '/deploy/',
      '/.github/',
      '/infra/',
      '/docs/',
      '/src/\\{legacy\\}/',
      '/apps/\\[slug\\]/',
      '/src/web/',
    ]);
  });

  it('keeps lines without owners unowned: an unheld role and an empty fallback chain', () => {
    const result = importCodeowners(codeowners, files);
    const parsed = parseConfig(result.text);
    expect(parsed.config.fallback).toEqual([]);
    const model = new OwnershipModel(parsed.config);
    expect(model.resolve('docs/sub/b.md')).toMatchObject({ roles: [UNOWNED_ROLE_ID], owners: [] });
    // Without the empty chain the same rules would hand those files to someone: the proof is what catches it.
    const withDefaultChain = parseConfig(result.text.replace('fallback: []', '').replace('roles:\n', 'roles:\n  devops-engineer: ["@devops"]\n')).config;
    expect(new OwnershipModel(withDefaultChain).resolve('docs/sub/b.md').owners).toEqual(['@devops']);
  });

  it('writes comments: a header, the reason for each built-in role, and the CODEOWNERS comments before their rules', () => {
    const { text } = importCodeowners(codeowners, files, { sourcePath: 'CODEOWNERS' });
    expect(text).toMatch(/^# Imported from CODEOWNERS by "ops-roles import"\./);
    expect(text).toContain('  # database-administrator: @acme/dba, because the team name @acme/dba says so ("dba")\n  database-administrator: ["@acme/dba"]\n');
    expect(text).toContain('ownership:\n  # Everything else\n  - path: "*"\n');
    expect(text).toContain('\n  # Data\n  - path: "/migrations/"\n');
    // Not the default location: generate is pointed back at it.
    expect(text).toContain('codeowners:\n  target: github\n  path: CODEOWNERS\n');
  });

  it('round-trips the generated example CODEOWNERS (for both targets)', () => {
    const example = parseConfig(readFileSync(join(PROJECT_DIR, 'examples/ops-roles.yaml'), 'utf8')).config;
    for (const target of ['github', 'gitlab'] as const) {
      const generated = generateCodeowners(example, EXAMPLE_FILES, { target }).text;
      const result = importCodeowners(generated, EXAMPLE_FILES, { flavor: 'github' });
      expect(result.ok).toBe(true);
      const config = resolvesLike(result.text, generated, EXAMPLE_FILES);
      const model = new OwnershipModel(example);
      const back = new OwnershipModel(config);
      for (const f of EXAMPLE_FILES) expect(sameOwners(back.resolve(f).owners, model.resolve(f).owners)).toBe(true);
    }
  });

  it('imports every GitHub file case of the oracle to a config that resolves like it', () => {
    const cases: { codeowners: string; path: string; flavor: Flavor }[] = JSON.parse(readFileSync(join(ORACLE_DIR, 'codeowners-files.json'), 'utf8'));
    const byText = new Map<string, string[]>();
    for (const c of cases.filter((x) => x.flavor === 'github')) byText.set(c.codeowners, [...(byText.get(c.codeowners) ?? []), c.path.replace(/^\/+/, '')]);
    expect(byText.size).toBeGreaterThan(5);
    let imported = 0;
    for (const [text, paths] of byText) {
      const result = importCodeowners(text, paths);
      const errors = result.problems.filter((p) => p.severity === 'error');
      if (errors.length) {
        // Only lines ops-roles.yaml refuses by design may stop an import.
        expect(errors.map((e) => e.code)).toEqual(errors.map(() => 'unrepresentable-pattern'));
        continue;
      }
      expect(result.proof!.differences).toEqual([]);
      resolvesLike(result.text, text, paths);
      imported++;
    }
    expect(imported).toBeGreaterThan(byText.size / 2);
  });

  it('refuses what ops-roles.yaml cannot say, with the CODEOWNERS line', () => {
    const result = importCodeowners('* @a\n\\#notes @b\n', ['#notes', 'x']);
    expect(result.ok).toBe(false);
    expect(result.problems.find((p) => p.severity === 'error')).toMatchObject({ code: 'unrepresentable-pattern', line: 2 });
  });

  it('makes role ids valid, kebab-case, unique and free of counters', () => {
    const text = [
      '/a/ @Org/Web_Team',
      '/b/ @other/web-team',
      '/c/ @1password',
      '/d/ support@x.example',
      '/e/ @a @b @c @d',
      '/f/ @org/tool-smith @someone',
    ].join('\n');
    const result = importCodeowners(text, ['a/1', 'b/1', 'c/1', 'd/1', 'e/1', 'f/1']);
    expect(result.ok).toBe(true);
    const ids = result.roles.map((r) => r.id);
    // Two teams called web-team: neither gets the bare name, so neither name depends on line order.
    expect(ids).toEqual(['org-web-team', 'other-web-team', 'c-maintainers', 'd-maintainers', 'e-maintainers', 'org-tool-smith', 'f-maintainers']);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
  });

  describe('GitLab', () => {
    it('imports a file with one section, translating floating patterns', () => {
      const text = '[Operations]\ndocs/* @docs\n/db/ @acme/dba\nREADME.md @readme\n';
      const files = ['docs/a.md', 'x/docs/b.md', 'docs/x/c.md', 'db/s.sql', 'README.md', 'sub/README.md'];
      const result = importCodeowners(text, files, { flavor: 'gitlab', sourcePath: '.gitlab/CODEOWNERS' });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const config = resolvesLike(result.text, text, files, 'gitlab');
      expect(config.rules.map((r) => r.patterns[0]!.source)).toEqual(['/**/docs/*', '/db/', '/**/README.md']);
      expect(config.codeowners.target).toBe('gitlab');
    });
    it('refuses several sections and exclusions', () => {
      expect(importCodeowners('[A]\n* @a\n[B]\n/docs/ @b\n', ['x'], { flavor: 'gitlab' }).problems.map((p) => p.code)).toContain('gitlab-sections');
      expect(importCodeowners('* @a\n!/docs/\n', ['x'], { flavor: 'gitlab' }).problems.map((p) => p.code)).toContain('gitlab-exclusion');
    });
  });
});

describe('initConfig', () => {
  it('proposes rules for the typical paths the repository has, anchored where only the root has them', () => {
    const result = initConfig(EXAMPLE_FILES);
    expect(result.rules.map((r) => [r.role, r.patterns])).toEqual([
      ['operations-engineer', ['/infra/', 'terraform/', 'k8s/']],
      ['operations-manager', ['/runbooks/']],
      ['tool-smith', ['.github/workflows/', '/tools/', '/Makefile']],
      ['devops-engineer', ['/Dockerfile', '/docker-compose.yml']],
      ['database-administrator', ['/migrations/', '/db/']],
      ['release-manager', ['/deploy/', '/CHANGELOG.md', '.github/workflows/release*.yml']],
    ]);
    const parsed = parseConfig(result.text);
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Placeholders are empty lists with a TODO, and the text says where files go meanwhile.
    expect(result.text).toContain('# TODO: fill in the holders');
    expect(result.text).toContain('fall back to devops-engineer, then operations-manager');
    expect([...parsed.config.roles.values()].every((r) => r.holders.length === 0)).toBe(true);
    expect(new OwnershipModel(parsed.config).resolve('migrations/001_create_payments.sql').roles).toEqual(['database-administrator']);
  });
  it('an empty repository gets no rules but a valid file; GitLab layouts get the GitLab target', () => {
    const empty = initConfig([]);
    expect(empty.rules).toEqual([]);
    expect(parseConfig(empty.text).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(initConfig(['.gitlab-ci.yml', 'src/a.ts']).target).toBe('gitlab');
    expect(initConfig(['.gitlab-ci.yml', '.github/workflows/x.yml']).target).toBe('github');
  });
});
