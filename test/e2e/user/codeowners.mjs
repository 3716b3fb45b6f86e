// Day one in a repository that has a CODEOWNERS and no ops-roles.yaml: the owning team shows in
// the CodeLens and the status bar, the CodeLens opens the deciding CODEOWNERS line, the Roles view
// offers the import, and a diff editor (its HEAD side is a git: document) shows the owner too.
// The fixture's workspace settings turn on CodeLens in diff editors (off by default in VS Code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CheckError, SELECTORS, textMatches } from '../lib/workbench.mjs';

export const workspace = { fixture: 'codeowners-only', git: ['.'] };

export default [
  {
    name: 'a CODEOWNERS alone: the owning team and its line in a CodeLens',
    async run(workbench) {
      await workbench.quickOpen('schema.sql');
      await workbench.expectText(SELECTORS.codeLens, '@acme/dba · CODEOWNERS line 3', 'the CodeLens', 60_000);
    },
  },
  {
    name: 'a CODEOWNERS alone: the owning team in the status bar',
    async run(workbench) {
      await workbench.expectText(SELECTORS.statusBarItems, '@acme/dba', 'the status bar');
    },
  },
  {
    name: 'the CodeLens opens the CODEOWNERS at the line that decides',
    async run(workbench) {
      await workbench.page.locator(`${SELECTORS.codeLens} a`, { hasText: 'CODEOWNERS line 3' }).first().click();
      await workbench.expectText(SELECTORS.activeTab, 'CODEOWNERS', 'the active editor tab');
      await workbench.expectText(SELECTORS.statusBarItems, /Ln 3, Col/, 'the cursor position in the status bar');
    },
  },
  {
    name: 'the Roles view offers to turn the CODEOWNERS into roles',
    async run(workbench) {
      await workbench.runCommand('Ops Roles: Focus on Roles View');
      await workbench.expectText('.part.sidebar .welcome-view-content', 'Turn this CODEOWNERS into roles', 'the Roles view');
    },
  },
  {
    name: 'a diff editor shows the owner on both sides and in the status bar',
    async run(workbench) {
      fs.appendFileSync(path.join(workbench.folder, 'deploy', 'release.sh'), 'echo "released $1"\n');
      await workbench.quickOpen('release.sh');
      // The palette ranks "Git: Open All Changes" first for this label: pick the exact row, as a user would.
      await workbench.page.keyboard.press('F1');
      await workbench.expectVisible(SELECTORS.quickInput, 'the command palette');
      await workbench.page.keyboard.type('Git: Open Changes', { delay: 10 });
      await workbench.expectText(SELECTORS.quickInputRows, 'Git: Open Changes', 'the command palette');
      const rows = await workbench.page.locator(SELECTORS.quickInputRows).allInnerTexts();
      // Two commands share the label; the palette then shows each one's id after it.
      const at = rows.findIndex((t) => /^Git: Open Changes(git\.openChange)?$/.test(t.replace(/\s+/g, ' ').trim()));
      if (at === -1) throw new CheckError('a row "Git: Open Changes" in the command palette', JSON.stringify(rows));
      await workbench.page.locator(SELECTORS.quickInputRows).nth(at).click();
      await workbench.expectVisible('.monaco-diff-editor', 'the diff editor', 30_000);
      const lens = '.monaco-diff-editor .codelens-decoration';
      const want = '@acme/release @acme/sre · CODEOWNERS line 4';
      // One lens on the working-tree side (file:) and one on the HEAD side (git:).
      const deadline = Date.now() + 30_000;
      let seen = [];
      while (Date.now() < deadline) {
        seen = await workbench.texts(lens);
        if (seen.filter((t) => textMatches(t, want)).length >= 2) break;
        await workbench.page.waitForTimeout(200);
      }
      if (seen.filter((t) => textMatches(t, want)).length < 2) throw new CheckError(`two CodeLenses "${want}" in the diff editor`, JSON.stringify(seen));
      await workbench.expectText(SELECTORS.statusBarItems, '@acme/release @acme/sre', 'the status bar');
    },
  },
  {
    name: 'Explain ownership lists the matching CODEOWNERS lines, the last one deciding',
    async run(workbench) {
      await workbench.quickOpen('schema.sql');
      await workbench.runCommand('Ops Roles: Explain ownership');
      await workbench.expectText(SELECTORS.quickInputRows, '.github/CODEOWNERS:2 *', 'the quick pick');
      await workbench.expectText(SELECTORS.quickInputRows, '.github/CODEOWNERS:3 /db/', 'the quick pick');
      await workbench.page.keyboard.press('Escape');
    },
  },
  {
    name: 'Open rule for this file jumps to the CODEOWNERS line',
    async run(workbench) {
      await workbench.quickOpen('app.ts');
      await workbench.runCommand('Ops Roles: Open rule for this file');
      await workbench.expectText(SELECTORS.activeTab, 'CODEOWNERS', 'the active editor tab');
      await workbench.expectText(SELECTORS.statusBarItems, /Ln 2, Col/, 'the cursor position in the status bar');
    },
  },
  {
    name: 'an ops-roles.yaml created beside it takes over: roles replace the CODEOWNERS owners',
    async run(workbench) {
      const config = ['version: 1', 'roles:', '  tool-smith: ["@acme/tools"]', 'ownership:', '  - path: "*"', '    roles: [tool-smith]', ''].join('\n');
      fs.writeFileSync(path.join(workbench.folder, 'ops-roles.yaml'), config);
      await workbench.quickOpen('app.ts');
      await workbench.expectText(SELECTORS.codeLens, 'Tool smith · @acme/tools', 'the CodeLens', 30_000);
    },
  },
];
