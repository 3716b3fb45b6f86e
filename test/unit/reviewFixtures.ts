/**
 * What the review tests share: two configs, a model built from one, and scratch git repositories
 * (review.git.test.ts and review.cli.test.ts call useScratchRepositories() once, at the top).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { OwnershipModel } from '../../src/core/ownership';

export const CONFIG = `version: 1
roles:
  operations-manager: ["@acme/ops-leads"]
  tool-smith: ["@acme/tools"]
  devops-engineer: ["@alice"]
  database-administrator: ["@acme/dba"]
  release-manager: []
  operations-engineer: ["@acme/sre"]
ownership:
  - path: "*"
    roles: [operations-manager]
  - path: "tools/"
    roles: [tool-smith]
  - path: ["migrations/**", "db/"]
    roles: [database-administrator]
  - path: "deploy/"
    roles: [release-manager, operations-engineer]
`;

/** Nobody holds anything a migration needs, and the fallback chain has no holders either. */
export const UNHELD_CONFIG = `version: 1
roles:
  tool-smith: ["@acme/tools"]
  database-administrator: []
ownership:
  - path: "tools/"
    roles: [tool-smith]
  - path: "migrations/**"
    roles: [database-administrator]
`;

export const modelOf = (text: string) => {
  const parsed = parseConfig(text);
  expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return new OwnershipModel(parsed.config);
};

// ---- scratch git repositories ----

const savedEnv: Record<string, string | undefined> = {};
let scratch: string;
let emptyGlobal: string;

/** Registers, in the calling test file, the hooks that make and remove its scratch folder. */
export function useScratchRepositories(): void {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'ops-roles-review-'));
    emptyGlobal = join(scratch, 'gitconfig');
    writeFileSync(emptyGlobal, '');
    // The machine's own git settings (default branch name, hooks, signing) must not leak in, nor a
    // repository that happens to enclose the temp folder.
    for (const [k, v] of Object.entries({ GIT_CONFIG_GLOBAL: emptyGlobal, GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: scratch })) {
      savedEnv[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(scratch, { recursive: true, force: true });
  });
}

let counter = 0;
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
export function write(dir: string, path: string, text = `${path}\n`): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
/** A new repository on branch `main` (no commits); `files` are written but not added. */
export function initRepo(files: Record<string, string> = {}, config = CONFIG): string {
  const dir = join(scratch, `repo-${++counter}`);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  write(dir, 'ops-roles.yaml', config);
  for (const [p, t] of Object.entries(files)) write(dir, p, t);
  return dir;
}
export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}
/** A repository with one commit on `main` holding a typical layout. */
export function baseRepo(config = CONFIG): string {
  const dir = initRepo(
    {
      'README.md': '# app\n',
      'migrations/001_init.sql': 'create table a (id int);\n',
      'db/seed.sql': 'insert into a values (1);\n',
      'tools/lint.sh': 'echo lint\n',
      'src/app.ts': 'export {};\n',
      '.gitignore': 'build/\n',
    },
    config,
  );
  commitAll(dir, 'initial');
  return dir;
}
/** A new empty folder in the scratch folder, outside any git repository. */
export function plainFolder(): string {
  const dir = join(scratch, `plain-${++counter}`);
  mkdirSync(dir);
  return dir;
}
