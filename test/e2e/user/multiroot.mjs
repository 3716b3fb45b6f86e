// A multi-root workspace with folders from two repositories: each folder shows its own owners,
// one from a CODEOWNERS alone, the other from its ops-roles.yaml.
import { CheckError, SELECTORS, textMatches } from '../lib/workbench.mjs';

export const workspace = { fixture: 'multi-root', git: ['alpha', 'beta'], workspaceFile: 'multi-root.code-workspace' };

export default [
  {
    name: "a folder with only a CODEOWNERS shows that file's owner",
    async run(workbench) {
      await workbench.quickOpen('alpha-service.ts');
      await workbench.expectText(SELECTORS.codeLens, '@acme/alpha-team · CODEOWNERS line 1', 'the CodeLens', 60_000);
    },
  },
  {
    name: "the other repository's folder shows its own roles",
    async run(workbench) {
      await workbench.quickOpen('beta-service.ts');
      await workbench.expectText(SELECTORS.codeLens, 'Release manager · @acme/beta-release', 'the CodeLens');
      await workbench.expectText(SELECTORS.statusBarItems, 'Release manager', 'the status bar');
    },
  },
  {
    name: 'side by side, each file keeps its own repository’s owner',
    async run(workbench) {
      // Ctrl+\\ splits the editor (the palette ranks another command first for its label).
      await workbench.page.keyboard.press('Control+Backslash');
      await workbench.page.locator('.editor-group-container').nth(1).waitFor({ state: 'visible', timeout: 20_000 });
      await workbench.quickOpen('alpha-service.ts');
      await workbench.expectText(SELECTORS.codeLens, '@acme/alpha-team', 'the CodeLens of the right-hand editor');
      const lenses = await workbench.texts(SELECTORS.codeLens);
      for (const want of ['@acme/alpha-team · CODEOWNERS line 1', 'Release manager · @acme/beta-release']) {
        if (!lenses.some((t) => textMatches(t, want))) throw new CheckError(`a CodeLens "${want}" on screen`, JSON.stringify(lenses));
      }
    },
  },
];
