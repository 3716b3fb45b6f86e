// Runs the extension-host suite inside code-server's real extension host: the workbench is opened
// with a development-host payload (extensionDevelopmentPath + extensionTestsPath) and the smoke
// test driver, and calls our exposed `codeAutomationExit(code)` once the suite's run() settles.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, remoteUri, step, workbenchUrl } from '../../../scripts/editor/codeServer.mjs';
import { bundleSuite, testFileLocation } from './bundleSuite.mjs';

const SUITE_TIMEOUT_MS = 180_000;

/**
 * Bundles and runs the suite. `extensionDir` is the extension under test: the folder the .vsix
 * was installed to, so these tests see exactly the files users get.
 * Returns [{ name, passed, error }] (a failure to run at all is reported as one failed test).
 */
export async function runHostSuite({ context, server, folder, extensionDir, outDir, screenshot }) {
  let entry;
  await step('host: bundle suite', async () => {
    const bundled = await bundleSuite(outDir);
    entry = bundled.entry;
    return bundled.testFiles.join(', ');
  });
  const resultsFile = path.join(outDir, 'results.json');
  fs.rmSync(resultsFile, { force: true });

  const page = await context.newPage();
  const consoleLines = [];
  const t0 = Date.now();
  page.on('console', (message) => {
    const line = `[${message.type()}] ${message.text()}`;
    consoleLines.push(line);
    if (process.env.OPS_ROLES_E2E_DEBUG) log(`host: +${((Date.now() - t0) / 1000).toFixed(1)}s ${line.slice(0, 200)}`);
  });
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
  let exitCode;
  let reportExit;
  const exited = new Promise((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
    reportExit(code);
  });
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server, extensionDir)],
    ['extensionTestsPath', remoteUri(server, entry)],
  ];
  const started = Date.now();
  let timer;
  try {
    await page.goto(workbenchUrl(server, folder, payload));
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, SUITE_TIMEOUT_MS)))]);
  } finally {
    clearTimeout(timer);
    await page.screenshot({ path: screenshot }).catch(() => {});
    await page.close().catch(() => {});
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  let results = [];
  if (fs.existsSync(resultsFile)) {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')).tests.map((t) => ({
      name: t.name,
      passed: t.passed,
      error: t.passed ? null : withLocation(t.error, testFileLocation(outDir, t.frames)),
      durationMs: t.durationMs ?? 0,
    }));
  }
  for (const r of results) log(`host: ${r.passed ? 'ok  ' : 'FAIL'} ${r.name} (${(r.durationMs / 1000).toFixed(1)}s)`);
  log(`host: suite ran ${results.length} tests, exit code ${exitCode ?? 'none'} (${seconds}s with workbench start)`);
  const consoleTail = consoleLines.slice(-30).join('\n');
  if (exitCode === undefined) {
    results.push({
      name: 'suite finishes',
      passed: false,
      error: `expected: the workbench reports the suite's exit within ${SUITE_TIMEOUT_MS / 1000}s\nactual: no exit reported\nworkbench console:\n${consoleTail}`,
    });
  } else if (exitCode !== 0 && results.every((r) => r.passed)) {
    results.push({
      name: 'suite runs',
      passed: false,
      error: `expected: run() resolves\nactual: exit code ${exitCode}${results.length === 0 ? ', no results written' : ''}\nworkbench console:\n${consoleTail}`,
    });
  }
  return results;
}

function withLocation(error, location) {
  return location ? `${error ?? ''}\nat ${location}` : (error ?? null);
}
