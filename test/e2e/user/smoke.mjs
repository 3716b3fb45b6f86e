// Smoke checks: what a user sees right after opening a workspace with the extension installed.
import { SELECTORS } from '../lib/workbench.mjs';

export default [
  {
    name: 'the explorer lists the workspace',
    async run(workbench) {
      await workbench.expectText(SELECTORS.explorerRows, 'ops-roles.yaml', 'the explorer');
    },
  },
  {
    name: 'the extension is installed',
    async run(workbench) {
      await workbench.showInstalledExtensions('Ops Roles');
    },
  },
  {
    name: 'the extension is active: its output channel logs activation',
    async run(workbench) {
      // The activation line names the extension (and, these days, its version).
      await workbench.showOutputChannel('Ops Roles', /Ops Roles\b.*\bactivated/);
    },
  },
  {
    name: 'Quick Open opens a file',
    async run(workbench) {
      await workbench.quickOpen('ops-roles.yaml');
      await workbench.expectText(SELECTORS.editorLines, 'ownership:', 'the editor');
    },
  },
];
