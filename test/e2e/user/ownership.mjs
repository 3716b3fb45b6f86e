// What a user sees of ownership while working: the CodeLens on line 1, the status-bar item,
// a hover card over an import, the rule counts in ops-roles.yaml, and "Who owns this file?".
import { SELECTORS } from '../lib/workbench.mjs';

export default [
  {
    name: 'a migration shows its owning role and holders in a CodeLens on line 1',
    async run(workbench) {
      await workbench.quickOpen('001_create_payments.sql');
      await workbench.expectText(SELECTORS.codeLens, 'Database administrator · @acme/dba dba-oncall@acme.example', 'the CodeLens');
    },
  },
  {
    name: "the status bar names the active file's role",
    async run(workbench) {
      await workbench.expectText(SELECTORS.statusBarItems, 'Database administrator', 'the status bar');
    },
  },
  {
    name: 'a role nobody holds shows its fallback in the CodeLens',
    async run(workbench) {
      await workbench.quickOpen('release.sh');
      await workbench.expectText(SELECTORS.codeLens, 'Release manager → DevOps engineer, Operations engineer · @alice @acme/sre', 'the CodeLens');
    },
  },
  {
    name: 'hovering an import shows who owns the imported file',
    async run(workbench) {
      await workbench.quickOpen('server.ts');
      await workbench.expectText(SELECTORS.editorLines, './auth/session', 'the editor');
      // The file's own CodeLens arrives after its text and pushes every line down by one row: a
      // pointer placed on the import before that ends up over another line and no card shows.
      // A user waits for the editor to settle, so wait for that lens before pointing at the import.
      await workbench.expectText(SELECTORS.codeLens, 'Operations manager · @acme/ops-leads', 'the CodeLens of server.ts');
      const token = workbench.page.locator(`${SELECTORS.editorLines} .view-line span span`, { hasText: 'auth/session' }).first();
      await token.hover();
      await workbench.expectText(SELECTORS.hover, 'Security reviewer · @acme/security', 'the hover card');
      await workbench.expectText(SELECTORS.hover, 'ops-roles.yaml:30', 'the hover card');
    },
  },
  {
    name: 'ops-roles.yaml shows how many files each rule decides',
    async run(workbench) {
      await workbench.page.mouse.move(5, 5);
      await workbench.page.keyboard.press('Escape');
      await workbench.quickOpen('ops-roles.yaml');
      await workbench.expectText(SELECTORS.codeLens, '3 files', 'the CodeLens above the migrations rule');
    },
  },
  {
    name: 'Who owns this file? lists roles, holders and the rule',
    async run(workbench) {
      await workbench.quickOpen('002_add_refunds.sql');
      await workbench.runCommand('Ops Roles: Who owns this file?');
      await workbench.expectText(SELECTORS.quickInputRows, 'Database administrator', 'the quick pick');
      await workbench.expectText(SELECTORS.quickInputRows, '@acme/dba', 'the quick pick');
      await workbench.expectText(SELECTORS.quickInputRows, 'ops-roles.yaml:26', 'the quick pick');
    },
  },
];
