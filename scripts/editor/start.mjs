#!/usr/bin/env node
// `npm run editor:start`: the extension as users get it (.vsix installed by code-server) in a real
// VS Code on http://127.0.0.1:PORT, with examples/ open. Stays up until Ctrl+C.
// The profile (settings, installed extensions, state) persists between starts under the tools
// cache and can be deleted at any time. Port: $OPS_ROLES_EDITOR_PORT, else a free one.
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
  runCleanups,
  startCodeServer,
  step,
  stoppingOn,
  toolsDir,
} from './codeServer.mjs';

installSignalHandlers();
try {
  await ensureTools();
  const sandbox = createSandbox(path.join(toolsDir(), 'profile'));
  onCleanup(() => fs.rmSync(sandbox.tmp, { recursive: true, force: true }));
  const vsixDir = path.join(sandbox.dir, 'vsix');
  fs.rmSync(vsixDir, { recursive: true, force: true });
  const vsix = await step('package: vsce', async () => path.basename(await packageVsix(vsixDir)));
  await step('install: code-server --install-extension', async () => path.basename(await installVsix(sandbox, path.join(vsixDir, vsix))));

  // Open examples/ itself, so what you change there is what the tests see next time; fall back
  // to a copy of the test fixture while examples/ has no ops-roles.yaml.
  const examples = path.join(PROJECT_DIR, 'examples');
  const folder = fs.existsSync(path.join(examples, 'ops-roles.yaml')) ? examples : copyWorkspace(path.join(sandbox.dir, 'workspace')).dir;
  const port = process.env.OPS_ROLES_EDITOR_PORT ? Number(process.env.OPS_ROLES_EDITOR_PORT) : undefined;
  let server;
  await step('code-server', async () => {
    server = await startCodeServer({ sandbox, folder, port });
    return `pid ${server.pid}, log ${server.logFile}`;
  });
  log(`open ${server.url}/ (workspace: ${path.relative(PROJECT_DIR, folder) || folder}); Ctrl+C stops it`);
  // Stay up until Ctrl+C (installSignalHandlers stops everything) or until code-server exits.
  const { code, signal } = await server.exited;
  if (stoppingOn()) await new Promise(() => {}); // the signal handler exits when cleanup is done
  log(`code-server exited on its own (${code ?? signal}); its log: ${server.logFile}`);
  process.exitCode = 1;
} catch (error) {
  log(String(error?.stack ?? error));
  process.exitCode = 1;
} finally {
  await runCleanups();
}
