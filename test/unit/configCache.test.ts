/**
 * The cache of parsed configs (core/configCache.ts) and the CLI around it: a hit gives exactly
 * what a parse gives (the ParsedConfig, and a model that answers the same for every file of every
 * corpus and for the bad-config fixtures), and every failure (no directory, an unwritable one, a
 * damaged, foreign or stale entry, the cache turned off) gives the same output as no cache.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { parseConfig, type ParsedConfig } from '../../src/core/config';
import { CONFIG_CACHE_ENTRIES, CONFIG_CACHE_FORMAT, configCacheDir, configCacheKey, parseConfigCached, type ConfigCache } from '../../src/core/configCache';
import { importCodeowners } from '../../src/core/importCodeowners';
import { OwnershipModel } from '../../src/core/ownership';
import { lines, memoryIO } from './cliIO';
import { CORPORA, corpusDir, PROJECT_DIR } from './paths';

const CONFIG =
  'roles:\n  tool-smith: ["@t"]\n  devops-engineer: ["@d"]\nownership:\n  - path: lead.txt\n    roles: [tool-smith]\n  - path: "docs/"\n    roles: [devops-engineer]\n';
const BUILD = 'test-build';

function temp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `ops-roles-cache-${prefix}-`));
}

function cacheIn(dir = join(temp('dir'), 'cache'), build = BUILD): ConfigCache {
  return { dir, build };
}

function entryPath(cache: ConfigCache, text: string): string {
  return join(cache.dir, `${configCacheKey(text, cache.build)}.bin`);
}

/** An entry written by hand in the cache's format, holding `parsed` whatever the text says. */
function plantEntry(cache: ConfigCache, text: string, parsed: ParsedConfig): void {
  const key = configCacheKey(text, cache.build);
  const payload = serialize(parsed);
  const sum = createHash('sha1').update(payload).digest('hex');
  mkdirSync(cache.dir, { recursive: true });
  writeFileSync(join(cache.dir, `${key}.bin`), Buffer.concat([Buffer.from(`ops-roles config cache ${CONFIG_CACHE_FORMAT}\n${key}\n${sum}\n`), payload]));
}

/** A hit: the entry is read back (not the object a parse in this process returned) and equals a fresh parse. */
async function expectHitEqualsParse(text: string, cache: ConfigCache): Promise<ParsedConfig> {
  const first = await parseConfigCached(text, cache);
  expect(existsSync(entryPath(cache, text))).toBe(true);
  const hit = await parseConfigCached(text, cache);
  expect(hit).not.toBe(first);
  expect(hit).toStrictEqual(parseConfig(text));
  return hit;
}

describe('a hit answers as a parse', () => {
  it.each(CORPORA)(
    'on every file of corpus %s (imported into ops-roles.yaml)',
    async (name) => {
      const dir = corpusDir(name);
      const files = readFileSync(join(dir, 'files.txt'), 'utf8').split('\n').filter(Boolean);
      const { text } = importCodeowners(readFileSync(join(dir, 'CODEOWNERS'), 'utf8'), files, { sourcePath: '.github/CODEOWNERS' });
      const hit = await expectHitEqualsParse(text, cacheIn());
      const parsed = new OwnershipModel(parseConfig(text).config);
      const cached = new OwnershipModel(hit.config);
      const differing = files.filter((f) => {
        const a = parsed.resolve(f);
        const b = cached.resolve(f);
        return a.rule?.index !== b.rule?.index || a.pattern !== b.pattern || a.owners.join(' ') !== b.owners.join(' ');
      });
      expect(differing).toEqual([]);
    },
    120_000,
  );

  const badDir = join(PROJECT_DIR, 'test/fixtures/bad-configs');
  it.each(readdirSync(badDir))('on bad config %s: the same problems with their positions', async (file) => {
    const text = readFileSync(join(badDir, file), 'utf8');
    const hit = await expectHitEqualsParse(text, cacheIn());
    expect(hit.problems.length).toBeGreaterThan(0);
  });

  it('in the CLI: validate and who print the same, cold, warm and without the cache', async () => {
    const root = temp('cli');
    writeFileSync(join(root, 'ops-roles.yaml'), readFileSync(join(badDir, 'unknown-role.yaml')));
    const env = { OPS_ROLES_CACHE_DIR: join(root, '.cache-dir') };
    const runs = [];
    for (const argv of [['validate'], ['validate'], ['validate', '--no-cache'], ['who', '--json', 'a/b.txt'], ['who', '--json', 'a/b.txt']]) {
      runs.push(await cli(root, argv, env));
    }
    expect(readdirSync(env.OPS_ROLES_CACHE_DIR)).toHaveLength(1);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[4]).toEqual(runs[3]);
    expect(runs[0]!.stdout + runs[0]!.err.join('\n')).toMatch(/ops-roles\.yaml:\d+:\d+: error: /);
  });
});

async function cli(cwd: string, argv: string[], env: Record<string, string>, options: { inProcess?: boolean } = {}) {
  const m = memoryIO(cwd, { env });
  const code = await runCli(argv, { ...m.io, build: options.inProcess ? undefined : BUILD });
  return { code, stdout: m.stdout(), err: lines(m.stderr()) };
}

describe('the CLI reads the cache and can be told not to', () => {
  /** A repository whose cache holds a planted entry that gives lead.txt to devops-engineer. */
  function planted(): { root: string; dir: string; env: Record<string, string> } {
    const root = temp('planted');
    writeFileSync(join(root, 'ops-roles.yaml'), CONFIG);
    const dir = join(root, 'c');
    plantEntry(cacheIn(dir), CONFIG, parseConfig(CONFIG.replace('roles: [tool-smith]', 'roles: [devops-engineer]')));
    return { root, dir, env: { OPS_ROLES_CACHE_DIR: dir } };
  }

  it('answers from a valid entry (the checksum catches damage, not a deliberate change)', async () => {
    const { root, env } = planted();
    expect((await cli(root, ['who', 'lead.txt'], env)).stdout).toBe('lead.txt  devops-engineer: @d  [ops-roles.yaml:5 lead.txt]\n');
  });

  it.each([
    ['--no-cache', ['--no-cache'], {}],
    ['OPS_ROLES_NO_CACHE=1', [], { OPS_ROLES_NO_CACHE: '1' }],
  ])('%s neither reads nor writes it', async (_, flags, more) => {
    const { root, dir, env } = planted();
    const before = readdirSync(dir);
    const run = await cli(root, [...flags, 'who', 'lead.txt'], { ...env, ...more });
    expect(run.stdout).toBe('lead.txt  tool-smith: @t  [ops-roles.yaml:5 lead.txt]\n');
    expect(readdirSync(dir)).toEqual(before);
  });

  it('is off without a build to key entries by (the CLI run in-process)', async () => {
    const { root, env } = planted();
    expect((await cli(root, ['who', 'lead.txt'], env, { inProcess: true })).stdout).toBe('lead.txt  tool-smith: @t  [ops-roles.yaml:5 lead.txt]\n');
  });

  it('after --, --no-cache is a path', async () => {
    const root = temp('dashdash');
    writeFileSync(join(root, 'ops-roles.yaml'), CONFIG);
    const run = await cli(root, ['who', '--', '--no-cache'], { OPS_ROLES_CACHE_DIR: join(root, 'c') });
    expect(run.stdout).toBe('--no-cache  (unowned)\n');
  });

  it('the usage documents --no-cache and its variables', async () => {
    const { stdout } = await cli(temp('help'), ['--help'], {});
    expect(stdout).toMatch(/^ {2}--no-cache +.*/m);
    expect(stdout).toContain('OPS_ROLES_NO_CACHE=1');
    expect(stdout).toContain('OPS_ROLES_CACHE_DIR');
  });
});

describe('the ops-roles process', () => {
  it('keys entries by the build esbuild writes in, and writes the entry before it exits', async () => {
    const work = temp('process');
    const bin = join(work, 'cli.cjs');
    // As esbuild.mjs builds dist/cli.js, with a fixed id instead of the bundle's hash.
    await build({
      entryPoints: [join(PROJECT_DIR, 'src/cli/bin.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bin,
      logLevel: 'silent',
      alias: { yaml: join(PROJECT_DIR, 'node_modules/yaml/browser/index.js') },
      define: { OPS_ROLES_BUILD: JSON.stringify('process-test') },
    });
    writeFileSync(join(work, 'ops-roles.yaml'), CONFIG);
    const dir = join(work, 'cache');
    const run = (...argv: string[]) =>
      spawnSync(process.execPath, [bin, ...argv], { cwd: work, encoding: 'utf8', env: { ...process.env, OPS_ROLES_CACHE_DIR: dir } });
    const cold = run('who', 'lead.txt');
    expect(readdirSync(dir)).toEqual([`${configCacheKey(CONFIG, 'process-test')}.bin`]);
    const warm = run('who', 'lead.txt');
    const off = run('--no-cache', 'who', 'lead.txt');
    for (const r of [cold, warm, off]) expect([r.status, r.stdout, r.stderr]).toEqual([0, 'lead.txt  tool-smith: @t  [ops-roles.yaml:5 lead.txt]\n', '']);
  }, 60_000);
});

describe('every cache failure is a parse', () => {
  const fresh = () => parseConfig(CONFIG);

  it('a changed config or another build never reads an old entry', async () => {
    const cache = cacheIn();
    await parseConfigCached(CONFIG, cache);
    const changed = CONFIG.replace('@t', '@t2');
    expect(await parseConfigCached(changed, cache)).toStrictEqual(parseConfig(changed));
    const other = { ...cache, build: 'another-build' };
    expect(configCacheKey(CONFIG, other.build)).not.toBe(configCacheKey(CONFIG, cache.build));
    plantEntry(cache, CONFIG, parseConfig(changed));
    expect(await parseConfigCached(CONFIG, other)).toStrictEqual(fresh());
  });

  const damages: [string, (bytes: Buffer) => Buffer][] = [
    ['cut short', (b) => b.subarray(0, b.length - 100)],
    ['a byte changed in the payload', (b) => Buffer.concat([b.subarray(0, b.length - 10), Buffer.from([b[b.length - 10]! ^ 1]), b.subarray(b.length - 9)])],
    ['a header of another format', (b) => Buffer.from(b.toString('latin1').replace(`cache ${CONFIG_CACHE_FORMAT}\n`, 'cache 999\n'), 'latin1')],
    ['garbage', () => Buffer.from('not an entry at all')],
    ['empty', () => Buffer.alloc(0)],
  ];
  it.each(damages)('an entry %s is parsed again and rewritten', async (_, damage) => {
    const cache = cacheIn();
    await parseConfigCached(CONFIG, cache);
    const path = entryPath(cache, CONFIG);
    const good = readFileSync(path);
    writeFileSync(path, damage(good));
    expect(await parseConfigCached(CONFIG, cache)).toStrictEqual(fresh());
    expect(readFileSync(path)).toEqual(good);
  });

  it('an entry renamed to another key, or a payload of another shape, is a miss', async () => {
    const cache = cacheIn();
    const other = CONFIG.replace('@d', '@other');
    await parseConfigCached(other, cache);
    renameSync(entryPath(cache, other), entryPath(cache, CONFIG));
    expect(await parseConfigCached(CONFIG, cache)).toStrictEqual(fresh());
    plantEntry(cache, CONFIG, { problems: 'no' } as unknown as ParsedConfig);
    expect(await parseConfigCached(CONFIG, cache)).toStrictEqual(fresh());
  });

  it('an unwritable cache directory (below a file) changes nothing, in core and in the CLI', async () => {
    const root = temp('unwritable');
    writeFileSync(join(root, 'blocker'), 'a file');
    const cache = cacheIn(join(root, 'blocker', 'cache'));
    expect(await parseConfigCached(CONFIG, cache)).toStrictEqual(fresh());
    writeFileSync(join(root, 'ops-roles.yaml'), CONFIG);
    const env = { OPS_ROLES_CACHE_DIR: cache.dir };
    expect(await cli(root, ['who', 'lead.txt'], env)).toEqual(await cli(root, ['--no-cache', 'who', 'lead.txt'], env));
  });

  it('an entry that is a directory is a miss', async () => {
    const cache = cacheIn();
    mkdirSync(entryPath(cache, CONFIG), { recursive: true });
    expect(await parseConfigCached(CONFIG, cache)).toStrictEqual(fresh());
  });
});

describe('the cache stays small', () => {
  it(`keeps the ${CONFIG_CACHE_ENTRIES} most recently used entries and removes a killed writer's old temporary file`, async () => {
    const cache = cacheIn();
    const texts = Array.from({ length: CONFIG_CACHE_ENTRIES + 3 }, (_, i) => CONFIG.replace('@t', `@t${i}`));
    const clock = Date.now() / 1000 - 10_000;
    // The first ones used long ago, in order (file times are coarse on some file systems).
    for (const [i, text] of texts.slice(0, CONFIG_CACHE_ENTRIES).entries()) {
      await parseConfigCached(text, cache);
      utimesSync(entryPath(cache, text), clock + i, clock + i);
    }
    // The first config used again: a hit, which makes it the most recent; then three new ones.
    expect(await parseConfigCached(texts[0]!, cache)).toStrictEqual(parseConfig(texts[0]!));
    for (const text of texts.slice(CONFIG_CACHE_ENTRIES)) await parseConfigCached(text, cache);
    const stale = join(cache.dir, `.${configCacheKey('x', BUILD)}.bin.123.abcdef.tmp`);
    writeFileSync(stale, 'half');
    utimesSync(stale, clock - 7200, clock - 7200);
    await parseConfigCached(CONFIG, cache);
    const kept = readdirSync(cache.dir).sort();
    const expected = [CONFIG, texts[0]!, ...texts.slice(-(CONFIG_CACHE_ENTRIES - 2))].map((t) => `${configCacheKey(t, BUILD)}.bin`).sort();
    expect(kept).toEqual(expected);
    expect(statSync(entryPath(cache, texts[0]!)).mtimeMs).toBeGreaterThan(clock * 1000 - 1000);
  });
});

describe('configCacheDir: the user cache directory, never a working tree', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u', '/x/cache/ops-roles'],
    [{ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u', '/home/u/.cache/ops-roles'],
    [{}, 'linux', '/home/u', '/home/u/.cache/ops-roles'],
    [{}, 'darwin', '/Users/u', '/Users/u/Library/Caches/ops-roles'],
    [{ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u', join('C:\\Users\\u\\AppData\\Local', 'ops-roles', 'Cache')],
    [{}, 'win32', 'C:\\Users\\u', undefined],
    [{}, 'linux', '', undefined],
  ])('%j on %s (home %s) is %s', (env, platform, home, expected) => {
    expect(configCacheDir(env, platform, home)).toBe(expected);
  });
});
