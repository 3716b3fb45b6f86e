import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLine, GitCommandError, GitNotFoundError, gitStdout, runGit, type GitResult, type GitRunner } from '../../src/core/git';
import { isGitWorkTree, listRepositoryFiles } from '../../src/core/repoFiles';
import { collectChanges } from '../../src/core/review';

let scratch: string;
let repo: string;
let plain: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ops-roles-git-'));
  repo = join(scratch, 'repo');
  plain = scratch;
  spawnSync('git', ['init', '-q', repo]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A runner that answers from a table keyed by the joined arguments, and records what it was asked. */
function fakeGit(answers: Record<string, Partial<GitResult> | Error>): GitRunner & { asked: string[] } {
  const asked: string[] = [];
  const run = async (_cwd: string, args: readonly string[]): Promise<GitResult> => {
    const key = args.join(' ');
    asked.push(key);
    const answer = answers[key];
    if (answer instanceof Error) throw answer;
    return { code: 0, stdout: '', stderr: '', ...(answer ?? { code: 1, stderr: `fake: no answer for ${key}` }) };
  };
  return Object.assign(run, { asked });
}

describe('runGit: one convention', () => {
  it.each<[string, () => string, string[], number, RegExp | undefined]>([
    ['a command that succeeds answers 0', () => repo, ['rev-parse', '--is-inside-work-tree'], 0, undefined],
    ['a command that fails answers its code, it does not reject', () => repo, ['rev-parse', '--verify', '--quiet', 'no-such-ref'], 1, undefined],
    ['outside a work tree git answers 128 with its message', () => plain, ['rev-parse', '--is-inside-work-tree'], 128, /not a git repository/],
  ])('%s', async (_name, cwd, args, code, stderr) => {
    const r = await runGit(cwd(), args);
    expect(r.code).toBe(code);
    if (stderr) expect(r.stderr).toMatch(stderr);
  });

  it('rejects only when git cannot run', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(scratch, 'no-such-dir');
    try {
      await expect(runGit(repo, ['status'])).rejects.toBeInstanceOf(GitNotFoundError);
    } finally {
      process.env.PATH = path;
    }
  });

  it('or when its signal aborts', async () => {
    await expect(runGit(repo, ['status'], { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('gitStdout: for commands that must succeed', () => {
  it.each<[string, Partial<GitResult>, string | RegExp]>([
    ['success gives the output', { stdout: 'x\n' }, 'x\n'],
    ["failure names the command and git's first line", { code: 128, stderr: 'fatal: bad thing\nhint: more\n' }, /^git ls-files failed: fatal: bad thing$/],
    ['failure without a message gives the exit code', { code: 3 }, /^git ls-files failed: exit code 3$/],
  ])('%s', async (_name, answer, expected) => {
    const result = gitStdout(fakeGit({ 'ls-files': answer }), '/r', ['ls-files']);
    if (typeof expected === 'string') await expect(result).resolves.toBe(expected);
    else {
      await expect(result).rejects.toBeInstanceOf(GitCommandError);
      await expect(result).rejects.toThrow(expected);
    }
  });

  it.each<[string, string]>([
    ['  fatal: x\nsecond', 'fatal: x'],
    ['', ''],
  ])('firstLine(%j)', (text, line) => expect(firstLine(text)).toBe(line));
});

describe("callers take the runner, so tests answer in git's place", () => {
  const LS = '-c core.quotepath=off ls-files --cached --others --exclude-standard --full-name -z -- .';
  it.each<[string, Record<string, Partial<GitResult>>, string[]]>([
    [
      'the listing, sorted, without repeats',
      { 'rev-parse --is-inside-work-tree': { stdout: 'true\n' }, [LS]: { stdout: 'b\0a/c\0b\0' }, 'rev-parse --show-prefix': { stdout: '\n' } },
      ['a/c', 'b'],
    ],
    [
      'a path in conflict (listed once per stage) and untracked files after the tracked ones',
      { 'rev-parse --is-inside-work-tree': { stdout: 'true\n' }, [LS]: { stdout: 'a\0m\0m\0m\0z\0b/new\0n\0' }, 'rev-parse --show-prefix': { stdout: '\n' } },
      ['a', 'b/new', 'm', 'n', 'z'],
    ],
    [
      'a sorted listing with repeats, taken as it comes',
      { 'rev-parse --is-inside-work-tree': { stdout: 'true\n' }, [LS]: { stdout: 'a\0a\0b/c\0b/d\0b/d\0e\0' }, 'rev-parse --show-prefix': { stdout: '\n' } },
      ['a', 'b/c', 'b/d', 'e'],
    ],
    [
      'a folder inside the repository drops its prefix',
      { 'rev-parse --is-inside-work-tree': { stdout: 'true\n' }, [LS]: { stdout: 'sub/a\0sub/b/c\0' }, 'rev-parse --show-prefix': { stdout: 'sub/\n' } },
      ['a', 'b/c'],
    ],
  ])('listRepositoryFiles: %s', async (_name, answers, files) => {
    expect(await listRepositoryFiles('/r', { git: fakeGit(answers) })).toEqual(files);
  });

  it('listRepositoryFiles: any listing of sorted runs (tracked, conflict stages, untracked) is sorted, each name once', async () => {
    // Runs of sorted names with repeats, one after the other, as git lists tracked then untracked
    // files; more runs than are merged one by one take the whole sort instead.
    const name = fc.stringMatching(/^[a-c]{1,2}(\/[a-cé😀]{1,2}){0,2}$/u);
    const run = fc.array(name, { maxLength: 12 }).map((names) => [...names].sort());
    await fc.assert(
      fc.asyncProperty(fc.array(run, { minLength: 1, maxLength: 12 }), async (runs) => {
        const listed = runs.flat();
        const git = fakeGit({
          'rev-parse --is-inside-work-tree': { stdout: 'true\n' },
          [LS]: { stdout: listed.map((n) => n + '\0').join('') },
          'rev-parse --show-prefix': { stdout: '\n' },
        });
        expect(await listRepositoryFiles('/r', { git })).toEqual([...new Set(listed)].sort());
      }),
      { seed: 18, numRuns: 400 },
    );
  });

  it('listRepositoryFiles: a failing ls-files is an error, not a silent walk', async () => {
    const git = fakeGit({ 'rev-parse --is-inside-work-tree': { stdout: 'true\n' }, [LS]: { code: 128, stderr: 'fatal: index file corrupt\n' } });
    await expect(listRepositoryFiles('/r', { git })).rejects.toThrow('git ls-files failed: fatal: index file corrupt');
  });

  it.each<[string, GitRunner, boolean]>([
    ['yes', fakeGit({ 'rev-parse --is-inside-work-tree': { stdout: 'true\n' } }), true],
    ['not a work tree', fakeGit({ 'rev-parse --is-inside-work-tree': { code: 128 } }), false],
    ['no git at all', fakeGit({ 'rev-parse --is-inside-work-tree': new GitNotFoundError() }), false],
  ])('isGitWorkTree: %s', async (_name, git, expected) => {
    expect(await isGitWorkTree('/r', git)).toBe(expected);
  });

  it('collectChanges: a missing git is an error as data', async () => {
    const git = fakeGit({ 'rev-parse --is-inside-work-tree': new GitNotFoundError() });
    expect(await collectChanges('/r', { git })).toEqual({ ok: false, error: { code: 'git-not-found', message: 'git is not installed or not on PATH' } });
  });

  it('collectChanges: the whole conversation with git, answered by a table', async () => {
    const git = fakeGit({
      'rev-parse --is-inside-work-tree': { stdout: 'true\n' },
      'rev-parse --verify --quiet HEAD^{commit}': { stdout: 'h1\n' },
      'symbolic-ref --quiet --short HEAD': { stdout: 'topic\n' },
      'rev-parse --verify --quiet main^{commit}': { stdout: 'm1\n' },
      'merge-base m1 h1': { stdout: 'b1\n' },
      'diff --name-status -M -z --no-color --no-ext-diff --relative b1 --': { stdout: 'M\0src/a.ts\0R100\0old.md\0new.md\0' },
      'ls-files --others --exclude-standard -z -- .': { stdout: 'notes.txt\0' },
    });
    expect(await collectChanges('/r', { git, base: 'main' })).toEqual({
      ok: true,
      base: { ref: 'main', commit: 'b1', kind: 'merge-base' },
      head: { commit: 'h1', branch: 'topic', detached: false },
      files: [
        { path: 'new.md', status: 'renamed', oldPath: 'old.md' },
        { path: 'notes.txt', status: 'untracked' },
        { path: 'src/a.ts', status: 'modified' },
      ],
    });
  });
});
