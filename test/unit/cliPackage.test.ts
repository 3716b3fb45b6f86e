/**
 * The CLI the way a user gets it: the npm package `npm run package` writes, installed from its
 * tarball into an empty folder outside this repository and run with `npx`, on fixture
 * repositories that are in sync and that have drifted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PACKAGE_NAME, packCli } from '../../scripts/cliPackage.mjs';
import { CLI_BIN, PROJECT_DIR } from './paths';

const version = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')).version;
let scratch: string;
let tarball: string;
let project: string;

// Nothing from this checkout may leak into the installed CLI's process.
const env = { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

function npx(args: string[]) {
  const r = spawnSync('npx', ['--no-install', 'ops-roles', ...args], { cwd: project, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function fixture(name: string): string {
  const dir = join(scratch, name);
  const files = {
    'ops-roles.yaml':
      'version: 1\nroles:\n  database-administrator: ["@acme/dba"]\n  operations-manager: ["@acme/ops"]\nownership:\n  - path: "*"\n    roles: [operations-manager]\n  - path: "migrations/**"\n    roles: [database-administrator]\n',
    'migrations/001_init.sql': 'create table t();\n',
    'README.md': '# app\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ops-roles-cli-package-'));
  tarball = packCli(PROJECT_DIR, join(scratch, 'out'), CLI_BIN);
  project = join(scratch, 'empty-project');
  mkdirSync(project);
  execFileSync('npm', ['install', '--offline', '--no-save', tarball], { cwd: project, env, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the CLI npm package', () => {
  it('is ops-roles-cli-<version>.tgz holding the bundle, README and LICENSE, without runtime dependencies', () => {
    expect(basename(tarball)).toBe(`ops-roles-cli-${version}.tgz`);
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(['package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/package.json']);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', CLI_PACKAGE_NAME, 'package.json'), 'utf8'));
    expect(installed).toMatchObject({ name: '@ops-roles/cli', version, bin: { 'ops-roles': 'dist/cli.js' }, engines: { node: '>=20' }, license: 'MIT' });
    expect(installed.dependencies).toBeUndefined();
    expect(installed.private).toBeUndefined();
  });

  it('npx ops-roles --version prints the package version', () => {
    const r = npx(['--version']);
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe(version);
    expect(r.code).toBe(0);
  });

  it('check exits 0 on a repository in sync and 1 once its CODEOWNERS drifts', () => {
    const repo = fixture('repo');
    expect(npx(['generate', '--root', repo]).code).toBe(0);
    const synced = npx(['check', '--root', repo]);
    expect(synced.out).toContain('in sync: 4 files');
    expect(synced.code).toBe(0);

    appendFileSync(join(repo, '.github/CODEOWNERS'), '/migrations/ @someone-else\n');
    const drifted = npx(['check', '--root', repo]);
    expect(drifted.out).toContain('drift: 1 of 4 files');
    expect(drifted.code).toBe(1);
  });
});
