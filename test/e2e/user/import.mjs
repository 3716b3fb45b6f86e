// From a CODEOWNERS to operations roles as a user does it: import the CODEOWNERS, follow the
// notification to "Map teams to operations roles", pick "Database administrator" and then the
// team its paths suggest; the edit stays unsaved, and the migration's CodeLens names the role.
// The folder is put back as examples/ ships it at the end: the next check files expect that.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CheckError, SELECTORS } from '../lib/workbench.mjs';

const CODEOWNERS = ['* @acme/everyone', '/migrations/ @acme/payments-data', '/db/ @acme/payments-data', '/deploy/ @acme/shipping', ''].join('\n');

/** The files this check changes, and what they held before it. */
let saved;

function restore(workbench) {
  if (!saved) return;
  fs.writeFileSync(path.join(workbench.folder, 'ops-roles.yaml'), saved);
  fs.rmSync(path.join(workbench.folder, '.github', 'CODEOWNERS'), { force: true });
  fs.rmSync(path.join(workbench.folder, '.vscode'), { recursive: true, force: true });
}

async function restoringOnFailure(workbench, check) {
  try {
    await check();
  } catch (error) {
    restore(workbench);
    throw error;
  }
}

/**
 * Clicks `item` in the Roles view's "More Actions" menu. A view that refreshes (the counts of a
 * file just re-indexed) closes an open menu, so the menu is opened again, up to three times.
 */
async function openRolesMenuItem(workbench, item) {
  const { page } = workbench;
  const header = page.locator('.part.sidebar .pane-header').filter({ has: page.locator('h3.title', { hasText: /^\s*Roles\s*$/i }) });
  for (let attempt = 1; ; attempt++) {
    await header.first().hover();
    await header.first().locator('.actions [aria-label^="More Actions"]').first().click();
    try {
      await page.locator('.monaco-menu .action-item', { hasText: item }).first().click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** The workspace as it was before the import: files restored, the unsaved mapping reverted, editors closed. */
async function undoImport(workbench) {
  // The unsaved mapping first, the files after: putting the files back while the tab is dirty
  // also removes .vscode/settings.json, so the browser's default auto save could save the
  // mapping over the restored file ("the content of the file is newer"), leaving a dirty tab
  // and a dialog for the checks that follow.
  await workbench.quickOpen('ops-roles.yaml');
  await workbench.runCommand('File: Revert File');
  await workbench.runCommand('View: Close All Editors');
  restore(workbench);
}

async function undoingOnFailure(workbench, check) {
  try {
    await check();
  } catch (error) {
    await undoImport(workbench);
    throw error;
  }
}

export default [
  {
    name: 'Import CODEOWNERS offers to map teams to operations roles',
    run: (workbench) =>
      restoringOnFailure(workbench, async () => {
        // Wait for the extension to index the folder as shipped: then its commands are in the palette.
        await workbench.quickOpen('ops-roles.yaml');
        await workbench.expectText(SELECTORS.codeLens, /\d+ files?/, 'the rule counts in ops-roles.yaml', 60_000);
        await workbench.runCommand('View: Close All Editors');
        const config = path.join(workbench.folder, 'ops-roles.yaml');
        saved = fs.readFileSync(config, 'utf8');
        fs.rmSync(config);
        // The editor in a browser saves after a delay by default; a desktop user's default is off,
        // and "left unsaved for review" is what this check looks at.
        fs.mkdirSync(path.join(workbench.folder, '.vscode'), { recursive: true });
        fs.writeFileSync(path.join(workbench.folder, '.vscode', 'settings.json'), '{ "files.autoSave": "off" }\n');
        fs.mkdirSync(path.join(workbench.folder, '.github'), { recursive: true });
        fs.writeFileSync(path.join(workbench.folder, '.github', 'CODEOWNERS'), CODEOWNERS);
        await workbench.runCommand('Ops Roles: Import CODEOWNERS into ops-roles.yaml');
        await workbench.expectText(SELECTORS.toasts, 'Wrote ops-roles.yaml from .github/CODEOWNERS', 'the notification', 60_000);
        const written = fs.readFileSync(config, 'utf8');
        if (!written.includes('payments-data: ["@acme/payments-data"]')) throw new CheckError('a role named after the team', written.slice(0, 600));
        // The extension picks the new file up; its rule counts show once it is indexed.
        await workbench.expectText(SELECTORS.codeLens, /\d+ files?/, 'the rule counts in the imported ops-roles.yaml', 60_000);
      }),
  },
  {
    name: 'the guided mapping shows each role with its responsibilities and the suggested team',
    run: (workbench) =>
      restoringOnFailure(workbench, async () => {
        const button = workbench.page.locator(`${SELECTORS.toasts} .monaco-button`, { hasText: 'Map teams to operations roles' }).first();
        await button.click();
        await workbench.expectText(SELECTORS.quickInput, 'Map teams to operations roles (1/2)', 'the first step');
        await workbench.expectText(SELECTORS.quickInputRows, 'Review schema changes and migrations', 'the responsibilities of the database administrator');
        await workbench.expectText(SELECTORS.quickInputRows, 'suggested: @acme/payments-data', 'the team suggested by its paths');
        await workbench.quickPick(() => Promise.resolve(), 'Database administrator', 'Database administrator', 'step 1');
        await workbench.quickPick(() => workbench.page.waitForTimeout(400), 'payments-data', '@acme/payments-data', 'step 2');
      }),
  },
  {
    name: 'the choice is an unsaved edit of ops-roles.yaml and the migration CodeLens names Database administrator',
    // On success the next check puts the workspace back, so this check's screenshot shows the CodeLens.
    run: (workbench) =>
      undoingOnFailure(workbench, async () => {
        await workbench.expectText(SELECTORS.toasts, 'Database administrator is now held by @acme/payments-data', 'the notification', 60_000);
        await workbench.expectText(SELECTORS.activeTab, 'ops-roles.yaml', 'the edited file in front');
        const classes = (await workbench.page.locator(SELECTORS.activeTab).first().getAttribute('class')) ?? '';
        if (!/\bdirty\b/.test(classes)) throw new CheckError('ops-roles.yaml left unsaved (a dirty tab)', classes);
        const onDisk = fs.readFileSync(path.join(workbench.folder, 'ops-roles.yaml'), 'utf8');
        if (onDisk.includes('database-administrator')) throw new CheckError('nothing saved before the user saves', 'the mapping is on disk');
        await workbench.quickOpen('001_create_payments.sql');
        await workbench.expectText(SELECTORS.codeLens, 'Database administrator · @acme/payments-data', 'the CodeLens', 30_000);
      }),
  },
  {
    name: "the Roles view's menu offers the guided mapping too, with a vacant role to fill",
    async run(workbench) {
      const { page } = workbench;
      await undoImport(workbench);
      await page.locator('.part.activitybar [aria-label^="Ops Roles"]').first().click();
      // A role only examples/ lists, and its coverage: the restored ops-roles.yaml is indexed.
      await workbench.expectText('.part.sidebar .monaco-list-row', 'Security reviewer', 'the Roles view of the restored ops-roles.yaml', 30_000);
      await workbench.expectText('.part.sidebar', /21 of 21 files owned/, 'the Coverage view of the restored ops-roles.yaml', 30_000);
      await openRolesMenuItem(workbench, 'Map teams to operations roles');
      await workbench.expectText(SELECTORS.quickInput, 'Map teams to operations roles (1/2)', 'the first step');
      // examples/ lists release-manager with no holders: the one built-in role left to fill.
      await workbench.expectText(SELECTORS.quickInputRows, 'Release manager', 'the vacant role');
      await workbench.expectText(SELECTORS.quickInputRows, 'Coordinate the release schedule', 'its responsibilities');
      await page.keyboard.press('Escape');
    },
  },
];
