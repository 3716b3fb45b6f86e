/**
 * Paths as users give them: a stream of records split exactly (no trimming, any chunking), and
 * each record judged against the repository root on its text alone.
 */
import { describe, expect, it } from 'vitest';
import { repositoryPath } from '../../src/core/pattern';

describe('repositoryPath', () => {
  const root = '/srv/checkout';
  it.each([
    ['src/a.ts', 'src/a.ts'],
    [' lead.txt', ' lead.txt'],
    ['trail.txt ', 'trail.txt '],
    ['./src//a.ts', 'src/a.ts'],
    ['a/../b.txt', 'b.txt'],
    ['a/./b/', 'a/b/'],
    ['.github/CODEOWNERS', '.github/CODEOWNERS'],
    ['..x/y', '..x/y'],
    ['/srv/checkout/src/a.ts', 'src/a.ts'],
    ['/srv/checkout/../checkout/x', 'x'],
  ])('%j is %j', (input, path) => {
    expect(repositoryPath(input, root)).toEqual({ ok: true, path });
  });
  it.each([['../x'], ['a/../../x'], ['..'], ['/etc/passwd'], ['/srv/checkout-other/x'], ['/srv/checkout/../other/x']])('%j is outside', (input) => {
    expect(repositoryPath(input, root)).toEqual({ ok: false, reason: 'outside' });
  });
  it.each([['.'], ['./'], ['a/..'], ['/srv/checkout'], ['/srv/checkout/']])('%j is the root itself', (input) => {
    expect(repositoryPath(input, root)).toEqual({ ok: false, reason: 'root' });
  });
  it('a root at / holds every absolute path', () => {
    expect(repositoryPath('/etc/passwd', '/')).toEqual({ ok: true, path: 'etc/passwd' });
  });
});
