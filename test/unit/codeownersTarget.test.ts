import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import {
  checkCodeownersPath,
  CODEOWNERS_CANDIDATES,
  codeownersDialect,
  defaultCodeownersPath,
  flavorName,
  otherFlavor,
  type DialectHints,
} from '../../src/core/codeownersTarget';
import type { Flavor } from '../../src/core/pattern';

describe('flavor names and defaults', () => {
  it.each<[Flavor, string, Flavor, string]>([
    ['github', 'GitHub', 'gitlab', '.github/CODEOWNERS'],
    ['gitlab', 'GitLab', 'github', '.gitlab/CODEOWNERS'],
  ])('%s', (flavor, name, other, path) => {
    expect(flavorName(flavor)).toBe(name);
    expect(otherFlavor(flavor)).toBe(other);
    expect(defaultCodeownersPath(flavor)).toBe(path);
  });

  it('an import looks where either host reads, GitHub first, each place once', () => {
    expect(CODEOWNERS_CANDIDATES).toEqual(['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']);
  });
});

describe('codeownersDialect', () => {
  const SECTIONS = '[Backend]\n/api/ @b\n';
  it.each<[string, string, DialectHints, Flavor]>([
    ['.gitlab/ is GitLab', '.gitlab/CODEOWNERS', {}, 'gitlab'],
    ['.github/ is GitHub', '.github/CODEOWNERS', {}, 'github'],
    ['an absolute path, as the editor has it', '/home/u/repo/.gitlab/CODEOWNERS', {}, 'gitlab'],
    ['a Windows path', 'C:\\repo\\.gitlab\\CODEOWNERS', {}, 'gitlab'],
    ['the location wins over a configured target', '.github/CODEOWNERS', { configured: 'gitlab' }, 'github'],
    ['the location wins over section headers', '.github/CODEOWNERS', { text: SECTIONS }, 'github'],
    ['a file both hosts read follows the configuration', 'CODEOWNERS', { configured: 'gitlab' }, 'gitlab'],
    ['the configuration wins over the text', 'docs/CODEOWNERS', { configured: 'github', text: SECTIONS }, 'github'],
    ['else section headers say GitLab', 'CODEOWNERS', { text: SECTIONS }, 'gitlab'],
    ['an optional section with an approval count', 'CODEOWNERS', { text: '* @a\n^[Docs][2] @d\n' }, 'gitlab'],
    ['a bracket pattern with owners is no section', 'CODEOWNERS', { text: '/[abc]/ @a\n' }, 'github'],
    ['else GitHub', 'CODEOWNERS', { text: '* @a\n' }, 'github'],
    ['nothing known: GitHub', 'CODEOWNERS', {}, 'github'],
  ])('%s', (_name, path, hints, expected) => {
    expect(codeownersDialect(path, hints)).toBe(expected);
  });
});

describe('checkCodeownersPath: the one rule for where a CODEOWNERS may be written', () => {
  it.each<[string, string | undefined]>([
    ['.github/CODEOWNERS', '.github/CODEOWNERS'],
    ['CODEOWNERS', 'CODEOWNERS'],
    ['docs\\CODEOWNERS', 'docs/CODEOWNERS'],
    ['.gitignore-like/.github/CODEOWNERS', '.gitignore-like/.github/CODEOWNERS'],
    ['/etc/CODEOWNERS', undefined],
    ['C:/x/CODEOWNERS', undefined],
    ['c:CODEOWNERS', undefined],
    ['docs/../../x', undefined],
    ['..\\x', undefined],
    ['.git/hooks/pre-commit', undefined],
    ['sub/.GIT/config', undefined],
    ['a\u0000b', undefined],
    ['a\nb', undefined],
  ])('%j', (path, expected) => {
    const checked = checkCodeownersPath(path, 'codeowners.path');
    expect(checked.ok ? checked.path : undefined).toBe(expected);
    if (!checked.ok) expect(checked.message).toMatch(/^codeowners\.path must /);
  });

  it('is what ops-roles.yaml is held to', () => {
    for (const path of ['/etc/CODEOWNERS', '.git/config', 'docs/../../x']) {
      const { problems, config } = parseConfig(`codeowners:\n  path: ${JSON.stringify(path)}\n`);
      expect(problems.map((p) => [p.code, p.message])).toEqual([
        ['bad-output-path', (checkCodeownersPath(path, 'codeowners.path') as { message: string }).message],
      ]);
      expect(config.codeowners.path).toBeUndefined();
    }
  });
});
