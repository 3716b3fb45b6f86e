// The extension-host entry point in the `@vscode/test-electron` shape: VS Code loads this module
// and awaits `run()`. The bundler (test/e2e/lib/bundleSuite.mjs) imports every `*.test.ts` next to
// it before this runs, so each file's `test(...)` calls are registered already.
import * as path from 'node:path';
import { runRegistered } from './harness';

/** Where the results go: $OPS_ROLES_E2E_RESULTS, else results.json next to the bundle. */
export function resultsFile(): string {
  return process.env.OPS_ROLES_E2E_RESULTS ?? path.join(__dirname, 'results.json');
}

export function run(): Promise<void> {
  return runRegistered(resultsFile());
}
