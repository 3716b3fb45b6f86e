#!/usr/bin/env node
// The real-editor test harness (`npm run test:editor`): installs what is missing, packages the
// extension as users get it, installs the .vsix into a throwaway code-server profile, then runs
//   1. the extension-host suite (test/e2e/suite/*.test.ts) inside code-server's extension host,
//   2. the user-level checks (test/e2e/user/*.mjs) with Playwright and Debian's Chromium,
// and ends with one line `editor: N passed, N failed`. See test/e2e/README.md.
//
// Environment: OPS_ROLES_EDITOR_CACHE (tools cache), OPS_ROLES_E2E_ONLY=host|user (one suite),
// OPS_ROLES_E2E_KEEP=1 (keep the throwaway folder for a look afterwards).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  PROJECT_DIR,
  copyWorkspace,
  createSandbox,
  ensureTools,
  installSignalHandlers,
  installVsix,
  log,
  onCleanup,
  packageVsix,
  removeSandbox,
  runCleanups,
  startCodeServer,
  step,
  tail,
} from '../../scripts/editor/codeServer.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { runHostSuite } from './lib/host.mjs';
import { runUserChecks } from './lib/user.mjs';

const only = process.env.OPS_ROLES_E2E_ONLY;
const resultsDir = path.join(PROJECT_DIR, 'test-results');
const screenshotDir = path.join(resultsDir, 'screenshots');
const started = Date.now();

installSignalHandlers();
fs.rmSync(screenshotDir, { recursive: true, force: true });
fs.mkdirSync(screenshotDir, { recursive: true });

const tests = [];
const logTails = [];
let phase = 'host';
let currentStep = 'start';
let activeServer = null; // for the log tail when a step fails outside any test

/** Notes a failing code-server's log so its tail is printed with the failures. */
function keepLogTail(server, results) {
  if (results.some((r) => !r.passed)) logTails.push({ file: server.logFile, text: tail(server.logFile, 40) });
}

async function launchBrowserStep(sandbox) {
  let browser;
  await step('browser: chromium', async () => {
    browser = await launchBrowser(sandbox);
  });
  return browser;
}

async function main() {
  currentStep = 'tools';
  await ensureTools();

  currentStep = 'sandbox';
  const sandbox = createSandbox();
  onCleanup(() => {
    if (process.env.OPS_ROLES_E2E_KEEP) log(`kept throwaway folder ${sandbox.dir}`);
    else removeSandbox(sandbox);
  });

  currentStep = 'package';
  const vsix = await step('package: vsce', async () => path.basename(await packageVsix(path.join(sandbox.dir, 'vsix'))));
  currentStep = 'install';
  let extensionDir;
  await step('install: code-server --install-extension', async () => {
    extensionDir = await installVsix(sandbox, path.join(sandbox.dir, 'vsix', vsix));
    return path.basename(extensionDir);
  });

  currentStep = 'browser';
  const { context, blocked } = await launchBrowserStep(sandbox);
  onCleanup(() => {
    if (blocked.size > 0) log(`browser: blocked requests to ${[...blocked].join(', ')}`);
  });

  if (only !== 'user') {
    phase = 'host';
    currentStep = 'host: workspace';
    const workspace = copyWorkspace(path.join(sandbox.dir, 'workspace-host'));
    currentStep = 'host: code-server';
    let server;
    await step('host: code-server', async () => {
      server = activeServer = await startCodeServer({ sandbox, folder: workspace.dir, smokeTestDriver: true, name: 'code-server-host' });
      return `${server.url}, workspace copied from ${workspace.source}/`;
    });
    currentStep = 'host: suite';
    const screenshot = path.join(screenshotDir, 'host-suite.png');
    const results = await runHostSuite({
      context,
      server,
      folder: workspace.dir,
      extensionDir,
      outDir: path.join(sandbox.dir, 'host-suite'),
      screenshot,
    });
    const where = `screenshot: ${path.relative(PROJECT_DIR, screenshot)}`;
    tests.push(...results.map(({ name, passed, error }) => ({ suite: 'host', name, passed, error: passed ? null : `${error}\n${where}` })));
    keepLogTail(server, results);
    await server.stop();
    activeServer = null;
  }

  if (only !== 'host') {
    phase = 'user';
    currentStep = 'user: workspace';
    const workspace = copyWorkspace(path.join(sandbox.dir, 'workspace-user'));
    currentStep = 'user: code-server';
    let server;
    await step('user: code-server', async () => {
      server = activeServer = await startCodeServer({ sandbox, folder: workspace.dir, name: 'code-server-user' });
      return `${server.url}, workspace copied from ${workspace.source}/`;
    });
    currentStep = 'user: checks';
    const results = await runUserChecks({ context, server, folder: workspace.dir, screenshotDir, projectDir: PROJECT_DIR });
    tests.push(...results.map((r) => ({ suite: 'user', ...r })));
    keepLogTail(server, results);
    await server.stop();
    activeServer = null;
  }
}

try {
  await main();
} catch (error) {
  const failure = { suite: phase, name: `setup: ${currentStep}`, passed: false, error: String(error?.stack ?? error) };
  tests.push(failure);
  if (activeServer) keepLogTail(activeServer, [failure]);
} finally {
  await runCleanups();
}

const failed = tests.filter((t) => !t.passed);
const passed = tests.length - failed.length;
if (failed.length > 0) {
  process.stdout.write('\nFailures:\n');
  for (const t of failed) {
    process.stdout.write(`\n✗ ${t.suite} › ${t.name}\n${String(t.error ?? '').replace(/^/gm, '    ')}\n`);
  }
  for (const { file, text } of logTails) {
    process.stdout.write(`\n--- ${path.basename(file)} (last 40 lines) ---\n${text}\n--- end of ${path.basename(file)} ---\n`);
  }
}
if (tests.length === 0) process.stdout.write('no editor tests ran\n');
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(
  path.join(resultsDir, 'editor-results.json'),
  `${JSON.stringify({ passed, failed: failed.length, tests: tests.map(({ suite, name, passed: ok, error }) => ({ suite, name, passed: ok, error: error ?? null })) }, null, 2)}\n`,
);
log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s; screenshots in ${path.relative(PROJECT_DIR, screenshotDir)}/`);
process.stdout.write(`editor: ${passed} passed, ${failed.length} failed\n`);
process.exitCode = failed.length > 0 || tests.length === 0 ? 1 : 0;
