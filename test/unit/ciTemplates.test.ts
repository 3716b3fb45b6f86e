/**
 * The GitLab CI template and the pre-commit hooks, run the way GitLab and pre-commit run them:
 * each job's script in bash with `set -eo pipefail` and the CI variables, each hook's entry in a
 * shell, on scratch repositories. `npx` is a shim on PATH that checks the package it is asked
 * for (@ops-roles/cli at this version) and runs the CLI bundled for the tests instead of
 * fetching it.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI_PACKAGE_NAME } from '../../scripts/cliPackage.mjs';
import { codeQualityIssues } from './codeQuality';
import { CLI_BIN, PROJECT_DIR } from './paths';
import { baseRepo, commitAll, git, useScratchRepositories, write } from './reviewFixtures';

useScratchRepositories();

const version = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')).version;
const pinned = `${CLI_PACKAGE_NAME}@${version}`;
const template = parse(readFileSync(join(PROJECT_DIR, 'ci/gitlab/ops-roles.gitlab-ci.yml'), 'utf8'));
const hooks: { id: string; entry: string; files: string; pass_filenames: boolean; language: string }[] = parse(
  readFileSync(join(PROJECT_DIR, '.pre-commit-hooks.yaml'), 'utf8'),
);

let shimDir: string;
beforeAll(() => {
  shimDir = mkdtempSync(join(tmpdir(), 'ops-roles-npx-shim-'));
  const shim = join(shimDir, 'npx');
  writeFileSync(
    shim,
    `#!/bin/sh\n[ "$1" = "--yes" ] && shift\nif [ "$1" != "${pinned}" ]; then echo "npx shim: asked for $1, expected ${pinned}" >&2; exit 99; fi\nshift\nexec "${process.execPath}" "${CLI_BIN}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
});
afterAll(() => rmSync(shimDir, { recursive: true, force: true }));

const CONFIG = `version: 1
roles:
  database-administrator: ["@acme/dba"]
  tool-smith: ["@acme/tools"]
ownership:
  - path: "migrations/**"
    roles: [database-administrator]
  - path: ["tools/", "/ops-roles.yaml", "/.gitignore", "/.github/", "/README.md", "/db/", "/src/app.ts"]
    roles: [tool-smith]
`;

function shell(dir: string, script: string, env: Record<string, string> = {}) {
  const r = spawnSync('bash', ['-eo', 'pipefail', '-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...template.variables, ...env, PATH: `${shimDir}:${process.env.PATH}` },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs a job of the template; returns its exit code, log and Code Quality report. */
function runJob(name: string, dir: string, env: Record<string, string> = {}) {
  const job = template[name];
  const r = shell(dir, job.script.join('\n'), env);
  const reportPath = join(dir, job.artifacts.reports.codequality);
  expect(existsSync(reportPath), `${name} wrote ${job.artifacts.reports.codequality}`).toBe(true);
  return { ...r, issues: codeQualityIssues(readFileSync(reportPath, 'utf8')) };
}

/** A merge request: branch `feature` off `main` with a migration and the given files. */
function mergeRequest(more: Record<string, string> = {}): string {
  const dir = baseRepo(CONFIG);
  git(dir, 'checkout', '-q', '-b', 'feature');
  write(dir, 'migrations/002.sql');
  for (const [p, t] of Object.entries(more)) write(dir, p, t);
  commitAll(dir, 'change');
  return dir;
}

describe('GitLab CI template', () => {
  it('pins the CLI package at this version and reports through Code Quality', () => {
    expect(template.variables.OPS_ROLES_VERSION).toBe(version);
    for (const job of ['ops-roles-check', 'ops-roles-review']) {
      expect(template[job].extends).toBe('.ops-roles');
      expect(template[job].script.join('\n')).toContain(`"${CLI_PACKAGE_NAME}@\${OPS_ROLES_VERSION}"`);
    }
  });

  it('ops-roles-check passes in sync with an empty report, and fails on drift with the drift in it', () => {
    const dir = mergeRequest();
    expect(shell(dir, `npx --yes ${pinned} generate`).code).toBe(0);
    const synced = runJob('ops-roles-check', dir);
    expect(synced.code).toBe(0);
    expect(synced.out).toContain('in sync:');
    expect(synced.issues).toEqual([]);

    appendFileSync(join(dir, '.github/CODEOWNERS'), '/migrations/ @mallory\n');
    const drifted = runJob('ops-roles-check', dir);
    expect(drifted.code).toBe(1);
    expect(drifted.out).toContain('drift:');
    expect(drifted.issues.map((i) => [i.check_name, i.location.path])).toEqual([
      ['ops-roles/check/drift', '.github/CODEOWNERS'],
      ['ops-roles/check/drift', '.github/CODEOWNERS'],
    ]);
  });

  it('ops-roles-review reports an unowned file, fails on it only when OPS_ROLES_FAIL_ON says so, and never sees its own report', () => {
    const dir = mergeRequest({ 'src/refunds.ts': 'export {};\n' });
    const env = { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' };
    const lenient = runJob('ops-roles-review', dir, env);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain('Database administrator (@acme/dba)');
    expect(lenient.issues.map((i) => [i.check_name, i.severity, i.location.path])).toEqual([['ops-roles/review/unowned', 'minor', 'src/refunds.ts']]);

    // Each job starts from a fresh checkout, without the report of the last one.
    rmSync(join(dir, template['ops-roles-review'].artifacts.reports.codequality));
    const strict = runJob('ops-roles-review', dir, { ...env, OPS_ROLES_FAIL_ON: 'unheld-role,unowned' });
    expect(strict.code).toBe(1);
    expect(strict.issues.map((i) => [i.severity, i.location.path])).toEqual([['major', 'src/refunds.ts']]);
  });
});

describe('pinned versions', () => {
  it('every pin of the CLI package, the Action or a release tag in the docs and templates is this version', () => {
    const files = [
      'README.md',
      'docs/codeowners.md',
      'docs/review.md',
      'packaging/cli/README.md',
      'ci/gitlab/ops-roles.gitlab-ci.yml',
      '.pre-commit-hooks.yaml',
    ];
    const pins = files.flatMap((f) => {
      const text = readFileSync(join(PROJECT_DIR, f), 'utf8');
      return [...text.matchAll(/@ops-roles\/cli@(\d[\w.-]*)|ops-roles\/ops-roles@v(\d[\w.-]*)|ops-roles\/v(\d[\w.-]*)\/ci|rev: v(\d[\w.-]*)/g)].map((m) => ({
        f,
        pin: m[1] ?? m[2] ?? m[3] ?? m[4],
      }));
    });
    expect(pins.length).toBeGreaterThan(5);
    expect(pins.filter((p) => p.pin !== version)).toEqual([]);
  });
});

describe('pre-commit hooks', () => {
  const hook = (id: string) => hooks.find((h) => h.id === id)!;

  it('ops-roles-validate and ops-roles-check run the pinned package on the files that matter', () => {
    expect(hooks.map((h) => h.id)).toEqual(['ops-roles-validate', 'ops-roles-check', 'ops-roles-lint']);
    for (const h of hooks) {
      expect(h.entry.startsWith(`npx --yes ${pinned} `)).toBe(true);
      expect(h.pass_filenames).toBe(false);
    }
    // pre-commit matches `files` with Python's re.search; these patterns read the same in JavaScript.
    const check = new RegExp(hook('ops-roles-check').files);
    for (const f of ['ops-roles.yaml', 'CODEOWNERS', '.github/CODEOWNERS', '.gitlab/CODEOWNERS', 'docs/CODEOWNERS']) expect(check.test(f), f).toBe(true);
    for (const f of ['src/CODEOWNERS.md', 'sub/ops-roles.yaml', 'README.md']) expect(check.test(f), f).toBe(false);
    expect(new RegExp(hook('ops-roles-validate').files).test('ops-roles.yaml')).toBe(true);
    expect(new RegExp(hook('ops-roles-lint').files).test('.github/CODEOWNERS')).toBe(true);
    expect(new RegExp(hook('ops-roles-lint').files).test('ops-roles.yaml')).toBe(false);
  });

  it('the entries pass on a repository in sync and fail on drift and on an invalid ops-roles.yaml', () => {
    const dir = mergeRequest();
    expect(shell(dir, `npx --yes ${pinned} generate`).code).toBe(0);
    expect(shell(dir, hook('ops-roles-check').entry).code).toBe(0);
    expect(shell(dir, hook('ops-roles-validate').entry).code).toBe(0);
    expect(shell(dir, hook('ops-roles-lint').entry).code).toBe(0);

    appendFileSync(join(dir, '.github/CODEOWNERS'), '/migrations/ @mallory\n');
    expect(shell(dir, hook('ops-roles-check').entry).code).toBe(1);
    write(dir, 'ops-roles.yaml', CONFIG.replace('roles: [tool-smith]', 'roles: [no-such-role]'));
    const invalid = shell(dir, hook('ops-roles-validate').entry);
    expect(invalid.code).toBe(1);
    expect(invalid.out).toMatch(/^ops-roles\.yaml:\d+:\d+: error: /m);
  });
});
