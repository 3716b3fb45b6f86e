/**
 * Atomic writes inside a repository: refusals for paths that lead out, line endings kept,
 * no temp files left behind, no overwrite when asked.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, chmodSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/core/atomicWrite';

function sandbox(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'ops-roles-atomic-'));
  const root = join(base, 'repo');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  return { root, outside };
}

describe('writeFileAtomic', () => {
  it('creates the file and missing directories inside the repository, leaving no temp file', async () => {
    const { root } = sandbox();
    const result = await writeFileAtomic(root, '.github/CODEOWNERS', '* @a\n');
    expect(result).toMatchObject({ ok: true, created: true, bytes: 5 });
    expect(readFileSync(join(root, '.github/CODEOWNERS'), 'utf8')).toBe('* @a\n');
    expect(readdirSync(join(root, '.github'))).toEqual(['CODEOWNERS']);
  });

  it('keeps CRLF line endings, a byte-order mark and the file mode of an existing file', async () => {
    const { root } = sandbox();
    const path = join(root, 'CODEOWNERS');
    writeFileSync(path, '\uFEFF# old\r\n* @old\r\n');
    chmodSync(path, 0o640);
    const result = await writeFileAtomic(root, 'CODEOWNERS', '# new\n* @new\n');
    expect(result.ok).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('\uFEFF# new\r\n* @new\r\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    // An LF file stays LF even if the text came with CRLF.
    writeFileSync(path, 'a\nb\n');
    await writeFileAtomic(root, 'CODEOWNERS', 'c\r\nd\r\n');
    expect(readFileSync(path, 'utf8')).toBe('c\nd\n');
  });

  it.each([
    ['a parent reference', () => '../outside/CODEOWNERS'],
    ['a deeper parent reference', () => 'docs/../../outside/x'],
    ['an absolute path outside', (root: string) => join(root, '..', 'outside', 'CODEOWNERS')],
    ['the root itself', (root: string) => root],
  ])('refuses %s', async (_what, target) => {
    const { root, outside } = sandbox();
    const result = await writeFileAtomic(root, target(root), 'x');
    expect(result).toMatchObject({ ok: false, code: 'outside-repository' });
    expect(readdirSync(outside)).toEqual([]);
  });

  it('writes bytes as they are, whatever the line endings of the file it replaces; durable: false too', async () => {
    const { root } = sandbox();
    const path = join(root, 'entry.bin');
    writeFileSync(path, 'old\r\n');
    const bytes = Uint8Array.from([0x0a, 0xff, 0x00, 0x0d, 0x0a]);
    for (const durable of [true, false]) {
      expect(await writeFileAtomic(root, 'entry.bin', bytes, { durable })).toMatchObject({ ok: true, bytes: 5 });
      expect([...readFileSync(path)]).toEqual([...bytes]);
    }
    expect(readdirSync(root)).toEqual(['entry.bin']);
  });

  it('accepts an absolute path inside the repository', async () => {
    const { root } = sandbox();
    expect((await writeFileAtomic(root, join(root, 'CODEOWNERS'), 'x')).ok).toBe(true);
  });

  it('refuses a symlinked parent directory or file that points outside, judged on real paths', async () => {
    const { root, outside } = sandbox();
    symlinkSync(outside, join(root, '.github'));
    const viaDir = await writeFileAtomic(root, '.github/CODEOWNERS', 'x');
    expect(viaDir).toMatchObject({ ok: false, code: 'outside-repository' });
    const viaNewDir = await writeFileAtomic(root, '.github/deeper/CODEOWNERS', 'x');
    expect(viaNewDir).toMatchObject({ ok: false, code: 'outside-repository' });
    writeFileSync(join(outside, 'target'), 'keep');
    symlinkSync(join(outside, 'target'), join(root, 'CODEOWNERS'));
    expect(await writeFileAtomic(root, 'CODEOWNERS', 'x')).toMatchObject({ ok: false, code: 'outside-repository' });
    expect(readFileSync(join(outside, 'target'), 'utf8')).toBe('keep');
    expect(readdirSync(outside)).toEqual(['target']);
  });

  it('follows a symlink that stays inside, writing its destination', async () => {
    const { root } = sandbox();
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs/CODEOWNERS'), 'old\n');
    symlinkSync('docs/CODEOWNERS', join(root, 'CODEOWNERS'));
    const result = await writeFileAtomic(root, 'CODEOWNERS', 'new\n');
    expect(result).toMatchObject({ ok: true, path: realpathSync(join(root, 'docs/CODEOWNERS')) });
    expect(readFileSync(join(root, 'docs/CODEOWNERS'), 'utf8')).toBe('new\n');
  });

  it('works when the repository root itself is reached through a symlink', async () => {
    const { root } = sandbox();
    const link = root + '-link';
    symlinkSync(root, link);
    expect((await writeFileAtomic(link, 'CODEOWNERS', 'x')).ok).toBe(true);
    expect(readFileSync(join(root, 'CODEOWNERS'), 'utf8')).toBe('x');
  });

  it('never overwrites when overwrite is false', async () => {
    const { root } = sandbox();
    writeFileSync(join(root, 'ops-roles.yaml'), 'mine\n');
    expect(await writeFileAtomic(root, 'ops-roles.yaml', 'theirs\n', { overwrite: false })).toMatchObject({ ok: false, code: 'exists' });
    expect(readFileSync(join(root, 'ops-roles.yaml'), 'utf8')).toBe('mine\n');
    expect(readdirSync(root)).toEqual(['ops-roles.yaml']);
    expect(await writeFileAtomic(root, 'new.yaml', 'x', { overwrite: false })).toMatchObject({ ok: true, created: true });
    expect(readdirSync(root).sort()).toEqual(['new.yaml', 'ops-roles.yaml']);
  });

  it('refuses a directory in the way', async () => {
    const { root } = sandbox();
    mkdirSync(join(root, 'CODEOWNERS'));
    expect(await writeFileAtomic(root, 'CODEOWNERS', 'x')).toMatchObject({ ok: false, code: 'not-a-file' });
  });
});
