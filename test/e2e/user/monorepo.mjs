// A monorepo opened at services/api/: the ops-roles.yaml at the repository root applies, with
// its patterns read relative to that root (the migrations rule is anchored at /services/api/).
import { SELECTORS } from '../lib/workbench.mjs';

export const workspace = { fixture: 'monorepo', git: ['.'], open: 'services/api' };

export default [
  {
    name: "a subfolder shows the roles of the repository root's ops-roles.yaml",
    async run(workbench) {
      await workbench.quickOpen('001_accounts.sql');
      await workbench.expectText(SELECTORS.codeLens, 'Database administrator · @acme/dba', 'the CodeLens', 60_000);
      await workbench.expectText(SELECTORS.statusBarItems, 'Database administrator', 'the status bar');
    },
  },
  {
    name: 'a file the anchored rule does not take falls to the catch-all rule',
    async run(workbench) {
      await workbench.quickOpen('handler.ts');
      await workbench.expectText(SELECTORS.codeLens, 'Operations engineer · @acme/sre', 'the CodeLens');
    },
  },
];
