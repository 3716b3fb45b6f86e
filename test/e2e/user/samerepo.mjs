// Two workspace folders of one repository (services/api and services/web of the monorepo
// fixture): both read the repository root's ops-roles.yaml, through one shared index.
import { CheckError, SELECTORS } from '../lib/workbench.mjs';

export const workspace = { fixture: 'monorepo', git: ['.'], workspaceFile: 'services.code-workspace' };

export default [
  {
    name: 'each folder of the repository shows the roles of its root',
    async run(workbench) {
      await workbench.quickOpen('index.ts');
      await workbench.expectText(SELECTORS.codeLens, 'Operations engineer · @acme/sre', 'the CodeLens', 60_000);
      await workbench.quickOpen('001_accounts.sql');
      await workbench.expectText(SELECTORS.codeLens, 'Database administrator · @acme/dba', 'the CodeLens');
    },
  },
  {
    name: 'the two folders share one index (the log indexes the repository once)',
    async run(workbench) {
      const log = await workbench.showOutputChannel('Ops Roles', 'from ops-roles.yaml');
      // Count the word only: the panel may wrap a long path anywhere after it.
      const indexed = log.match(/Indexing /g) ?? [];
      if (indexed.length !== 1) throw new CheckError('one "Indexing … from ops-roles.yaml" line in the log', log);
    },
  },
];
