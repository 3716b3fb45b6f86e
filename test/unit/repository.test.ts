import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCodeowners } from '../../src/core/codeownersTarget';
import { findOwnershipSource, findRepositoryRoot } from '../../src/core/repository';

/** An existence check over a fixed set of absolute paths, recording what was asked. */
function disk(paths: readonly string[]): { exists: (p: string) => Promise<boolean>; asked: string[] } {
  const set = new Set(paths);
  const asked: string[] = [];
  return {
    asked,
    exists: (p) => {
      asked.push(p);
      return Promise.resolve(set.has(p));
    },
  };
}

describe('findRepositoryRoot', () => {
  it('walks up to the nearest .git, a directory in a clone', async () => {
    expect(await findRepositoryRoot('/r/services/api', disk(['/r/.git']).exists)).toBe('/r');
  });

  it('a worktree or submodule has a .git file: the same check finds it, and the nearest wins', async () => {
    expect(await findRepositoryRoot('/r/vendor/sub/x', disk(['/r/.git', '/r/vendor/sub/.git']).exists)).toBe('/r/vendor/sub');
  });

  it('the folder itself can be the root; a trailing slash changes nothing', async () => {
    expect(await findRepositoryRoot('/r/', disk(['/r/.git']).exists)).toBe('/r');
  });

  it('outside any repository: undefined, after asking up to the top once per level', async () => {
    const d = disk([]);
    expect(await findRepositoryRoot('/a/b', d.exists)).toBeUndefined();
    expect(d.asked).toEqual(['/a/b/.git', '/a/.git', '/.git']);
  });

  it('on disk: a worktree whose .git is a file, opened at a subfolder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-roles-worktree-'));
    try {
      const sub = join(dir, 'services', 'api');
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(dir, '.git'), 'gitdir: /elsewhere/.git/worktrees/feature\n');
      const onDisk = (p: string) =>
        stat(p).then(
          () => true,
          () => false,
        );
      const posix = (p: string) => p.split('\\').join('/');
      expect(await findRepositoryRoot(posix(sub), onDisk)).toBe(posix(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not climb above a Windows drive', async () => {
    const d = disk([]);
    expect(await findRepositoryRoot('/c:/work', d.exists)).toBeUndefined();
    expect(d.asked).toEqual(['/c:/work/.git', '/c:/.git']);
  });
});

describe('findCodeowners', () => {
  const at = (paths: string[]) => (p: string) => Promise.resolve(paths.includes(p));

  it("GitHub's order first, then .gitlab/ when nothing is configured", async () => {
    expect(await findCodeowners(at(['docs/CODEOWNERS', 'CODEOWNERS']))).toBe('CODEOWNERS');
    expect(await findCodeowners(at(['.github/CODEOWNERS', 'CODEOWNERS']))).toBe('.github/CODEOWNERS');
    expect(await findCodeowners(at(['.gitlab/CODEOWNERS']))).toBe('.gitlab/CODEOWNERS');
    expect(await findCodeowners(at([]))).toBeUndefined();
  });

  it("a configured host's own order: GitLab reads the root before .gitlab/ and never .github/", async () => {
    expect(await findCodeowners(at(['.gitlab/CODEOWNERS', 'CODEOWNERS']), 'gitlab')).toBe('CODEOWNERS');
    expect(await findCodeowners(at(['.github/CODEOWNERS']), 'gitlab')).toBeUndefined();
  });
});

describe('findOwnershipSource', () => {
  it("a folder's own ops-roles.yaml applies to it", async () => {
    const d = disk(['/r/.git', '/r/ops-roles.yaml', '/r/svc/ops-roles.yaml']);
    expect(await findOwnershipSource('/r/svc', d.exists)).toEqual({ root: '/r/svc', kind: 'config', file: 'ops-roles.yaml' });
  });

  it('a subfolder of a repository reads the root ops-roles.yaml, relative to the root', async () => {
    const d = disk(['/r/.git', '/r/ops-roles.yaml', '/r/.github/CODEOWNERS']);
    expect(await findOwnershipSource('/r/services/api', d.exists)).toEqual({ root: '/r', kind: 'config', file: 'ops-roles.yaml' });
  });

  it('without ops-roles.yaml, the CODEOWNERS at the repository root', async () => {
    const d = disk(['/r/.git', '/r/.github/CODEOWNERS', '/r/services/api/CODEOWNERS']);
    expect(await findOwnershipSource('/r/services/api', d.exists)).toEqual({ root: '/r', kind: 'codeowners', file: '.github/CODEOWNERS' });
  });

  it('outside git, the folder is the root', async () => {
    expect(await findOwnershipSource('/f', disk(['/f/docs/CODEOWNERS']).exists)).toEqual({ root: '/f', kind: 'codeowners', file: 'docs/CODEOWNERS' });
  });

  it('neither file: undefined', async () => {
    expect(await findOwnershipSource('/r/a', disk(['/r/.git']).exists)).toBeUndefined();
  });
});
