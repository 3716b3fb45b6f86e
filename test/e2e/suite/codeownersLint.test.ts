// The CODEOWNERS linter in the editor: a hand-written CODEOWNERS with broken lines, created in the
// example workspace, gets the core linter's findings as diagnostics (the same codes at the same
// ranges as `ops-roles lint` on the same file list) and quick fixes that edit the document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lintCodeowners } from '../../../src/core/codeownersLint';
import { listRepositoryFiles } from '../../../src/core/repoFiles';
import { activeExtension, workspaceFolder } from './extension';
import { test } from './harness';

const BROKEN = ['# Hand-written, with mistakes', '* @acme/ops @acme/ops', '/ @acme/everyone', '/no-such-dir/ @acme/ghost', 'db/ acme-dba', ''].join('\n');

/** `code@line:col-line:col`, the same for a diagnostic and a core problem. */
function key(code: string, range: vscode.Range): string {
  return `${code}@${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/**
 * Waits, on diagnostics events, until `uri`'s ops-roles diagnostics read as `want()` says
 * (recomputed each time: the folder's file list may still be catching up with a new file).
 */
async function diagnosticsMatching(uri: vscode.Uri, want: () => Promise<string[]>, timeoutMs = 15000): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ops-roles');
  const same = async () =>
    JSON.stringify(
      current()
        .map((d) => key(String(d.code), d.range))
        .sort(),
    ) === JSON.stringify((await want()).sort());
  if (await same()) return current();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(async () => {
      listener.dispose();
      reject(new Error(`diagnostics ${JSON.stringify(current().map((d) => key(String(d.code), d.range)))} never became ${JSON.stringify(await want())}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics(async (e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString()) || !(await same())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(current());
    });
  });
}

test('a hand-written CODEOWNERS gets the linter findings as diagnostics, and quick fixes repair it', async () => {
  await activeExtension();
  const folder = workspaceFolder();
  const uri = vscode.Uri.joinPath(folder.uri, 'CODEOWNERS');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(BROKEN));
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'codeowners');
    const expected = async () => {
      const files = await listRepositoryFiles(folder.uri.fsPath);
      return lintCodeowners(document.getText(), { flavor: 'github', path: 'CODEOWNERS', files }).map((p) =>
        key(p.code, new vscode.Range(p.line - 1, p.column - 1, p.endLine - 1, p.endColumn - 1)),
      );
    };
    // The core's findings on this text, named here so a linter that found nothing fails too.
    const first = await expected();
    for (const code of ['codeowners-duplicate-owner', 'codeowners-lone-slash', 'codeowners-no-match', 'codeowners-invalid-owner']) {
      assert.ok(
        first.some((k) => k.startsWith(code)),
        `${code} in ${first.join(', ')}`,
      );
    }
    const diagnostics = await diagnosticsMatching(uri, expected);

    // Quick fix: the lone "/" becomes "*".
    const slash = diagnostics.find((d) => d.code === 'codeowners-lone-slash')!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, slash.range)) ?? [];
    const replace = actions.find((a) => a.title.startsWith('Replace "/" with "*"'));
    assert.ok(replace?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(replace.edit));
    assert.equal(document.lineAt(2).text, '* @acme/everyone');

    // Quick fix: the repeated owner goes, with the space before it.
    const afterSlash = await diagnosticsMatching(uri, expected);
    const twice = afterSlash.find((d) => d.code === 'codeowners-duplicate-owner')!;
    const ownerActions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, twice.range)) ?? [];
    const remove = ownerActions.find((a) => a.title === 'Remove the repeated @acme/ops');
    assert.ok(remove?.edit, `actions: ${ownerActions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    assert.equal(document.lineAt(1).text, '* @acme/ops');
    // Line 2 ("*") now comes again on line 3: reported as a duplicate, and still what the core says.
    const last = await diagnosticsMatching(uri, expected);
    assert.ok(last.some((d) => d.code === 'codeowners-duplicate-pattern' && d.range.start.line === 1));
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  }
});
