// A multi-root workspace with folders from two repositories: each folder shows its own owners,
// one from a CODEOWNERS alone, the other from its ops-roles.yaml.
import { SELECTORS } from '../lib/workbench.mjs';

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
      await workbench.expectText(`${SELECTORS.statusBar} .statusbar-item`, 'Release manager', 'the status bar');
    },
  },
];
