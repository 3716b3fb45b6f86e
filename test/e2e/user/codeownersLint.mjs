// A hand-written CODEOWNERS in a repository without ops-roles.yaml is linted as the user types:
// a broken line shows in the Problems panel under its rule id, and the quick fix (Ctrl+.) mends it.
import { CheckError, SELECTORS } from '../lib/workbench.mjs';

export const workspace = { fixture: 'codeowners-only', git: ['.'] };

const PROBLEMS = '.markers-panel .monaco-list-row';
const BROKEN = '/README.md @acme/docs @acme/docs';
const MENDED = '/README.md @acme/docs';

export default [
  {
    name: 'a broken CODEOWNERS line shows in the Problems panel with its rule id',
    async run(workbench) {
      const { page } = workbench;
      await workbench.quickOpen('CODEOWNERS');
      await workbench.expectText(SELECTORS.editorLines, '/deploy/ @acme/release @acme/sre', 'the CODEOWNERS editor');
      await page.locator(SELECTORS.editorLines).first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(BROKEN, { delay: 10 });
      await page.keyboard.press('Escape');
      await workbench.expectText(SELECTORS.editorLines, BROKEN, 'the typed line');
      await page.keyboard.press('Control+Shift+M');
      await workbench.expectVisible('.markers-panel', 'the Problems panel');
      await workbench.expectText(PROBLEMS, '@acme/docs is listed twice on this line', 'the Problems panel', 30_000);
      await workbench.expectText(PROBLEMS, 'codeowners-duplicate-owner', 'the rule id in the Problems panel');
    },
  },
  {
    name: 'the quick fix removes the repeated owner and the problem goes away',
    async run(workbench) {
      const { page } = workbench;
      await page.locator(`${SELECTORS.editorLines} .view-line`, { hasText: '/README.md' }).first().click();
      await page.keyboard.press('End');
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Remove the repeated @acme/docs' }).first();
      try {
        await fix.waitFor({ state: 'visible', timeout: 20_000 });
      } catch {
        throw new CheckError('a quick fix "Remove the repeated @acme/docs" after Ctrl+.', JSON.stringify(await workbench.texts('.action-widget')));
      }
      await fix.click();
      await workbench.expectText(`${SELECTORS.editorLines} .view-line`, new RegExp(`^${MENDED.replace(/[/.]/g, '\\$&')}$`), 'the mended line');
      const deadline = Date.now() + 20_000;
      let rows = await workbench.texts(PROBLEMS);
      while (rows.some((t) => t.includes('listed twice')) && Date.now() < deadline) {
        await page.waitForTimeout(200);
        rows = await workbench.texts(PROBLEMS);
      }
      if (rows.some((t) => t.includes('listed twice'))) throw new CheckError('no "listed twice" problem after the fix', JSON.stringify(rows));
    },
  },
];
