import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';
import { activeExtension, EXTENSION_ID, workspaceFolder } from './extension';

test('the workspace holds an ops-roles.yaml', async () => {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(workspaceFolder(), 'ops-roles.yaml'));
  assert.equal(found.length, 1, `expected one ops-roles.yaml in ${workspaceFolder().uri.fsPath}`);
});

test('the extension is loaded from the package and activates', async () => {
  const extension = await activeExtension();
  assert.equal(extension.id.toLowerCase(), EXTENSION_ID);
  assert.equal(extension.isActive, true);
});

test('activation is lazy: on ops-roles.yaml, never on every start', () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const events: string[] = extension?.packageJSON.activationEvents ?? [];
  assert.ok(!events.includes('*'), `activationEvents must not include "*": ${JSON.stringify(events)}`);
  assert.ok(events.includes('workspaceContains:**/ops-roles.yaml'), `activationEvents: ${JSON.stringify(events)}`);
});
