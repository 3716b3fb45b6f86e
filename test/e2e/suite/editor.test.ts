// The editor features over the example workspace (a copy of examples/), through the same
// command-level APIs VS Code's own UI uses: CodeLens titles, hover contents, diagnostics with
// ranges and quick fixes, completion, and each command's effect.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { OpsRolesApi } from '../../../src/editor/extension';
import { activeExtension, hoverText, openFile, workspaceFolder } from './extension';
import { test } from './harness';

async function api(): Promise<OpsRolesApi> {
  const extension = await activeExtension();
  const exported = extension.exports as OpsRolesApi;
  await exported.ready();
  return exported;
}

function uri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, rel);
}

/** Polls `probe` until it returns a value (not undefined), or fails with the last state. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The CodeLenses of a workspace file, resolved. */
async function lenses(rel: string): Promise<vscode.CodeLens[]> {
  // The execute*Provider commands answer only for documents the editor has loaded.
  await vscode.workspace.openTextDocument(uri(rel));
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri(rel))) ?? [];
}

async function lensTitles(rel: string): Promise<string[]> {
  return (await lenses(rel)).filter((l) => l.command).map((l) => l.command!.title);
}

/** Position of the first occurrence of `needle` in a workspace file (0-based line/character). */
async function find(rel: string, needle: string, offsetInNeedle = 0): Promise<vscode.Position> {
  const document = await vscode.workspace.openTextDocument(uri(rel));
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not found in ${rel}`);
  return document.positionAt(at + offsetInNeedle);
}

/** Replace text in ops-roles.yaml in memory (never saved), run `fn`, then put it back. */
async function withConfigEdit<T>(from: string, to: string, fn: (document: vscode.TextDocument) => Promise<T>): Promise<T> {
  const document = await vscode.workspace.openTextDocument(uri('ops-roles.yaml'));
  const original = document.getText();
  const at = original.indexOf(from);
  assert.ok(at >= 0, `"${from}" not in ops-roles.yaml`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
  try {
    return await fn(document);
  } finally {
    const back = new vscode.WorkspaceEdit();
    back.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
    await vscode.workspace.applyEdit(back);
    assert.equal(document.getText(), original);
  }
}

test('CodeLens on line 1 names the owning role and its holders', async () => {
  await api();
  assert.deepEqual(await lensTitles('migrations/001_create_payments.sql'), ['Database administrator · @acme/dba dba-oncall@acme.example']);
  assert.deepEqual(await lensTitles('src/api/auth/session.ts'), ['Security reviewer · @acme/security']);
  assert.deepEqual(await lensTitles('README.md'), ['Operations manager · @acme/ops-leads']);
  const readme = await lenses('README.md');
  assert.equal(readme[0]?.range.start.line, 0);
  assert.equal(readme[0]?.command?.command, 'opsRoles.openConfigAt');
  assert.match(String(readme[0]?.command?.tooltip), /Rule ops-roles\.yaml:18 {2}"\*"/);
});

test('CodeLens shows the fallback of a role nobody holds', async () => {
  await api();
  assert.deepEqual(await lensTitles('deploy/release.sh'), ['Release manager → DevOps engineer, Operations engineer · @alice @acme/sre']);
});

test('CodeLens follows unsaved edits of ops-roles.yaml: Unowned, with an action to add a rule', async () => {
  await api();
  await withConfigEdit('  - path: "*"\n    roles: [operations-manager]\n', '', async () => {
    const titles = await waitFor('README.md to become unowned', async () => {
      const t = await lensTitles('README.md');
      return t[0] === 'Unowned' ? t : undefined;
    });
    assert.deepEqual(titles, ['Unowned', 'Add a rule']);
  });
  await waitFor('README.md owned again', async () => ((await lensTitles('README.md'))[0]?.startsWith('Operations manager') ? true : undefined));
});

test('Add a rule (the Unowned CodeLens action) appends a rule for the file and puts the cursor in its roles', async () => {
  await api();
  await withConfigEdit('  - path: "*"\n    roles: [operations-manager]\n', '', async (document) => {
    await waitFor('README.md unowned', async () => ((await lensTitles('README.md'))[0] === 'Unowned' ? true : undefined));
    const addRule = (await lenses('README.md')).find((l) => l.command?.title === 'Add a rule')!.command!;
    const result = await vscode.commands.executeCommand<{ line: number }>(addRule.command, ...(addRule.arguments ?? []));
    await vscode.commands.executeCommand('hideSuggestWidget');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), document.uri.toString());
    // eslint-disable-next-line no-regex-spaces -- the pattern is the YAML as the editor writes it; its indentation reads best as spaces
    assert.match(document.getText(), /  - path: "runbooks\/"\n    roles: \[operations-manager\]\n  - path: "README\.md"\n    roles: \[\]\n/);
    assert.equal(editor.selection.active.line + 1, result.line);
    assert.equal(document.lineAt(editor.selection.active.line).text.slice(0, editor.selection.active.character), '    roles: [');
    assert.equal(document.isDirty, true, 'the rule is added in the editor, not saved');
  });
});

test('CodeLens above each rule of ops-roles.yaml counts its files and names shadowing rules', async () => {
  await api();
  const byLine = new Map((await lenses('ops-roles.yaml')).map((l) => [l.range.start.line + 1, l.command?.title]));
  assert.equal(byLine.get(26), '3 files', `lenses: ${JSON.stringify([...byLine])}`);
  assert.equal(byLine.get(32), '1 file');
  await withConfigEdit(
    '  - path: "runbooks/"\n    roles: [operations-manager]\n',
    '  - path: "runbooks/"\n    roles: [operations-manager]\n  - path: "runbooks/**"\n    roles: [devops-engineer]\n',
    async () => {
      const title = await waitFor('a shadowed lens', async () => {
        const t = (await lenses('ops-roles.yaml')).find((l) => l.range.start.line + 1 === 32)?.command?.title;
        return t?.startsWith('shadowed') ? t : undefined;
      });
      assert.equal(title, 'shadowed by line 34');
    },
  );
});

test('hover over an import specifier says who owns the imported file', async () => {
  await api();
  const at = await find('src/api/server.ts', './auth/session', 4);
  const text = await hoverText('src/api/server.ts', at.line, at.character);
  assert.match(text, /Security reviewer · @acme\/security/);
  assert.match(text, /\[ops-roles\.yaml:30\]\(command:opsRoles\.openConfigAt\?/);
  assert.match(text, /command:opsRoles\.openConfigAt/);
});

test('hover over a path in Markdown says who owns it', async () => {
  await api();
  const at = await find('docs/architecture.md', 'src/api/server.ts', 3);
  const text = await hoverText('docs/architecture.md', at.line, at.character);
  assert.match(text, /Operations manager · @acme\/ops-leads/);
  assert.match(text, /Leads the operations team/);
});

test('hover in ops-roles.yaml: a pattern counts its files, a role shows its card', async () => {
  await api();
  const pattern = await find('ops-roles.yaml', '"migrations/**"', 3);
  const patternText = await hoverText('ops-roles.yaml', pattern.line, pattern.character);
  assert.match(patternText, /Matches 2 files; this rule decides 2 of them/);
  assert.match(patternText, /migrations\/001_create_payments\.sql/);
  const role = await find('ops-roles.yaml', 'devops-engineer: ["@alice"]', 2);
  const roleText = await hoverText('ops-roles.yaml', role.line, role.character);
  assert.match(roleText, /\*\*DevOps engineer\*\*/);
  assert.match(roleText, /Holders: `@alice`/);
  const vacant = await find('ops-roles.yaml', 'release-manager: []', 2);
  assert.match(await hoverText('ops-roles.yaml', vacant.line, vacant.character), /Nobody holds it; falls back to \*\*DevOps engineer\*\*/);
});

test('diagnostics follow unsaved edits, with 0-based ranges and quick fixes', async () => {
  await api();
  await withConfigEdit('roles: [tool-smith]', 'roles: [tool-smit]', async (document) => {
    const diagnostic = await waitFor('an unknown-role diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unknown-role'));
    assert.match(diagnostic.message, /unknown role "tool-smit".*did you mean "tool-smith"/);
    const at = document.getText().indexOf('tool-smit]');
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
      [document.positionAt(at).line, document.positionAt(at).character, document.positionAt(at).line, document.positionAt(at).character + 'tool-smit'.length],
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range)) ?? [];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Change to "tool-smith"'), `actions: ${titles.join(' | ')}`);
    assert.ok(titles.includes('Create role "tool-smit" under roles:'), `actions: ${titles.join(' | ')}`);
  });
  await waitFor('the diagnostic to clear', () =>
    vscode.languages.getDiagnostics(uri('ops-roles.yaml')).some((d) => d.code === 'unknown-role') ? undefined : true,
  );
});

test('a duplicate rule gets a warning and a quick fix that removes it', async () => {
  await api();
  await withConfigEdit('  - path: "runbooks/"\n', '  - path: "Makefile"\n    roles: [devops-engineer]\n  - path: "runbooks/"\n', async (document) => {
    const diagnostic = await waitFor('a duplicate-rule diagnostic', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'duplicate-rule'),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range)) ?? [];
    const fix = actions.find((a) => a.title === 'Remove "Makefile" from this rule');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes('path: [".github/workflows/", "tools/"]'), document.getText());
  });
});

test('completion offers role ids in a rule and holders in roles:', async () => {
  await api();
  await withConfigEdit('roles: [security-reviewer]', 'roles: [security-reviewer, ]', async (document) => {
    const at = document.positionAt(document.getText().indexOf('security-reviewer, ]') + 'security-reviewer, '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const id of ['database-administrator', 'release-manager', 'security-reviewer']) assert.ok(labels.includes(id), `labels: ${labels.join(', ')}`);
  });
  await withConfigEdit('devops-engineer: ["@alice"]', 'devops-engineer: ["@alice", ]', async (document) => {
    const at = document.positionAt(document.getText().indexOf('"@alice", ]') + '"@alice", '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const h of ['@acme/dba', '@acme/sre', 'dba-oncall@acme.example']) assert.ok(labels.includes(h), `labels: ${labels.join(', ')}`);
  });
});

test('Who owns this file? shows roles, holders and the rule', async () => {
  await api();
  await openFile('migrations/002_add_refunds.sql');
  const result = await vscode.commands.executeCommand<{ title: string; items: { label: string; description?: string }[]; summary: string }>('opsRoles.whoOwns');
  try {
    assert.equal(result.title, 'Who owns migrations/002_add_refunds.sql?');
    assert.equal(result.summary, 'Database administrator · @acme/dba dba-oncall@acme.example');
    const labels = result.items.map((i) => i.label);
    assert.ok(labels.includes('$(organization) Database administrator'), labels.join(' | '));
    assert.ok(labels.includes('$(person) @acme/dba'), labels.join(' | '));
    assert.ok(labels.includes('$(go-to-file) ops-roles.yaml:26'), labels.join(' | '));
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
});

test('Explain ownership lists every matching rule and marks the one that decides', async () => {
  await api();
  const result = await vscode.commands.executeCommand<{ items: { label: string; detail?: string }[] }>('opsRoles.explain', uri('deploy/release.sh'));
  try {
    const rules = result.items.filter((i) => i.label.includes('ops-roles.yaml:'));
    assert.deepEqual(
      rules.map((r) => r.label),
      ['$(circle-outline) ops-roles.yaml:18  *', '$(pass-filled) ops-roles.yaml:28  deploy/'],
    );
    assert.ok(result.items.some((i) => i.detail === 'Nobody holds Release manager; falls back to DevOps engineer.'));
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
});

test('Open rule for this file opens ops-roles.yaml at the deciding rule', async () => {
  await api();
  await openFile('infra/terraform/main.tf');
  await vscode.commands.executeCommand('opsRoles.openRule');
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an active editor');
  assert.ok(editor.document.uri.path.endsWith('/ops-roles.yaml'), editor.document.uri.path);
  assert.equal(editor.selection.start.line + 1, 20);
});

test('Show coverage opens a Markdown report', async () => {
  await api();
  const result = await vscode.commands.executeCommand<{ document: vscode.TextDocument }>('opsRoles.showCoverage');
  assert.equal(result.document.languageId, 'markdown');
  const text = result.document.getText();
  assert.match(text, /^# Ops Roles coverage: /);
  assert.match(text, /\*\*\d+ of \d+ files owned \(100\.0%\)\.\*\*/);
  assert.match(text, /\| Database administrator \(`database-administrator`\) \| 3 \|/);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('CODEOWNERS files get the codeowners language, and a hover lists what a pattern matches', async () => {
  await api();
  const file = uri('.github/CODEOWNERS');
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('# hand-written\n*.sql @acme/dba\n/deploy/ @alice\n'));
  try {
    const document = await vscode.workspace.openTextDocument(file);
    assert.equal(document.languageId, 'codeowners');
    const text = await waitFor('a CODEOWNERS hover', async () => {
      const t = await hoverText('.github/CODEOWNERS', 1, 2);
      return t ? t : undefined;
    });
    assert.match(text, /Matches 3 files; this line decides 3 of them/);
    assert.match(text, /db\/seed\.sql/);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file);
  }
});

test('Generate CODEOWNERS writes .github/CODEOWNERS, and Check drift finds it in sync', async () => {
  await api();
  const file = uri('.github/CODEOWNERS');
  const outcome = await vscode.commands.executeCommand<{ status: string; path: string }>('opsRoles.generate', { yes: true });
  assert.deepEqual(outcome, { status: 'written', path: '.github/CODEOWNERS' });
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  assert.match(text, /^# BEGIN ops-roles generated block/m);
  assert.match(text, /^\/migrations\/ @acme\/dba dba-oncall@acme\.example$/m);
  assert.match(text, /^\/\*\*\/deploy\/ @alice @acme\/sre$/m);
  const again = await vscode.commands.executeCommand<{ status: string }>('opsRoles.generate', { yes: true });
  assert.equal(again.status, 'unchanged');
  const check = await vscode.commands.executeCommand<{ inSync: boolean; differences: number }>('opsRoles.checkDrift');
  assert.deepEqual({ inSync: check.inSync, differences: check.differences }, { inSync: true, differences: 0 });
});

test('a hand-edited generated block gets a warning with a Regenerate fix', async () => {
  await api();
  // The editor may still hold the earlier test's (deleted) CODEOWNERS; it reloads from disk.
  const document = await waitFor('the generated CODEOWNERS in the editor', async () => {
    const d = await vscode.workspace.openTextDocument(uri('.github/CODEOWNERS'));
    return d.getText().includes('# BEGIN ops-roles') ? d : undefined;
  });
  const at = document.getText().indexOf('/**/deploy/ @alice');
  assert.ok(at >= 0, document.getText());
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, document.positionAt(at), '/deploy/ @mallory\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  try {
    const diagnostic = await waitFor('the edited-block warning', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'generated-block-edited'),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(document.lineAt(diagnostic.range.start.line).text, /^# BEGIN ops-roles/);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range)) ?? [];
    const regenerate = actions.find((a) => a.title === 'Regenerate from ops-roles.yaml');
    assert.equal(regenerate?.command?.command, 'opsRoles.generate');
    // Generate refuses to write over the unsaved edit.
    const outcome = await vscode.commands.executeCommand<{ status: string; message: string }>('opsRoles.generate', { yes: true });
    assert.deepEqual(outcome, { status: 'refused', path: '.github/CODEOWNERS', message: 'unsaved changes' });
  } finally {
    // Take the edit back and save, so the next test starts from a clean, generated file.
    const undo = new vscode.WorkspaceEdit();
    undo.delete(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + '/deploy/ @mallory\n'.length)));
    assert.ok(await vscode.workspace.applyEdit(undo));
    assert.ok(await document.save());
    assert.equal(document.isDirty, false);
  }
});

test('Generate refuses to replace a hand-written CODEOWNERS without consent; Check drift reports it', async () => {
  await api();
  const file = uri('.github/CODEOWNERS');
  // Written the way another tool would. (workspace.fs.writeFile over the longer generated file
  // left its tail behind in code-server 4.139, so the test does not rely on it.)
  fs.writeFileSync(file.fsPath, '* @someone-else\n');
  const outcome = await vscode.commands.executeCommand<{ status: string; message: string }>('opsRoles.generate', { yes: true });
  assert.deepEqual(outcome, { status: 'refused', path: '.github/CODEOWNERS', message: 'hand-written' });
  assert.equal(fs.readFileSync(file.fsPath, 'utf8'), '* @someone-else\n');
  const check = await vscode.commands.executeCommand<{ inSync: boolean; differences: number }>('opsRoles.checkDrift');
  assert.equal(check.inSync, false);
  assert.ok(check.differences > 0);
  const forced = await vscode.commands.executeCommand<{ status: string }>('opsRoles.generate', { yes: true, force: true });
  assert.deepEqual(forced, { status: 'written', path: '.github/CODEOWNERS' });
  assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), /^# BEGIN ops-roles generated block/);
});

test('Import CODEOWNERS shows the import beside an existing ops-roles.yaml instead of replacing it', async () => {
  await api();
  const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri('ops-roles.yaml')));
  try {
    const outcome = await vscode.commands.executeCommand<{ status: string; sourcePath: string; document: vscode.TextDocument }>('opsRoles.importCodeowners');
    assert.equal(outcome.status, 'shown');
    assert.equal(outcome.sourcePath, '.github/CODEOWNERS');
    assert.equal(outcome.document.languageId, 'yaml');
    assert.match(outcome.document.getText(), /^ownership:/m);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri('ops-roles.yaml'))), before);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Later suites share this workspace copy and expect it as examples/ ships it.
    fs.rmSync(uri('.github/CODEOWNERS').fsPath, { force: true });
  }
});

test('Create ops-roles.yaml opens the existing file instead of replacing it', async () => {
  await api();
  const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri('ops-roles.yaml')));
  const outcome = await vscode.commands.executeCommand<{ status: string }>('opsRoles.init');
  assert.equal(outcome.status, 'exists');
  assert.ok(vscode.window.activeTextEditor?.document.uri.path.endsWith('/ops-roles.yaml'));
  assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri('ops-roles.yaml'))), before);
});

test('turning opsRoles.codeLens.enabled off removes the CodeLens; on brings it back', async () => {
  await api();
  const config = vscode.workspace.getConfiguration('opsRoles', workspaceFolder().uri);
  await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
  try {
    await waitFor('no CodeLens', async () => ((await lensTitles('README.md')).length === 0 ? true : undefined));
  } finally {
    await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await waitFor('the CodeLens back', async () => ((await lensTitles('README.md'))[0] === 'Operations manager · @acme/ops-leads' ? true : undefined));
  // Later suites count the workspace's files: leave no .vscode/settings.json behind.
  fs.rmSync(uri('.vscode').fsPath, { recursive: true, force: true });
});

test('a git: URI (a staged or HEAD version, one side of a diff) answers as its working-tree file', async () => {
  const exported = await api();
  const file = uri('migrations/001_create_payments.sql');
  const head = file.with({ scheme: 'git', query: JSON.stringify({ path: file.fsPath, ref: 'HEAD' }) });
  const fromFile = exported.ownership(file);
  assert.ok(fromFile?.rule, 'the working-tree file has an owner');
  assert.deepEqual(exported.ownership(head)?.owners, fromFile.owners);
  // Any other scheme is not mapped: an untitled or virtual document has no owner.
  assert.equal(exported.ownership(file.with({ scheme: 'untitled' })), undefined);
});
