/**
 * The CLI on hostile files: whatever ops-roles.yaml is (a directory, a dangling or device
 * symlink, a pipe, invalid UTF-8, 50 MB), the answer is one line on stderr and exit 2, or
 * problems and exit 1; never a stack trace, a hang, or text that a CI runner executes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { lines, memoryIO } from '../unit/cliIO';
import { CLI_BIN } from '../unit/paths';
import { LIMIT_MS, timed } from './helpers';

function repo(): string {
  return mkdtempSync(join(tmpdir(), 'ops-roles-hostile-cli-'));
}

async function cli(cwd: string, args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const m = memoryIO(cwd);
  const code = await runCli(args, m.io);
  return { code, out: lines(m.stdout()), err: lines(m.stderr()) };
}

/** Exit 2 and exactly one line on stderr, matching `message`, with nothing on stdout. */
function expectOneLine(result: { code: number | null; out: string[]; err: string[] }, message: RegExp): void {
  expect(result.err).toHaveLength(1);
  expect(result.err[0]).toMatch(message);
  expect(result.out).toEqual([]);
  expect(result.code).toBe(2);
}

describe('ops-roles.yaml that is not a readable text file', () => {
  it('a directory: exit 2, one line', async () => {
    const dir = repo();
    mkdirSync(join(dir, 'ops-roles.yaml'));
    expectOneLine(await cli(dir, ['validate']), /^ops-roles validate: ops-roles\.yaml is a directory, not a file: /);
  });

  it('a broken symlink: exit 2, one line', async () => {
    const dir = repo();
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'ops-roles.yaml'));
    expectOneLine(await cli(dir, ['who', 'a']), /^ops-roles who: ops-roles\.yaml not found: /);
  });

  it('a --config that is a directory, and a --files-from that is missing: exit 2, one line', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops-roles.yaml'), 'version: 1\n');
    expectOneLine(await cli(dir, ['validate', '--config', dir]), /is a directory, not a file/);
    expectOneLine(await cli(dir, ['who', '--files-from', join(dir, 'missing.txt')]), /^ops-roles who: file list not found: /);
  });

  it('invalid UTF-8: exit 2, one line', async () => {
    const dir = repo();
    writeFileSync(
      join(dir, 'ops-roles.yaml'),
      Buffer.concat([Buffer.from('roles:\n  tool-smith: ["@a"] # '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\n')]),
    );
    expectOneLine(await cli(dir, ['validate']), /^ops-roles validate: ops-roles\.yaml is not valid UTF-8: /);
  });

  it('valid UTF-8 that contains U+FFFD itself is read (it was refused as invalid)', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops-roles.yaml'), 'roles:\n  tool-smith: ["@a"] # \uFFFD marks a lost character\n');
    const result = await cli(dir, ['validate']);
    expect(result.code).toBe(0);
    expect(result.err).toEqual(['ops-roles.yaml: 0 errors, 0 warnings']);
  });

  it('a 50 MB file is refused by its size without reading it', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops-roles.yaml'), '');
    truncateSync(join(dir, 'ops-roles.yaml'), 50 * 1024 * 1024);
    const { value, ms } = await (async () => {
      const start = performance.now();
      const r = await cli(dir, ['validate']);
      return { value: r, ms: performance.now() - start };
    })();
    expectOneLine(value, /^ops-roles validate: ops-roles\.yaml is too large \(52428800 bytes\): /);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it('a 6 MB file is read but refused by the parser: one problem, exit 1', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops-roles.yaml'), 'version: 1\n' + '# padding\n'.repeat(600_000));
    const result = await cli(dir, ['validate']);
    expect(result.code).toBe(1);
    expect(result.out).toEqual(['ops-roles.yaml:1:1: error: ops-roles.yaml is larger than 5 MB; refusing to read it']);
  });

  it('an empty file is a valid, empty config', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops-roles.yaml'), '');
    const result = await cli(dir, ['validate']);
    expect(result.code).toBe(0);
    expect(result.err).toEqual(['ops-roles.yaml: 0 errors, 0 warnings']);
  });

  it('a BOM and CRLF line endings: the same lines and columns as the plain file', async () => {
    const text = 'roles:\n  tool-smith: ["bad"]\nownership:\n  - path: x/\n    roles: [nobody]\n';
    const plain = repo();
    const windows = repo();
    writeFileSync(join(plain, 'ops-roles.yaml'), text);
    writeFileSync(join(windows, 'ops-roles.yaml'), '\uFEFF' + text.replace(/\n/g, '\r\n'));
    const a = await cli(plain, ['validate']);
    const b = await cli(windows, ['validate']);
    expect(b.out).toEqual(a.out);
    expect(a.out).toEqual([
      'ops-roles.yaml:2:3: warning: nobody holds "tool-smith", and no role in the fallback chain has holders',
      'ops-roles.yaml:2:16: error: holder "bad" of role "tool-smith" is not @user, @org/team or an e-mail address',
      'ops-roles.yaml:5:13: error: unknown role "nobody" in ownership',
    ]);
  });
});

describe('files that never end (run as a process, so a regression fails instead of hanging the suite)', () => {
  const bin = CLI_BIN;
  const run = (cwd: string, args: string[]) => {
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', bin, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
    return { code: r.status, out: r.stdout.split('\n').filter(Boolean), err: r.stderr.split('\n').filter(Boolean) };
  };

  it('ops-roles.yaml committed as a symlink to /dev/zero: exit 2, one line (it read until out of memory)', () => {
    const dir = repo();
    symlinkSync('/dev/zero', join(dir, 'ops-roles.yaml'));
    const { value, ms } = timed(() => run(dir, ['validate']));
    expectOneLine(value, /^ops-roles validate: ops-roles\.yaml is not a regular file: /);
    expect(ms).toBeLessThan(LIMIT_MS * 5);
  });

  it('ops-roles.yaml that is a named pipe nobody writes to: exit 2, one line (it waited forever)', () => {
    const dir = repo();
    execFileSync('mkfifo', [join(dir, 'ops-roles.yaml')]);
    expectOneLine(run(dir, ['validate']), /^ops-roles validate: ops-roles\.yaml is not a regular file: /);
  });

  it('a --codeowners file that is /dev/zero: exit 2, one line', () => {
    const dir = repo();
    expectOneLine(run(dir, ['who', '--codeowners', '/dev/zero', 'a']), /^ops-roles who: CODEOWNERS is not a regular file: \/dev\/zero$/);
  });
});

describe('output a CI runner reads', () => {
  const hostile = 'roles:\n  tool-smith: ["x\\n::error file=README.md::pwned\\u001b[2J"]\n';

  it('validate prints one line per problem, whatever the file quotes (no injected workflow command)', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops-roles.yaml'), hostile);
    const result = await cli(dir, ['validate']);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      'ops-roles.yaml:2:3: warning: nobody holds "tool-smith", and no role in the fallback chain has holders',
      'ops-roles.yaml:2:16: error: holder "x\\u000a::error file=README.md::pwned\\u001b[2J" of role "tool-smith" is not @user, @org/team or an e-mail address',
    ]);
  });

  it('validate --format github escapes the annotation data', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops-roles.yaml'), hostile);
    const result = await cli(dir, ['validate', '--format', 'github']);
    expect(result.out).toHaveLength(2);
    for (const line of result.out) expect(line).toMatch(/^::(warning|error) file=ops-roles\.yaml,line=2,/);
    expect(result.out[1]).toContain('holder "x%0A::error file=README.md::pwned\u001b[2J"');
  });

  it('no command prints a stack trace for a hostile config', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops-roles.yaml'), '['.repeat(10_000) + '\n' + '{a,a}'.repeat(40) + '\n');
    for (const command of [['validate'], ['who', 'a'], ['explain', 'a'], ['coverage']]) {
      const result = await cli(dir, command);
      expect(result.err.join('\n')).not.toMatch(/\n\s+at |internal error/);
      expect([1, 2]).toContain(result.code);
    }
  });
});
