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
  {
    // GitHub's reading of the same lines gives db/generated/totals.sql to @acme/dba (2 and 2);
    // the report must read the file as the CodeLens above does (the index's own model).
    name: 'the coverage report counts files as GitLab reads them, as the CodeLens does',
    async run(workbench) {
      await workbench.runCommand('Ops Roles: Show coverage');
      await workbench.expectText(SELECTORS.editorLines, '| @acme/ops (`@acme/ops`) | 3 |', 'the coverage report', 30_000);
      await workbench.expectText(SELECTORS.editorLines, '| @acme/dba (`@acme/dba`) | 1 |', 'the coverage report');
    },
  },
];
