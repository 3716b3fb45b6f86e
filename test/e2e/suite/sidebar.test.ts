// The Ops Roles sidebar over the example workspace: the Roles, This File and Coverage trees read
// through their TreeDataProviders (the extension's test hook walks getChildren/getTreeItem as the
// workbench does), and the commands behind their rows, title bar and "Reveal in Ops Roles".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpsRolesApi } from '../../../src/editor/extension';
import type { TreeRow } from '../../../src/editor/sidebar/sidebar';
import { activeExtension, openFile, workspaceFolder } from './extension';
import { test } from './harness';

async function api(): Promise<OpsRolesApi> {
  const extension = await activeExtension();
  const exported = extension.exports as OpsRolesApi;
  await exported.ready();
  return exported;
}

function uri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...rel.split('/'));
}

/** Polls `probe` until it returns a value (not undefined), or fails saying what it saw last. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, seen?: () => unknown): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${seen ? `; saw ${JSON.stringify(await seen())}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function row(rows: readonly TreeRow[] | undefined, label: string): TreeRow {
  const found = rows?.find((r) => r.label === label);
  assert.ok(found, `no row "${label}" among ${JSON.stringify(rows?.map((r) => r.label))}`);
  return found;
}

const labels = (rows: readonly TreeRow[] | undefined): string[] => (rows ?? []).map((r) => r.label);
const pairs = (rows: readonly TreeRow[] | undefined): [string, string | undefined][] => (rows ?? []).map((r) => [r.label, r.description]);

async function focus(view: 'roles' | 'thisFile' | 'coverage', exported: OpsRolesApi): Promise<void> {
  await vscode.commands.executeCommand(`opsRoles.${view}.focus`);
  await waitFor(`the ${view} view to be visible`, () => (exported.sidebar.view(view).visible ? true : undefined));
}

test('Roles view: every role, built-in and custom, with holder and file counts; a vacant role shows its fallback', async () => {
  const { sidebar } = await api();
  const roles = await sidebar.tree('roles', 1);
  assert.deepEqual(labels(roles), [
    'Operations engineer',
    'Operations manager',
    'Tool smith',
    'DevOps engineer',
    'Database administrator',
    'Release manager',
    'Security reviewer',
  ]);
  assert.equal(row(roles, 'Database administrator').description, '2 holders · 3 files');
  assert.equal(row(roles, 'Release manager').description, 'nobody → DevOps engineer · 4 files');
  assert.equal(row(roles, 'Release manager').contextValue, 'opsRoles.role.vacant');
  assert.equal(row(roles, 'Security reviewer').description, '1 holder · 1 file');
  assert.match(row(roles, 'Security reviewer').tooltip ?? '', /Reviews authentication, secrets and access control/);
});

test('Roles view: a role expands to its holders, the rules that give it paths, and its files', async () => {
  const { sidebar } = await api();
  const roles = await sidebar.tree('roles', 4);
  const dba = row(roles, 'Database administrator').children;
  assert.deepEqual(pairs(dba), [
    ['@acme/dba', 'team'],
    ['dba-oncall@acme.example', 'e-mail'],
    ['migrations/**, db/', 'line 26 · 3 files'],
    ['Files', '3 files'],
  ]);
  assert.equal(row(dba, 'migrations/**, db/').contextValue, 'opsRoles.rule');
  assert.deepEqual(pairs(row(dba, 'Files').children), [
    ['seed.sql', 'db'],
    ['001_create_payments.sql', 'migrations'],
    ['002_add_refunds.sql', 'migrations'],
  ]);
  assert.equal(row(row(dba, 'Files').children, 'seed.sql').contextValue, 'opsRoles.roleFile');
  const release = row(roles, 'Release manager').children;
  assert.deepEqual(pairs(release)[0], ['Nobody holds this role', 'falls back to DevOps engineer: @alice']);
  assert.deepEqual(labels(release).slice(1), ['deploy/, .github/workflows/release*.yml, CHANGELOG.md', 'Files']);
});

test('Roles view: clicking a rule opens ops-roles.yaml at that rule', async () => {
  const { sidebar } = await api();
  const rule = row(row(await sidebar.tree('roles', 2), 'Database administrator').children, 'migrations/**, db/');
  assert.ok(rule.command, 'the rule row has a click command');
  await vscode.commands.executeCommand(rule.command.command, ...rule.command.arguments);
  const editor = await waitFor('ops-roles.yaml in the active editor', () => {
    const e = vscode.window.activeTextEditor;
    return e?.document.uri.path.endsWith('/ops-roles.yaml') ? e : undefined;
  });
  assert.equal(editor.selection.active.line + 1, 26);
  assert.match(editor.document.lineAt(editor.selection.active.line).text, /- path: \["migrations\/\*\*", "db\/"\]/);
  // The inline "Open rule" action does the same from the row itself.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await openFile('migrations/001_create_payments.sql');
  await waitFor('This File to follow the editor', async () =>
    (await sidebar.tree('thisFile', 1)).some((r) => r.label === 'Decided by migrations/**') ? true : undefined,
  );
  const node = await sidebar.node('thisFile', (r) => r.label === 'Decided by migrations/**');
  const opened = await vscode.commands.executeCommand<{ line: number }>('opsRoles.sidebar.openRule', node);
  assert.deepEqual(opened, { line: 26 });
  assert.equal(vscode.window.activeTextEditor?.selection.active.line, 25);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('Reveal in Ops Roles selects the file under its role, expanding the rows above it (getParent)', async () => {
  const exported = await api();
  const key = workspaceFolder().uri.toString();
  const revealed = await vscode.commands.executeCommand<{ view: string; id: string }>('opsRoles.revealInSidebar', uri('migrations/002_add_refunds.sql'));
  assert.deepEqual(revealed, { view: 'opsRoles.roles', id: `${key}#role:database-administrator/f:migrations/002_add_refunds.sql` });
  await waitFor(
    'the revealed row to be selected',
    () => (exported.sidebar.selection('roles').includes(revealed.id) ? true : undefined),
    10_000,
    () => exported.sidebar.selection('roles'),
  );
  assert.equal(exported.sidebar.view('roles').visible, true);
});

test('This File view follows the active editor: roles, holders, the deciding rule and the rules it overrides', async () => {
  const { sidebar } = await api();
  await openFile('deploy/release.sh');
  const rows = await waitFor('This File to show deploy/release.sh', async () =>
    sidebar.view('thisFile').description === 'deploy/release.sh' ? sidebar.tree('thisFile', 3) : undefined,
  );
  assert.deepEqual(pairs(rows), [
    ['Release manager', 'nobody holds it → DevOps engineer'],
    ['Operations engineer', undefined],
    ['Decided by deploy/', 'ops-roles.yaml:28'],
    ['Overrides', '1 earlier rule'],
  ]);
  assert.deepEqual(pairs(row(rows, 'Release manager').children), [['@alice', 'person, via DevOps engineer']]);
  assert.deepEqual(pairs(row(rows, 'Operations engineer').children), [['@acme/sre', 'team']]);
  assert.deepEqual(pairs(row(rows, 'Overrides').children), [['*', 'line 18 · Operations manager']]);
  assert.deepEqual(row(rows, 'Decided by deploy/').command?.arguments, [workspaceFolder().uri.toString(), 28]);

  await openFile('README.md');
  const readme = await waitFor('This File to follow to README.md', async () =>
    sidebar.view('thisFile').description === 'README.md' ? sidebar.tree('thisFile', 1) : undefined,
  );
  assert.deepEqual(labels(readme), ['Operations manager', 'Decided by *']);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('Coverage view: vacant and single-holder roles and a missing CODEOWNERS, counted on the badge; generating clears the drift', async () => {
  const exported = await api();
  const { sidebar } = exported;
  const codeowners = uri('.github/CODEOWNERS');
  // Earlier tests may have left one; this test starts from none.
  await vscode.workspace.fs.delete(codeowners).then(undefined, () => undefined);
  await focus('coverage', exported);
  // The CODEOWNERS watcher and the file list catch up with the deletion on their own.
  const rows = await waitFor(
    'the Coverage view to miss the CODEOWNERS',
    async () => {
      await sidebar.coverageSettled();
      const now = await sidebar.tree('coverage', 2);
      return now[0]?.label === 'No .github/CODEOWNERS yet' ? now : undefined;
    },
    15_000,
    async () => labels(await sidebar.tree('coverage', 1)),
  );
  assert.deepEqual(pairs(rows), [
    ['No .github/CODEOWNERS yet', undefined],
    ['Roles nobody holds', '1'],
    ['Roles held by one person', '1'],
  ]);
  assert.deepEqual(pairs(row(rows, 'Roles nobody holds').children), [['Release manager', 'falls back to DevOps engineer: @alice']]);
  assert.deepEqual(pairs(row(rows, 'Roles held by one person').children), [['DevOps engineer', 'only @alice']]);
  assert.equal(row(rows, 'No .github/CODEOWNERS yet').command?.command, 'opsRoles.generate');
  assert.deepEqual(sidebar.view('coverage').badge, { value: 3, tooltip: '1 CODEOWNERS out of date, 1 role nobody holds, 1 role held by one person' });
  assert.match(sidebar.view('coverage').description ?? '', /^\d+ of \d+ files owned \(100%\)$/);

  const outcome = await vscode.commands.executeCommand<{ status: string }>('opsRoles.generate', workspaceFolder().uri, { yes: true });
  assert.equal(outcome.status, 'written');
  // Nothing asks the view: the CODEOWNERS watcher has to.
  await waitFor(
    'the drift group to go',
    () => (sidebar.view('coverage').badge?.value === 2 ? true : undefined),
    15_000,
    () => sidebar.view('coverage').badge,
  );
  assert.deepEqual(labels(await sidebar.tree('coverage', 1)), ['Roles nobody holds', 'Roles held by one person']);
});

test('An edit to ops-roles.yaml redraws only the role it changed, and the Coverage badge follows', async () => {
  const exported = await api();
  const { sidebar } = exported;
  await focus('roles', exported);
  await sidebar.tree('roles', 2);
  const document = await vscode.workspace.openTextDocument(uri('ops-roles.yaml'));
  const original = document.getText();
  const from = 'release-manager: []';
  const at = original.indexOf(from);
  assert.ok(at >= 0);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), 'release-manager: ["@acme/release"]');
  assert.ok(await vscode.workspace.applyEdit(edit));
  try {
    const key = workspaceFolder().uri.toString();
    await waitFor('the Roles view to redraw the release manager', async () =>
      row(await sidebar.tree('roles', 1), 'Release manager').description === '1 holder · 4 files' ? true : undefined,
    );
    assert.deepEqual(sidebar.lastRolesRefresh(), [`${key}#role:release-manager`]);
    await waitFor('the Coverage badge to drop the vacant role', async () => {
      await sidebar.coverageSettled();
      return labels(await sidebar.tree('coverage', 1)).includes('Roles nobody holds') ? undefined : true;
    });
  } finally {
    const back = new vscode.WorkspaceEdit();
    back.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
    await vscode.workspace.applyEdit(back);
    await document.save();
  }
});

test('Without the catch-all rule, Coverage lists the unowned files and Reveal selects one there', async () => {
  const exported = await api();
  const { sidebar } = exported;
  await focus('coverage', exported);
  const document = await vscode.workspace.openTextDocument(uri('ops-roles.yaml'));
  const original = document.getText();
  const from = '- path: "*"';
  const at = original.indexOf(from);
  assert.ok(at >= 0);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), '- path: "README.md"');
  assert.ok(await vscode.workspace.applyEdit(edit));
  try {
    const rows = await waitFor(
      'the unowned files',
      async () => {
        await sidebar.coverageSettled();
        const now = await sidebar.tree('coverage', 2);
        return now.some((r) => r.label === 'Unowned files') ? now : undefined;
      },
      10_000,
      async () => labels(await sidebar.tree('coverage', 1)),
    );
    const unowned = row(rows, 'Unowned files');
    assert.ok(Number(unowned.description) >= 5, `unowned count ${unowned.description}`);
    assert.deepEqual(
      (unowned.children ?? []).filter((r) => r.description !== '.github').map((r) => [r.label, r.description, r.contextValue]),
      [
        ['architecture.md', 'docs', 'opsRoles.unownedFile'],
        ['ops-roles.yaml', undefined, 'opsRoles.unownedFile'],
        ['refunds.ts', 'src/api', 'opsRoles.unownedFile'],
        ['server.ts', 'src/api', 'opsRoles.unownedFile'],
        ['index.html', 'src/web', 'opsRoles.unownedFile'],
      ],
    );
    assert.ok((sidebar.view('coverage').badge?.value ?? 0) >= 7, JSON.stringify(sidebar.view('coverage').badge));
    const revealed = await vscode.commands.executeCommand<{ view: string; id: string }>('opsRoles.revealInSidebar', uri('src/web/index.html'));
    assert.deepEqual(revealed, { view: 'opsRoles.coverage', id: `${workspaceFolder().uri.toString()}#unowned/f:src/web/index.html` });
    await waitFor(
      'the unowned file to be selected',
      () => (sidebar.selection('coverage').includes(revealed.id) ? true : undefined),
      10_000,
      () => sidebar.selection('coverage'),
    );
  } finally {
    const back = new vscode.WorkspaceEdit();
    back.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
    await vscode.workspace.applyEdit(back);
    await document.save();
  }
});

test('Filtering by a holder shows the roles that holder answers for, fallbacks included', async () => {
  const { sidebar } = await api();
  await vscode.commands.executeCommand('opsRoles.sidebar.filter', { holder: '@alice' });
  try {
    assert.deepEqual(labels(await sidebar.tree('roles', 1)), ['DevOps engineer', 'Release manager']);
    assert.equal(sidebar.view('roles').description, 'holder @alice');
    await vscode.commands.executeCommand('opsRoles.sidebar.filter', { role: 'database-administrator' });
    assert.deepEqual(labels(await sidebar.tree('roles', 1)), ['Database administrator']);
  } finally {
    await vscode.commands.executeCommand('opsRoles.sidebar.clearFilter');
  }
  assert.equal((await sidebar.tree('roles', 1)).length, 7);
});

test("Copy holders puts a role's holders (or its fallback's) on the clipboard", async () => {
  const { sidebar } = await api();
  const node = await sidebar.node('roles', (r) => r.label === 'Database administrator');
  assert.equal(await vscode.commands.executeCommand('opsRoles.sidebar.copyHolders', node), '@acme/dba dba-oncall@acme.example');
  assert.equal(await vscode.env.clipboard.readText(), '@acme/dba dba-oncall@acme.example');
  const release = await sidebar.node('roles', (r) => r.label === 'Release manager');
  assert.equal(await vscode.commands.executeCommand('opsRoles.sidebar.copyHolders', release), '@alice');
});
