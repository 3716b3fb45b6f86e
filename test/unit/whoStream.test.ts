/**
 * `ops-roles who` over path lists as `git ls-files` gives them: any size (it crashed on a
 * 153k-path monorepo), NUL-separated with -z, names taken exactly, paths outside the repository
 * reported one by one; and what an unexpected error looks like.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { lines, memoryIO } from './cliIO';
import { CLI_BIN } from './paths';

const CONFIG =
  'roles:\n  tool-smith: ["@t"]\n  devops-engineer: ["@d"]\nownership:\n  - path: lead.txt\n    roles: [tool-smith]\n  - path: "docs/"\n    roles: [devops-engineer]\n';

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-roles-who-'));
  writeFileSync(join(dir, 'ops-roles.yaml'), CONFIG);
  return dir;
}

async function cli(cwd: string, args: string[], options: { stdin?: string | Buffer; env?: Record<string, string>; io?: Partial<CliIO> } = {}) {
  const m = memoryIO(cwd, options);
  const code = await runCli(args, { ...m.io, ...options.io });
  return { code, stdout: m.stdout(), err: lines(m.stderr()) };
}

describe('who -z (NUL-separated, like git ls-files -z)', () => {
  const names = ['new\nline.txt', '  lead.txt', 'lead.txt', 'trail.txt  ', 'docs/a b.md'];
  const input = names.join('\0') + '\0';

  it('round-trips every name through --stdin and --files-from, text output ending each answer with NUL', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'list'), input);
    for (const source of [['--stdin'], ['--files-from', 'list']]) {
      const { code, stdout, err } = await cli(dir, ['who', '-z', ...source], { stdin: input });
      expect(err).toEqual([]);
      expect(code).toBe(0);
      expect(stdout.endsWith('\0')).toBe(true);
      expect(stdout.split('\0').slice(0, -1)).toEqual([
        'new\nline.txt  (unowned)',
        '  lead.txt  (unowned)',
        'lead.txt  tool-smith: @t  [ops-roles.yaml:5 lead.txt]',
        'trail.txt    (unowned)',
        'docs/a b.md  devops-engineer: @d  [ops-roles.yaml:7 docs/]',
      ]);
    }
  });

  it('--json: one JSON object per record, each ending with NUL, paths exactly as given', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'list'), input);
    for (const source of [['--stdin'], ['--files-from', 'list']]) {
      const { code, stdout } = await cli(dir, ['who', '--null', '--json', ...source], { stdin: input });
      expect(code).toBe(0);
      const answers = stdout
        .split('\0')
        .slice(0, -1)
        .map((l) => JSON.parse(l));
      expect(answers.map((a) => a.path)).toEqual(names);
      expect(answers[2]).toEqual({ path: 'lead.txt', roles: ['tool-smith'], owners: ['@t'], rule: { line: 5, pattern: 'lead.txt' } });
      expect(answers[1]).toEqual({ path: '  lead.txt', roles: [], owners: [], rule: null });
    }
  });
});

describe('who answers a path the same on every way through', () => {
  // Plain blocks are answered by copying bytes, the rest by JSON.stringify: both must agree with
  // the answer to the path given alone as an argument, wherever the input is cut into chunks.
  const names = [
    'lead.txt',
    'docs/a.md',
    '.github/x',
    'docs/"q".md',
    'docs/back\\slash',
    'café/menü.md',
    './docs/b.md',
    'docs//c.md',
    'x/../lead.txt',
    'sp ace/ lead.txt',
  ];

  it('--json and text, lines and -z, cut at every byte', async () => {
    const dir = repo();
    for (const [separator, extra] of [
      ['\n', []],
      ['\0', ['-z']],
    ] as const) {
      const tab = separator === '\0' ? ['docs/tab\tx', 'docs/new\nline'] : [];
      const all = [...names, ...tab, join(dir, 'docs/abs.md')];
      for (const format of [['--json'], []]) {
        const alone = await Promise.all(all.map((n) => cli(dir, ['who', ...format, ...extra, '--', n])));
        const expected = alone.map((r) => r.stdout).join('');
        const bytes = Buffer.from(all.join(separator) + separator, 'utf8');
        for (let cut = 0; cut < bytes.length; cut++) {
          const stdin = () => Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]);
          const { code, stdout } = await cli(dir, ['who', ...format, ...extra, '--stdin'], { io: { stdin } });
          expect(code).toBe(0);
          expect(stdout, `cut at ${cut}`).toBe(expected);
        }
      }
    }
  });
});

describe('a list of plain names with a few others among them', () => {
  it('answers each as it answers the name alone, and numbers the records after them rightly', async () => {
    const dir = repo();
    const odd = ['docs/café.md', 'a "quoted".md', 'back\\slash.md', 'src/naïve.ts', '', ' lead.txt', 'dir/./y.ts', 'del\x7f.md', 'crlf.md\r'];
    const names = Array.from({ length: 12_000 }, (_, i) => (i % 3 ? `src/m${i % 7}/f${i}.ts` : `docs/d${i % 5}/f${i}.md`));
    // Plain names from 4,000 on, but for a lone CR in one block and `.` segments in another.
    names.splice(10_000, 0, 'dir/./y.ts', 'a/b/..', 'a/.');
    names.splice(8000, 0, 'lone\rcr.md');
    // Before: alone, in pairs and in a row, between runs of plain names longer and shorter than 1 KB.
    for (const [at, k] of [
      [3, 0],
      [4, 1],
      [5, 2],
      [900, 3],
      [901, 4],
      [1700, 5],
      [1710, 6],
      [2500, 7],
      [2600, 8],
      [3999, 0],
    ] as const) {
      names.splice(at, 0, odd[k]!);
    }
    const tooLong = 'x'.repeat(70_000);
    names.splice(3000, 0, tooLong);
    for (const [separator, extra, unit] of [
      ['\n', [], 'line'],
      ['\r\n', [], 'line'],
      ['\0', ['-z'], 'record'],
    ] as const) {
      // Only the line's end is removed: with `\n` ends, the name's own last `\r` goes with it.
      const answerable = names.filter((n) => n !== '' && n !== tooLong).map((n) => (separator === '\n' ? n.replace(/\r$/, '') : n));
      // Arguments are taken one record at a time, never as a plain batch.
      const alone = await cli(dir, ['who', '--json', ...extra, '--', ...answerable]);
      const { code, stdout, err } = await cli(dir, ['who', '--json', ...extra, '--stdin'], { stdin: names.join(separator) + separator });
      expect(stdout, JSON.stringify(separator)).toBe(alone.stdout);
      expect(err).toEqual([`ops-roles who: standard input, ${unit} ${names.indexOf(tooLong) + 1}: longer than 65536 bytes`]);
      expect(code).toBe(2);
    }
  });
});

describe('who --json writes each answer as JSON.stringify would', () => {
  // The answers are put together by hand from each verdict's parts, owners are looked up once per
  // set of roles and their JSON made once a list: each line must be the bytes JSON.stringify
  // gives, with each rule's own roles, owners and line.
  const config = [
    'roles:',
    '  tool-smith: ["@t", "ops@example.com"]',
    '  devops-engineer: ["@org/dev.ops"]',
    'ownership:',
    '  - path: lead.txt',
    '    roles: [tool-smith]',
    '  - path: "docs/"',
    '    roles: [devops-engineer]',
    '  - path: "café/*.md"',
    '    roles: [devops-engineer, tool-smith]',
    '  - path: "tools/"',
    '    roles: [tool-smith]',
    '',
  ].join('\n');
  const want = [
    { path: 'lead.txt', roles: ['tool-smith'], owners: ['@t', 'ops@example.com'], rule: { line: 5, pattern: 'lead.txt' } },
    { path: 'docs/a.md', roles: ['devops-engineer'], owners: ['@org/dev.ops'], rule: { line: 7, pattern: 'docs/' } },
    { path: 'café/b.md', roles: ['devops-engineer', 'tool-smith'], owners: ['@org/dev.ops', '@t', 'ops@example.com'], rule: { line: 9, pattern: 'café/*.md' } },
    { path: 'tools/x', roles: ['tool-smith'], owners: ['@t', 'ops@example.com'], rule: { line: 11, pattern: 'tools/' } },
    { path: 'docs/a.md', roles: ['devops-engineer'], owners: ['@org/dev.ops'], rule: { line: 7, pattern: 'docs/' } },
    { path: 'other', roles: [], owners: [], rule: null },
  ];

  it('for plain and other paths, every rule with its own owners', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops-roles.yaml'), config);
    const { code, stdout, err } = await cli(dir, ['who', '--json', '--stdin'], { stdin: want.map((w) => w.path).join('\n') });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(want.map((w) => JSON.stringify(w)));
  });
});

describe('who without -z takes each line exactly', () => {
  it('" lead.txt" and "lead.txt" are two files; only the line ending is removed', async () => {
    const dir = repo();
    const { code, stdout } = await cli(dir, ['who', '--json', '--stdin'], { stdin: ' lead.txt\r\nlead.txt\n\nlead.txt \n' });
    expect(code).toBe(0);
    expect(
      lines(stdout)
        .map((l) => JSON.parse(l))
        .map((a) => [a.path, a.owners]),
    ).toEqual([
      [' lead.txt', []],
      ['lead.txt', ['@t']],
      ['lead.txt ', []],
    ]);
  });

  it('positional paths are not trimmed either', async () => {
    const { stdout } = await cli(repo(), ['who', '--json', '--', ' lead.txt', 'lead.txt']);
    expect(lines(stdout).map((l) => JSON.parse(l).owners)).toEqual([[], ['@t']]);
  });
});

describe('paths outside the repository', () => {
  it('one error line each on stderr, the other paths answered, exit 2', async () => {
    const dir = repo();
    const { code, stdout, err } = await cli(dir, ['who', 'lead.txt', '../outside.txt', join(dir, 'docs/x.md'), '--stdin'], {
      stdin: 'a/../../x\n/etc/passwd\ndocs/y.md\n',
    });
    expect(code).toBe(2);
    expect(lines(stdout)).toEqual([
      'lead.txt  tool-smith: @t  [ops-roles.yaml:5 lead.txt]',
      'docs/x.md  devops-engineer: @d  [ops-roles.yaml:7 docs/]',
      'docs/y.md  devops-engineer: @d  [ops-roles.yaml:7 docs/]',
    ]);
    expect(err).toEqual([
      `ops-roles who: ../outside.txt: outside the repository (${dir})`,
      `ops-roles who: a/../../x: outside the repository (${dir})`,
      `ops-roles who: /etc/passwd: outside the repository (${dir})`,
    ]);
  });

  it('explain: one line, exit 2', async () => {
    const dir = repo();
    const { code, stdout, err } = await cli(dir, ['explain', '../outside.txt']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(err).toEqual([`ops-roles explain: ../outside.txt: outside the repository (${dir})`]);
    expect((await cli(dir, ['explain', join(dir, 'lead.txt')])).stdout).toMatch(/^lead\.txt\n/);
  });

  it('a name with a newline (-z) is quoted with the newline visible, so the error stays one line', async () => {
    const dir = repo();
    const { code, err } = await cli(dir, ['who', '-z', '--stdin'], { stdin: '../a\nb\0' });
    expect(code).toBe(2);
    expect(err).toEqual([`ops-roles who: ../a\\u000ab: outside the repository (${dir})`]);
  });
});

describe('input that cannot be read, and errors nobody expected', () => {
  it('standard input that fails mid-stream: what was read is answered, then one line, exit 2', async () => {
    const dir = repo();
    const failing = () =>
      Readable.from(
        (async function* () {
          yield 'lead.txt\n';
          throw new Error('EIO: i/o error, read');
        })(),
      );
    const { code, stdout, err } = await cli(dir, ['who', '--stdin'], { io: { stdin: failing } });
    expect(code).toBe(2);
    expect(lines(stdout)).toEqual(['lead.txt  tool-smith: @t  [ops-roles.yaml:5 lead.txt]']);
    expect(err).toEqual(['ops-roles who: cannot read standard input: EIO: i/o error, read']);
  });

  it('a line that is not UTF-8: one error line naming it, the rest answered, exit 2', async () => {
    const dir = repo();
    const { code, stdout, err } = await cli(dir, ['who', '--stdin'], {
      stdin: Buffer.concat([Buffer.from('x'), Buffer.from([0xc3]), Buffer.from('\nlead.txt\n')]),
    });
    expect(code).toBe(2);
    expect(lines(stdout)).toHaveLength(1);
    expect(err).toEqual(['ops-roles who: standard input, line 1: not valid UTF-8']);
  });

  // Standard output failing for a reason other than a closed pipe (a full disk) is one such error.
  const fail = () => {
    throw new Error('ENOSPC: no space left on device, write');
  };
  const brokenStdout: Partial<CliIO> = { write: fail, writeBytes: fail };

  it('prints one line naming the command, the error and how to see more; no stack trace', async () => {
    const { code, err } = await cli(repo(), ['who', 'lead.txt'], { io: brokenStdout });
    expect(code).toBe(2);
    expect(err).toEqual([
      'ops-roles who: internal error: Error: ENOSPC: no space left on device, write (run again with --debug or OPS_ROLES_DEBUG=1 for details)',
    ]);
  });

  it('--debug (anywhere before --) or OPS_ROLES_DEBUG=1 prints the stack too', async () => {
    for (const run of [
      () => cli(repo(), ['--debug', 'who', 'lead.txt'], { io: brokenStdout }),
      () => cli(repo(), ['who', 'lead.txt', '--debug'], { io: brokenStdout }),
      () => cli(repo(), ['who', 'lead.txt'], { io: brokenStdout, env: { OPS_ROLES_DEBUG: '1' } }),
    ]) {
      const { code, err } = await run();
      expect(code).toBe(2);
      expect(err[0]).toBe('ops-roles who: internal error: Error: ENOSPC: no space left on device, write');
      expect(err[1]).toMatch(/^\s+at /);
    }
  });

  it('after --, --debug is a path like any other', async () => {
    const { code, stdout } = await cli(repo(), ['who', '--json', '--', '--debug']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).path).toBe('--debug');
  });

  it('the usage documents --debug', async () => {
    expect((await cli(repo(), ['--help'])).stdout).toMatch(/^ {2}--debug +.*OPS_ROLES_DEBUG=1/m);
  });
});

describe('the built bin over a large path list', () => {
  const COUNT = 200_000;
  const bin = CLI_BIN;
  let dir = '';
  let list = '';
  beforeAll(async () => {
    dir = repo();
    list = Array.from({ length: COUNT }, (_, i) => (i % 3 === 0 ? `docs/d${i % 97}/f${i}.md` : `src/m${i % 89}/file${i}.ts`)).join('\n') + '\n';
    writeFileSync(join(dir, 'list.txt'), list);
    writeFileSync(join(dir, 'CODEOWNERS'), '* @all\n/docs/ @docs\n');
  });
  const run = (args: string[], input?: string) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, input, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it(`${COUNT.toLocaleString('en-US')} paths on --stdin (more than crashed it): one JSON answer each, exit 0`, () => {
    const { code, out, err } = run(['who', '--stdin', '--json'], list);
    expect(err).toBe('');
    expect(code).toBe(0);
    const answers = lines(out);
    expect(answers).toHaveLength(COUNT);
    expect(JSON.parse(answers[0]!)).toEqual({ path: 'docs/d0/f0.md', roles: ['devops-engineer'], owners: ['@d'], rule: { line: 7, pattern: 'docs/' } });
    expect(JSON.parse(answers[COUNT - 1]!).path).toBe(`src/m${(COUNT - 1) % 89}/file${COUNT - 1}.ts`);
  });

  it('a reader that stops after one line (| head) ends it quietly, exit 0', async () => {
    const child = spawn(process.execPath, [bin, 'who', '--files-from', 'list.txt', '--json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    child.stdout.destroy();
    const [code] = await once(child, 'close');
    expect(JSON.parse(first.toString().split('\n')[0]!)).toEqual({
      path: 'docs/d0/f0.md',
      roles: ['devops-engineer'],
      owners: ['@d'],
      rule: { line: 7, pattern: 'docs/' },
    });
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('a named pipe as --files-from (what <(git ls-files) gives), its writer another process: every path answered', () => {
    const fifo = join(dir, `pipe-${process.pid}`);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The writer blocks until the CLI opens the pipe, and the CLI reads until the writer is done.
    const writer = spawn('sh', ['-c', 'cat list.txt > "$1"', 'sh', fifo], { cwd: dir, stdio: 'ignore' });
    const { code, out, err } = run(['who', '--files-from', fifo, '--codeowners', 'CODEOWNERS']);
    writer.kill();
    expect(err).toBe('');
    expect(code).toBe(0);
    const answers = lines(out);
    expect(answers).toHaveLength(COUNT);
    expect(answers[COUNT - 1]).toBe(`src/m${(COUNT - 1) % 89}/file${COUNT - 1}.ts  @all  [CODEOWNERS:1 *]`);
  });

  it(`${COUNT.toLocaleString('en-US')} paths from --files-from with --codeowners: one text answer each, exit 0`, () => {
    const { code, out, err } = run(['who', '--files-from', 'list.txt', '--codeowners', 'CODEOWNERS']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const answers = lines(out);
    expect(answers).toHaveLength(COUNT);
    expect(answers[0]).toBe('docs/d0/f0.md  @docs  [CODEOWNERS:2 /docs/]');
    expect(answers[1]).toBe('src/m1/file1.ts  @all  [CODEOWNERS:1 *]');
  });
});
