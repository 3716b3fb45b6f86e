// Workspaces a user-check file declares for itself. By default every file's checks run on a copy
// of examples/; a file that exports `workspace` gets its own instead:
//
//   export const workspace = {
//     fixture: 'monorepo',        // test/e2e/fixtures/<fixture>, copied fresh for this file
//     git: ['.'],                 // folders of the copy made into git repositories, one commit each
//     open: 'services/api',       // the folder to open (default: the copy itself), or
//     workspaceFile: 'x.code-workspace', // a multi-root workspace file inside the copy
//   };
//
// Fixtures cannot hold a .git folder (it would be the project's), so the repositories are made here.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** The same identity and no user or system config, so the commit is the same on every machine. */
function git(cwd, args) {
  execFileSync('git', ['-c', 'user.name=Ops Roles tests', '-c', 'user.email=tests@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

/** Makes `dir` a repository with everything below it committed. */
function initRepository(dir) {
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'fixture']);
}

/**
 * Prepares the workspace `spec` describes under `baseDir` and returns how to open it:
 * `{ root, folder, query }` where `query` is the workbench URL's `folder=`/`workspace=` part.
 */
export function prepareWorkspace(spec, baseDir, name) {
  const source = path.join(FIXTURES_DIR, spec.fixture);
  if (!fs.existsSync(source)) throw new Error(`test/e2e/fixtures/${spec.fixture} does not exist`);
  const root = path.join(baseDir, `workspace-${name}`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.cpSync(source, root, { recursive: true });
  for (const repo of spec.git ?? []) initRepository(path.join(root, repo));
  if (spec.workspaceFile) {
    const file = path.join(root, spec.workspaceFile);
    // Absolute folder paths: the workbench opens a workspace file by its remote URI.
    const content = JSON.parse(fs.readFileSync(file, 'utf8'));
    content.folders = content.folders.map((f) => ({ ...f, path: path.resolve(path.dirname(file), f.path) }));
    fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
    return { root, folder: root, query: `workspace=${encodeURIComponent(file)}` };
  }
  const folder = path.join(root, spec.open ?? '.');
  return { root, folder, query: `folder=${encodeURIComponent(folder)}` };
}
