#!/usr/bin/env node
// The extension in a real editor on a workspace as big as the synthetic monorepo (151k files,
// ops-roles.yaml imported from its 4.4k-line CODEOWNERS): runs the extension-host performance
// test there, with the real-editor harness's own tools (test/e2e), and writes its measurements.
//   node bench/editorLarge.mjs OUT_JSON
// Every file exists on disk (empty) and is committed, as in a real checkout, so that the
// editor's own git integration sees a clean work tree.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  PROJECT_DIR,
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
} from '../scripts/editor/codeServer.mjs';
import { launchBrowser } from '../test/e2e/lib/browser.mjs';
import { runHostSuite } from '../test/e2e/lib/host.mjs';
import { ensureSyntheticCorpus } from '../scripts/corpus/synthetic.mjs';
import { corpusRepo } from './corpusRepo.mjs';

const [outFile] = process.argv.slice(2);
if (!outFile) throw new Error('usage: node bench/editorLarge.mjs OUT_JSON');
const corpusDir = ensureSyntheticCorpus();

installSignalHandlers();
// Set at the end of the try: a throw skips the exit code below and fails the run by itself.
let failed;
try {
  await ensureTools();
  const sandbox = createSandbox();
  // OPS_ROLES_E2E_KEEP=1 keeps the folder (code-server's and the extension's logs) for a look.
  onCleanup(() => (process.env.OPS_ROLES_E2E_KEEP ? log(`kept throwaway folder ${sandbox.dir}`) : removeSandbox(sandbox)));
  const folder = join(sandbox.dir, 'workspace-large');
  log('large workspace: writing and committing the synthetic monorepo …');
  const paths = corpusRepo(folder, corpusDir, { writeFiles: true });
  const imported = spawnSync(
    process.execPath,
    [join(PROJECT_DIR, 'dist', 'cli.js'), 'import', join(corpusDir, 'CODEOWNERS'), '--root', folder, '--out', join(folder, 'ops-roles.yaml')],
    { encoding: 'utf8' },
  );
  if (imported.status !== 0) throw new Error(`ops-roles import failed: ${imported.stderr.trim()}`);
  // The file the test opens for its CodeLens, then eight more spread over the list for the median.
  const opened = paths[Math.floor(paths.length / 2)];
  const more = Array.from({ length: 8 }, (_, k) => paths[Math.floor(((k + 0.5) * paths.length) / 8)]).filter((p) => p !== opened);
  // The host suite reads these through the environment code-server hands its extension host.
  Object.assign(sandbox.env, {
    OPS_ROLES_E2E_GREP: '^performance:',
    OPS_ROLES_E2E_PERF_OUT: outFile,
    OPS_ROLES_E2E_PERF_FILE: opened,
    OPS_ROLES_E2E_PERF_MORE_FILES: more.join('\n'),
    OPS_ROLES_E2E_PERF_WORKSPACE: `synthetic-monorepo (${paths.length.toLocaleString('en-US')} files)`,
    ...(process.env.OPS_ROLES_E2E_PERF_PROFILE ? { OPS_ROLES_E2E_PERF_PROFILE: process.env.OPS_ROLES_E2E_PERF_PROFILE } : {}),
  });

  const vsix = await packageVsix(join(sandbox.dir, 'vsix'));
  const extensionDir = await installVsix(sandbox, vsix);
  const { context } = await launchBrowser(sandbox);
  const server = await startCodeServer({ sandbox, folder, smokeTestDriver: true, name: 'code-server-large' });
  const results = await runHostSuite({
    context,
    server,
    folder,
    extensionDir,
    outDir: join(sandbox.dir, 'host-suite'),
    screenshot: join(PROJECT_DIR, 'test-results', 'screenshots', 'bench-large-workspace.png'),
  });
  await server.stop();
  for (const r of results) log(`large workspace: ${r.passed ? 'ok' : 'FAIL'} ${r.name}${r.passed ? '' : `\n${r.error}`}`);
  failed = results.length === 0 || results.some((r) => !r.passed);
} finally {
  await runCleanups();
}
process.exitCode = failed ? 1 : 0;
