#!/usr/bin/env node
// The same extension-host suite (test/e2e/suite) under @vscode/test-electron, for machines that
// can download VS Code desktop. (Ours cannot: there run.mjs runs it in code-server instead.)
// Usage: npm run build && node test/e2e/electron.mjs   [VSCODE_VERSION=1.90.0 for the oldest we support]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { PROJECT_DIR, USER_SETTINGS, copyWorkspace } from '../../scripts/editor/codeServer.mjs';
import { bundleSuite } from './lib/bundleSuite.mjs';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-roles-electron-'));
const { entry } = await bundleSuite(path.join(out, 'suite'));
const workspace = copyWorkspace(path.join(out, 'workspace')).dir;
const resultsFile = path.join(out, 'results.json');
fs.mkdirSync(path.join(out, 'user-data', 'User'), { recursive: true });
fs.writeFileSync(path.join(out, 'user-data', 'User', 'settings.json'), JSON.stringify(USER_SETTINGS));

let exitCode = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: PROJECT_DIR,
    extensionTestsPath: entry,
    extensionTestsEnv: { OPS_ROLES_E2E_RESULTS: resultsFile },
    launchArgs: [workspace, '--disable-workspace-trust', `--user-data-dir=${out}/user-data`, `--extensions-dir=${out}/extensions`],
  });
} catch (error) {
  console.error(String(error?.message ?? error));
  exitCode = 1;
}
const tests = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')).tests : [];
for (const t of tests) console.log(`${t.passed ? 'ok  ' : 'FAIL'} ${t.name}${t.passed ? '' : `\n    ${t.error}`}`);
const failed = tests.filter((t) => !t.passed).length;
console.log(`editor: ${tests.length - failed} passed, ${failed} failed`);
fs.rmSync(out, { recursive: true, force: true });
process.exitCode = exitCode || failed || tests.length === 0 ? 1 : 0;
