import * as assert from 'node:assert/strict';
import { test } from './harness';
import { activeExtension, openFile } from './extension';

test('ops-roles.yaml opens in an editor', async () => {
  await activeExtension();
  const editor = await openFile('ops-roles.yaml');
  assert.match(editor.document.getText(), /^roles:/m);
});
