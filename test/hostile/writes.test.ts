/**
 * Nothing is lost: a writer killed at any moment leaves the old CODEOWNERS or the new one, text
 * outside the generated block survives, the output cannot leave the repository, and two
 * generate processes at once never corrupt the file. Real processes, real signals, real files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_BEGIN, GENERATED_END } from '../../src/core/generate';
import { CLI_BIN, PROJECT_DIR } from '../unit/paths';

const cliBin = CLI_BIN;
let writerBin = '';

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'ops-roles-writes-bin-'));
  writerBin = join(out, 'writer.js');
  // Writes CONTENT(n) for n = 1, 2, 3… through writeFileAtomic until killed; prints n after each.
  await build({
    stdin: {
      contents: `import { writeFileAtomic } from ${JSON.stringify(join(PROJECT_DIR, 'src/core/atomicWrite.ts'))};
const [root, target] = process.argv.slice(2);
const content = (n) => '# version ' + n + '\\n' + ('/path/number/' + n + '/** @owner-' + n + '\\n').repeat(40000);
(async () => {
  for (let n = 1; ; n++) {
    const r = await writeFileAtomic(root, target, content(n));
    if (!r.ok) { process.stderr.write(r.message + '\\n'); process.exit(3); }
    process.stdout.write(n + '\\n');
  }
})();`,
      resolveDir: PROJECT_DIR,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: writerBin,
    logLevel: 'silent',
  });
});

/** The writer's n-th content, as the child makes it. */
const content = (n: number): string => `# version ${n}\n` + `/path/number/${n}/** @owner-${n}\n`.repeat(40_000);

/** Is `text` exactly one whole version the writer writes? */
function wholeVersion(text: string): boolean {
  const n = /^# version (\d+)\n/.exec(text)?.[1];
  return n !== undefined && text === content(Number(n));
}

/** A git repository with an ops-roles.yaml and a few files. */
function gitRepo(config = CONFIG): string {
  const root = join(mkdtempSync(join(tmpdir(), 'ops-roles-writes-')), 'repo');
  mkdirSync(root);
  spawnSync('git', ['init', '-q', root]);
  for (const file of ['ops-roles.yaml', 'docs/a.md', 'migrations/001.sql', 'src/app.ts', 'deploy/prod.yaml']) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), file === 'ops-roles.yaml' ? config : 'x\n');
  }
  spawnSync('git', ['add', '-A'], { cwd: root });
  return root;
}

const CONFIG = [
  'roles:',
  '  operations-manager: ["@ops"]',
  '  database-administrator: ["@dba"]',
  '  release-manager: ["@rel"]',
  'ownership:',
  '  - path: "*"',
  '    roles: [operations-manager]',
  '  - path: migrations/',
  '    roles: [database-administrator]',
  '  - path: deploy/',
  '    roles: [release-manager]',
  '',
].join('\n');

function cli(cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('a writer killed at any moment', () => {
  it('leaves the old content or a complete new one, never part of a file (SIGKILL at 40 random points)', async () => {
    const root = gitRepo();
    const target = join(root, '.github/CODEOWNERS');
    mkdirSync(join(root, '.github'));
    writeFileSync(target, content(0));
    let killedAfterWrites = 0;
    // Delays from 0 to ~250 ms: before the first write, during one, between two.
    let seed = 12_345;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 40; round++) {
      const child = spawn(process.execPath, [writerBin, root, '.github/CODEOWNERS'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let written = 0;
      let firstWrite: () => void = () => undefined;
      const writing = new Promise<void>((resolve) => (firstWrite = resolve));
      child.stdout.on('data', (d: Buffer) => {
        written += d.toString().split('\n').filter(Boolean).length;
        firstWrite();
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // Every fourth round from the spawn (maybe before any write); the others once it writes.
      if (round % 4 !== 0) await Promise.race([writing, exited]);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 150)));
      child.kill('SIGKILL');
      await exited;
      if (written > 0) killedAfterWrites++;
      const now = readFileSync(target, 'utf8');
      expect(
        wholeVersion(now),
        `round ${round}: CODEOWNERS is ${now.length} characters and not a whole version (starts ${JSON.stringify(now.slice(0, 30))})`,
      ).toBe(true);
    }
    // The kills must have landed after some writes, or this proved nothing about them.
    expect(killedAfterWrites).toBeGreaterThanOrEqual(30);
    // A killed writer may leave its temp file beside the target (never the target itself).
    for (const name of readdirSync(join(root, '.github'))) expect(name).toMatch(/^(CODEOWNERS|\.CODEOWNERS\.\d+\.[0-9a-f]+\.tmp)$/);
  }, 120_000);
});

describe('text outside the generated block', () => {
  const before = '# Hand-written: the platform team reviews this file.\n# Ünïcödé, tabs\tand trailing spaces   \n\n/docs/ @someone-else\n\n';
  const after = '\n# Below the block: kept too.\n# last line has no newline';

  it('survives generate byte for byte, and a second generate changes nothing', () => {
    const root = gitRepo();
    mkdirSync(join(root, '.github'));
    const path = join(root, '.github/CODEOWNERS');
    writeFileSync(path, `${before}${GENERATED_BEGIN}\n* @stale\n${GENERATED_END}\n${after}`);
    const first = cli(root, 'generate');
    expect(first.code, first.err).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(before + GENERATED_BEGIN + '\n')).toBe(true);
    expect(text.endsWith(`${GENERATED_END}\n${after}`)).toBe(true);
    expect(text).not.toContain('@stale');
    const second = cli(root, 'generate');
    expect(second.code).toBe(0);
    expect(second.err).toMatch(/is up to date/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a hand-written CODEOWNERS without markers is refused (exit 2) and left byte for byte', () => {
    const root = gitRepo();
    const path = join(root, 'CODEOWNERS');
    const hand = '* @mine\r\n/docs/ @docs\r\n';
    writeFileSync(path, hand);
    const result = cli(root, 'generate', '--out', 'CODEOWNERS');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/written by hand; refusing to replace it/);
    expect(readFileSync(path, 'utf8')).toBe(hand);
  });

  it('a hand line that looks like a second marker makes generate refuse, not guess', () => {
    const root = gitRepo();
    mkdirSync(join(root, '.github'));
    const path = join(root, '.github/CODEOWNERS');
    const text = `${GENERATED_BEGIN}\n* @x\n${GENERATED_END}\n# BEGIN ops-roles notes from the team\n`;
    writeFileSync(path, text);
    const result = cli(root, 'generate');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/broken Ops Roles markers/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a hand line outside the block that would take files over makes the proof fail, and nothing is written', () => {
    const root = gitRepo();
    mkdirSync(join(root, '.github'));
    const path = join(root, '.github/CODEOWNERS');
    const text = `${GENERATED_BEGIN}\n${GENERATED_END}\n/migrations/ @intruder\n`;
    writeFileSync(path, text);
    const result = cli(root, 'generate');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/proof|does not give/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

describe('the output cannot leave the repository', () => {
  function sandbox(): { root: string; outside: string } {
    const root = gitRepo();
    const outside = join(root, '..', 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'precious'), 'keep me\n');
    return { root, outside };
  }

  it.each([
    ['--out ../x', () => ['--out', '../outside/CODEOWNERS'], /is outside the repository/],
    ['--out with an absolute path outside', (root: string) => ['--out', join(root, '..', 'outside', 'CODEOWNERS')], /is outside the repository/],
    [
      '--out through a symlinked directory that points outside',
      (root: string) => (symlinkSync(join(root, '..', 'outside'), join(root, 'linked')), ['--out', 'linked/CODEOWNERS']),
      /is outside the repository \(linked leads to/,
    ],
    [
      '--out onto a symlink to a file outside',
      (root: string) => (symlinkSync(join(root, '..', 'outside', 'precious'), join(root, 'CODEOWNERS')), ['--out', 'CODEOWNERS']),
      /is a symlink to/,
    ],
    [
      '--out into a directory created through a symlink outside',
      (root: string) => (symlinkSync(join(root, '..', 'outside'), join(root, '.github')), []),
      /is outside the repository \(\.github leads to/,
    ],
  ])('%s: exit 2, one line, nothing written outside', (_risk, args, message) => {
    const { root, outside } = sandbox();
    const result = cli(root, 'generate', ...args(root));
    expect(result.code).toBe(2);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(message);
    expect(readdirSync(outside)).toEqual(['precious']);
    expect(readFileSync(join(outside, 'precious'), 'utf8')).toBe('keep me\n');
  });

  it.each([
    ['--out into .git', ['--out', '.git/hooks/pre-commit'], /the CODEOWNERS path must not point into the \.git directory/],
    ['--out into .git, written with a backslash', ['--out', '.git\\config'], /must not point into the \.git directory/],
  ])('%s: refused by the rule codeowners.path is held to (exit 2, nothing written)', (_risk, args, message) => {
    const root = gitRepo();
    const hooks = join(root, '.git', 'hooks');
    const before = existsSync(hooks) ? readdirSync(hooks).sort() : [];
    const result = cli(root, 'generate', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(existsSync(hooks) ? readdirSync(hooks).sort() : []).toEqual(before);
  });

  it('codeowners.path in a hostile ops-roles.yaml cannot climb out either', () => {
    const { root, outside } = sandbox();
    writeFileSync(join(root, 'ops-roles.yaml'), CONFIG + 'codeowners:\n  path: ../outside/CODEOWNERS\n');
    const result = cli(root, 'generate');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/codeowners\.path must be a path inside the repository/);
    expect(readdirSync(outside)).toEqual(['precious']);
  });

  it('codeowners.path through a committed symlink that points outside is refused at write time', () => {
    const { root, outside } = sandbox();
    symlinkSync(outside, join(root, 'docs-link'));
    writeFileSync(join(root, 'ops-roles.yaml'), CONFIG + 'codeowners:\n  path: docs-link/CODEOWNERS\n');
    const result = cli(root, 'generate');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/is outside the repository/);
    expect(readdirSync(outside)).toEqual(['precious']);
  });
});

describe('generate processes at once', () => {
  it('never corrupt the file: after every round it is exactly one of the outputs, hand text kept (three processes, 6 rounds)', async () => {
    const root = gitRepo();
    mkdirSync(join(root, '.github'));
    const path = join(root, '.github/CODEOWNERS');
    const hand = '# ours, above the block\n';
    writeFileSync(path, `${hand}${GENERATED_BEGIN}\n${GENERATED_END}\n`);
    const configs = ['a', 'b', 'c'].map((name) => {
      const file = join(root, `${name}.yaml`);
      writeFileSync(file, CONFIG.replace('"@ops"', `"@ops-${name}"`));
      return file;
    });
    // What each one writes, alone (--stdout prints the file as it would be written).
    const expected = new Set(configs.map((config) => cli(root, 'generate', '--config', config, '--stdout').out));
    expect(expected.size).toBe(3);
    for (const text of expected) expect(text.startsWith(hand)).toBe(true);
    const run = (config: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [cliBin, 'generate', '--config', config], { cwd: root, stdio: 'ignore' });
        child.on('exit', (code) => resolve(code));
      });
    for (let round = 0; round < 6; round++) {
      const codes = await Promise.all(configs.map(run));
      expect(codes).toEqual([0, 0, 0]);
      const now = readFileSync(path, 'utf8');
      expect(expected.has(now), `round ${round}: not one whole output`).toBe(true);
    }
    expect(readdirSync(join(root, '.github'))).toEqual(['CODEOWNERS']);
    expect(existsSync(join(root, '..', 'CODEOWNERS'))).toBe(false);
  }, 180_000);
});
