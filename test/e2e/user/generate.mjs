// Generating CODEOWNERS as a user does it: the palette command shows the proposed file as a diff
// and asks before the first write; only "Write" writes, and then the file is on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CheckError, SELECTORS } from '../lib/workbench.mjs';

const DIALOG = '.monaco-dialog-box';

export default [
  {
    name: 'Generate CODEOWNERS shows a diff and asks before the first write',
    async run(workbench) {
      const target = path.join(workbench.folder, '.github', 'CODEOWNERS');
      if (fs.existsSync(target)) throw new CheckError('no .github/CODEOWNERS before generating', 'one exists');
      // Open ops-roles.yaml from the Explorer and wait for its rule counts: the extension is
      // active and has indexed the folder, so its commands are in the palette.
      await workbench.page.locator(SELECTORS.explorerRows, { hasText: 'ops-roles.yaml' }).first().click();
      await workbench.expectText(SELECTORS.codeLens, /\d+ files?/, 'the rule counts in ops-roles.yaml', 60_000);
      await workbench.runCommand('Ops Roles: Generate CODEOWNERS');
      await workbench.expectText(DIALOG, 'Write .github/CODEOWNERS?', 'the confirmation dialog', 30_000);
      await workbench.expectText(DIALOG, /Proven over \d+ files/, 'the confirmation dialog');
      await workbench.expectText(SELECTORS.activeTab, 'generated', 'the diff editor tab');
      await workbench.expectText('.monaco-diff-editor .modified .view-lines', 'BEGIN ops-roles generated block', 'the proposed side of the diff');
      if (fs.existsSync(target)) throw new CheckError('nothing written before "Write"', 'the file exists already');
    },
  },
  {
    name: '"Write" writes .github/CODEOWNERS and says so',
    async run(workbench) {
      await workbench.page.locator(`${DIALOG} .dialog-buttons a, ${DIALOG} .dialog-buttons button`, { hasText: 'Write' }).first().click();
      const target = path.join(workbench.folder, '.github', 'CODEOWNERS');
      const deadline = Date.now() + 15_000;
      while (!fs.existsSync(target) && Date.now() < deadline) await workbench.page.waitForTimeout(200);
      if (!fs.existsSync(target)) throw new CheckError('.github/CODEOWNERS written', 'no file after 15 s');
      const text = fs.readFileSync(target, 'utf8');
      if (!text.includes('/migrations/ @acme/dba dba-oncall@acme.example')) throw new CheckError('the migrations line in the written file', text.slice(0, 400));
      try {
        await workbench.expectText(SELECTORS.toasts, 'Wrote .github/CODEOWNERS from ops-roles.yaml', 'the notification');
      } finally {
        // The next check files open the same folder and expect it as examples/ ships it.
        fs.rmSync(target, { force: true });
      }
    },
  },
];
