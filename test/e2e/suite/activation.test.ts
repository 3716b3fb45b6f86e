import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Command } from '../../../src/editor/commandIds';
import type { OpsRolesApi } from '../../../src/editor/extension';
import { test } from './harness';
import { activeExtension, EXTENSION_ID, workspaceFolder } from './extension';

test('after activation every command of the extension is registered', async () => {
  const extension = await activeExtension();
  assert.equal(extension.id.toLowerCase(), EXTENSION_ID);
  assert.equal(extension.isActive, true);
  const registered = new Set(await vscode.commands.getCommands(true));
  const missing = Object.values(Command).filter((id) => !registered.has(id));
  assert.deepEqual(missing, [], `commands the extension did not register: ${missing.join(', ')}`);
});

test('after activation the ownership index answers for a file of the workspace', async () => {
  const api = (await activeExtension()).exports as OpsRolesApi;
  await api.ready();
  const ownership = api.ownership(vscode.Uri.joinPath(workspaceFolder().uri, 'Dockerfile'));
  assert.ok(ownership, 'the index has no answer for Dockerfile');
  assert.equal(ownership.path, 'Dockerfile');
  assert.deepEqual(ownership.roles, ['operations-engineer']);
  assert.deepEqual(ownership.owners, ['@acme/sre']);
  assert.equal(ownership.pattern, 'Dockerfile');
});
