// A repository with only .gitlab/CODEOWNERS, read as GitLab reads it: a file gets the owners of
// every section that matches it (union), and a section's exclusion takes files out of it.
import { SELECTORS } from '../lib/workbench.mjs';

export const workspace = { fixture: 'gitlab-only', git: ['.'] };

export default [
  {
    name: 'owners from every section that matches, the last section deciding the line shown',
    async run(workbench) {
      await workbench.quickOpen('orders.sql');
      await workbench.expectText(SELECTORS.codeLens, '@acme/ops @acme/dba · CODEOWNERS line 5', 'the CodeLens', 60_000);
    },
  },
  {
    name: "an exclusion takes a file out of its section: only the other section's owners",
    async run(workbench) {
      await workbench.quickOpen('totals.sql');
      await workbench.expectText(SELECTORS.codeLens, '@acme/ops · CODEOWNERS line 2', 'the CodeLens');
    },
  },
];
