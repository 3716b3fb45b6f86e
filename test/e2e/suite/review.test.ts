// The Review view in the real editor: the example workspace becomes a git repository, a migration
// is modified, and the view (kept fresh by the built-in git extension's events, not by this test)
// lists the database administrator; Copy Review Request gives the same as Markdown.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { OpsRolesApi } from '../../../src/editor/extension';
import { activeExtension, workspaceFolder } from './extension';
import { test } from './harness';

const MIGRATION = 'migrations/002_add_refunds.sql';

function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

/** Polls `probe` until it returns a value (not undefined). */
async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

interface GitApiLike {
  openRepository(root: vscode.Uri): Promise<unknown>;
}

test(
  'Review view: modifying a file under migrations/ asks for the database administrator',
  async () => {
    const extension = await activeExtension();
    const api = extension.exports as OpsRolesApi;
    await api.ready();
    const folder = workspaceFolder();
    const root = folder.uri.fsPath;

    // The workspace is a plain copy of examples/: make it a repository with everything committed.
    await git(root, 'init', '-q', '-b', 'main');
    await git(root, 'add', '-A');
    await git(
      root,
      '-c',
      'user.name=Ops Roles Test',
      '-c',
      'user.email=test@example.com',
      '-c',
      'commit.gpgsign=false',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'example',
    );
    const gitExtension = vscode.extensions.getExtension<{ getAPI(v: 1): GitApiLike }>('vscode.git');
    assert.ok(gitExtension, 'the built-in git extension is present');
    const gitApi = (gitExtension.isActive ? gitExtension.exports : await gitExtension.activate()).getAPI(1);
    assert.ok(await gitApi.openRepository(folder.uri), 'the git extension opened the new repository');

    await vscode.commands.executeCommand('opsRoles.review.focus');
    const clean = await waitFor(
      'the Review view to show a clean work tree',
      () => {
        const s = api.reviewSnapshot()[0];
        return s && s.message === undefined && s.files.length === 0 ? s : undefined;
      },
      15_000,
    );
    assert.deepEqual(clean.roles, [], 'no roles before anything changed');

    const uri = vscode.Uri.joinPath(folder.uri, ...MIGRATION.split('/'));
    const before = await vscode.workspace.fs.readFile(uri);
    await vscode.workspace.fs.writeFile(uri, Buffer.concat([Buffer.from(before), Buffer.from('-- reviewed in the editor test\n')]));

    // Nothing here asks the view to refresh: the git extension's state event has to.
    const after = await waitFor(
      'the Review view to list the database administrator',
      () => {
        const s = api.reviewSnapshot()[0];
        return s && s.roles.includes('database-administrator') ? s : undefined;
      },
      30_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the view shows ${JSON.stringify(api.reviewSnapshot())}`);
    });
    assert.deepEqual(after.files, [MIGRATION]);
    assert.deepEqual(after.roles, ['database-administrator']);
    assert.deepEqual(after.unheldRoles, []);

    const markdown = await vscode.commands.executeCommand<string>('opsRoles.copyReviewRequest');
    assert.match(
      markdown,
      /- \[ \] \*\*Database administrator\*\* — @acme\/dba, dba-oncall@acme\.example — 1 file\n {2}- `migrations\/002_add_refunds\.sql` \(modified\)/,
    );

    // Leave the workspace as the other tests expect it.
    await vscode.workspace.fs.writeFile(uri, before);
  },
  { timeoutMs: 90_000 },
);
