// Runs the user-level checks in test/e2e/user/*.mjs: each file gets a fresh workbench page, its
// checks run in order on that page, and every check leaves a screenshot of what the user saw.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { log, workbenchUrl } from '../../../scripts/editor/codeServer.mjs';
import { CheckError, Workbench } from './workbench.mjs';
import { prepareWorkspace } from './workspaces.mjs';

export const USER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../user');

const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Loads every check file; each default-exports a check `{ name, run }` or an array of them. */
export async function loadChecks() {
  const files = fs
    .readdirSync(USER_DIR)
    .filter((name) => /\.m?js$/.test(name))
    .sort();
  const loaded = [];
  for (const file of files) {
    const module = await import(pathToFileURL(path.join(USER_DIR, file)).href);
    const checks = [module.default].flat().filter(Boolean);
    for (const check of checks) {
      if (typeof check.name !== 'string' || typeof check.run !== 'function') {
        throw new Error(`test/e2e/user/${file}: each check needs { name: string, run(workbench) }`);
      }
    }
    loaded.push({ file, checks, workspace: module.workspace });
  }
  return loaded;
}

function errorText(error) {
  if (error instanceof CheckError) return error.message;
  // Playwright's own errors carry a call log; its first lines say enough.
  return String(error?.message ?? error)
    .split('\n')
    .slice(0, 6)
    .join('\n');
}

/**
 * Runs all checks against `server`, opening `folder`. Screenshots go to `screenshotDir`.
 * Returns [{ name, passed, error, screenshot }].
 */
export async function runUserChecks({ context, server, folder, screenshotDir, projectDir }) {
  const results = [];
  // OPS_ROLES_E2E_GREP (a case-insensitive RegExp) runs only the checks whose "file › name" match.
  const grep = process.env.OPS_ROLES_E2E_GREP ? new RegExp(process.env.OPS_ROLES_E2E_GREP, 'i') : undefined;
  for (const { file, checks: all, workspace } of await loadChecks()) {
    const group = file.replace(/\.m?js$/, '');
    const checks = all.filter((check) => !grep || grep.test(`${group} › ${check.name}`));
    if (checks.length === 0) continue;
    const page = await context.newPage();
    // A file that declares its own workspace (lib/workspaces.mjs) gets a fresh copy of it.
    const own = workspace && prepareWorkspace(workspace, path.dirname(folder), group);
    const url = own ? `${server.url}/?${own.query}` : workbenchUrl(server, folder);
    const workbench = new Workbench({ page, url, folder: own ? own.folder : folder, root: own?.root });
    try {
      const opens = own?.query.startsWith('workspace=') ? () => workbench.openWorkspace() : () => workbench.open();
      const steps = [{ name: 'workbench opens', run: opens }, ...checks];
      for (const [index, check] of steps.entries()) {
        const name = `${group} › ${check.name}`;
        const started = Date.now();
        let error = null;
        try {
          await check.run(workbench);
        } catch (caught) {
          error = errorText(caught);
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        // Opening the workbench is each file's precondition: reported only when it fails, and
        // then the file's checks cannot run.
        if (index === 0 && error === null) {
          log(`user: ${group}: workbench open (${seconds}s)`);
          continue;
        }
        const screenshot = path.join(screenshotDir, `user-${slug(group)}-${String(index).padStart(2, '0')}-${slug(check.name)}.png`);
        await page.screenshot({ path: screenshot }).catch(() => {});
        const relative = path.relative(projectDir, screenshot);
        // Leave no quick input or menu open for the next check on this page.
        if (error !== null) for (let i = 0; i < 2; i++) await page.keyboard.press('Escape').catch(() => {});
        results.push({ name, passed: error === null, error: error && `${error}\nscreenshot: ${relative}` });
        log(`user: ${error === null ? 'ok  ' : 'FAIL'} ${name} (${seconds}s)`);
        if (index === 0) break;
      }
    } finally {
      await page.close().catch(() => {});
    }
  }
  return results;
}
