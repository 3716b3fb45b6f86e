// The Ops Roles sidebar as a user meets it: open the container from the activity bar, expand a
// role, click its rule (ops-roles.yaml opens at that line), reveal the active file, and read the
// coverage gaps with their badge. Each check's screenshot is meant for the README.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CheckError, SELECTORS, textMatches } from '../lib/workbench.mjs';

const SIDEBAR = '.part.sidebar';
const PANES = ['Roles', 'This File', 'Coverage', 'Review'];

/** The pane (view) of the Ops Roles container titled `title`: its header and its body. */
function pane(workbench, title) {
  const { page } = workbench;
  // Inner locators of `has` are matched inside the outer element, so they start from the pane.
  const titled = page.locator('h3.title', { hasText: new RegExp(`^\\s*${title}\\s*$`, 'i') });
  const header = page.locator(`${SIDEBAR} .pane-header`).filter({ has: titled });
  const body = page
    .locator(`${SIDEBAR} .pane`)
    .filter({ has: page.locator('.pane-header', { has: titled }) })
    .locator('.pane-body');
  return { header, body };
}

/** Expand or collapse a pane by clicking its header, as a user does. */
async function setExpanded(workbench, title, expanded) {
  const { header } = pane(workbench, title);
  if ((await header.count()) === 0) return;
  const now = (await header.first().getAttribute('aria-expanded')) === 'true';
  if (now !== expanded) await header.first().click();
}

/** The row of a pane whose text contains `text`. */
function rowOf(workbench, title, text) {
  return pane(workbench, title).body.locator('.monaco-list-row').filter({ hasText: text }).first();
}

/** Waits until a row of the pane contains `text`; fails listing the rows it saw. */
async function expectRow(workbench, title, text, timeout = 15_000) {
  const rows = pane(workbench, title).body.locator('.monaco-list-row');
  const deadline = Date.now() + timeout;
  let seen = [];
  while (Date.now() < deadline) {
    seen = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    if (seen.some((t) => textMatches(t, text))) return;
    await workbench.page.waitForTimeout(200);
  }
  throw new CheckError(`the ${title} view showing ${JSON.stringify(text)}`, seen.length ? seen.map((t) => JSON.stringify(t)).join(', ') : 'no rows');
}

/** Widen the side bar by dragging its edge, so rows show their descriptions whole. */
async function widenSidebar(workbench, to = 520) {
  const box = await workbench.page.locator(SIDEBAR).boundingBox();
  if (!box || box.width >= to) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await workbench.page.mouse.move(x + 1, y);
  await workbench.page.mouse.down();
  await workbench.page.mouse.move(x + (to - box.width) / 2, y, { steps: 5 });
  await workbench.page.mouse.move(box.x + to, y, { steps: 5 });
  await workbench.page.mouse.up();
}

export default [
  {
    name: 'the Ops Roles container lists every role with its holders and file counts',
    async run(workbench) {
      // Earlier check files may have generated one; the Coverage check expects the example as shipped.
      fs.rmSync(path.join(workbench.folder, '.github', 'CODEOWNERS'), { force: true });
      const icon = workbench.page.locator('.part.activitybar [aria-label^="Ops Roles"]').first();
      await icon.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
        throw new CheckError('the Ops Roles icon in the activity bar', 'not visible');
      });
      await icon.click();
      await workbench.expectVisible(`${SIDEBAR} .pane-header`, 'the Ops Roles views');
      await widenSidebar(workbench);
      // Give the Roles view the whole height for now.
      for (const title of PANES.slice(1)) await setExpanded(workbench, title, false);
      await setExpanded(workbench, 'Roles', true);
      await expectRow(workbench, 'Roles', 'Database administrator');
      await expectRow(workbench, 'Roles', '2 holders · 3 files');
      await expectRow(workbench, 'Roles', 'nobody → DevOps engineer · 4 files');
      await expectRow(workbench, 'Roles', 'Security reviewer');
    },
  },
  {
    name: 'expanding a role shows its holders, the rule that gives it paths, and its files',
    async run(workbench) {
      await rowOf(workbench, 'Roles', 'Database administrator').click();
      await expectRow(workbench, 'Roles', '@acme/dba');
      await expectRow(workbench, 'Roles', 'dba-oncall@acme.example');
      await expectRow(workbench, 'Roles', 'migrations/**, db/');
      await rowOf(workbench, 'Roles', /^\s*Files/).click();
      await expectRow(workbench, 'Roles', '001_create_payments.sql');
      await rowOf(workbench, 'Roles', 'Release manager').click();
      await expectRow(workbench, 'Roles', 'falls back to DevOps engineer: @alice');
    },
  },
  {
    name: 'clicking a rule opens ops-roles.yaml at that rule',
    async run(workbench) {
      await rowOf(workbench, 'Roles', 'migrations/**, db/').click();
      await workbench.expectText(SELECTORS.activeTab, 'ops-roles.yaml', 'the active editor tab');
      await workbench.expectText(SELECTORS.statusBarItems, /Ln 26, Col/, 'the cursor position in the status bar');
      await workbench.expectText(SELECTORS.editorLines, 'migrations/**', 'the editor');
    },
  },
  {
    name: 'Reveal in Ops Roles selects the active file under its role; This File shows who owns it',
    async run(workbench) {
      await setExpanded(workbench, 'This File', true);
      await workbench.quickOpen('release.sh');
      await workbench.runCommand('Ops Roles: Reveal in Ops Roles');
      const selected = `${SIDEBAR} .pane .monaco-list-row.selected`;
      await workbench.expectText(selected, 'release.sh', 'the selected row in the Roles view');
      await expectRow(workbench, 'This File', 'Decided by deploy/');
      await expectRow(workbench, 'This File', 'nobody holds it → DevOps engineer');
      await expectRow(workbench, 'This File', 'Overrides');
    },
  },
  {
    name: 'the Coverage view lists the gaps, each with its fix, and its badge counts them',
    async run(workbench) {
      await setExpanded(workbench, 'Roles', false);
      await setExpanded(workbench, 'This File', false);
      await setExpanded(workbench, 'Coverage', true);
      await expectRow(workbench, 'Coverage', 'No .github/CODEOWNERS yet');
      await expectRow(workbench, 'Coverage', 'Roles nobody holds');
      await expectRow(workbench, 'Coverage', 'falls back to DevOps engineer: @alice');
      await expectRow(workbench, 'Coverage', 'Roles held by one person');
      await expectRow(workbench, 'Coverage', 'only @alice');
      await workbench.expectText('.part.activitybar .badge-content', '3', 'the badge on the Ops Roles icon');
      // Hovering a vacant role shows its inline fix.
      await rowOf(workbench, 'Coverage', 'Release manager').hover();
      await workbench.expectVisible(
        `${SIDEBAR} .monaco-list-row .actions .action-label[aria-label="Assign role holders"]`,
        'the "Assign role holders" inline action',
      );
    },
  },
  {
    name: 'the Explorer comes back with Ctrl+Shift+E',
    async run(workbench) {
      // Leave the views as a fresh profile has them, so later check files start in the Explorer.
      for (const title of PANES) await setExpanded(workbench, title, true);
      await workbench.page.keyboard.press('Control+Shift+E');
      await workbench.expectVisible(SELECTORS.explorerRows, 'the Explorer');
    },
  },
];
