/**
 * "Map teams to operations roles": a guided, two-step pick. First a built-in role, each shown
 * with its responsibilities from the catalog and the teams whose paths suggest it; then the
 * team (or group) to hold it, suggested ones first with their evidence. The choice is written
 * into ops-roles.yaml as a normal edit, undoable and left unsaved for review, and only after the
 * core has proved that every file keeps its owners (`mapRole`). Offered after an import and from
 * the Roles view.
 */
import * as vscode from 'vscode';
import { parseConfig, type OpsRolesConfig } from '../../core/config.js';
import { describeEvidence, mappingCandidates, mapRole, suggestMappings, type MappingCandidate } from '../../core/roleMapping.js';
import { BUILTIN_ROLES, type RoleInfo } from '../../core/roles.js';
import { plural } from '../../core/text.js';
import { untilCancelled } from '../cancellation.js';
import { Command } from '../commandIds.js';
import type { FolderIndex } from '../ownershipIndex.js';
import { pickIndex, separator, showActionPick, type ActionItem, type EditorCommand } from './support.js';

const TITLE = 'Map teams to operations roles';

/** The team's name as the picker shows it: its holders (a candidate always has some: mappingCandidates skips roles without). */
const teamLabel = (c: MappingCandidate): string => c.holders.join(', ');

export const mapRoles: EditorCommand = {
  id: Command.MapRoles,
  async run(services, arg) {
    const index = await pickIndex(services, arg, 'has the teams to map');
    if (!index) return undefined;
    const document = await vscode.workspace.openTextDocument(index.configUri);
    const config = parseConfig(document.getText()).config;
    const candidates = mappingCandidates(config);
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0}: ops-roles.yaml has no custom role with holders left to map to an operations role.', index.folder.name),
      );
      return { status: 'nothing-to-map' };
    }
    const items = roleItems(config, candidates, index);
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0}: every built-in operations role has holders already.', index.folder.name));
      return { status: 'all-roles-held' };
    }
    return { status: 'picking', ...showActionPick(`${TITLE} (1/2): which role?`, items, 'Pick the operations role a team holds') };
  },
};

/** Step 1: every built-in role nobody holds yet (listed as vacant or not listed), with its responsibilities and the suggested teams. */
function roleItems(config: OpsRolesConfig, candidates: readonly MappingCandidate[], index: FolderIndex): ActionItem[] {
  const suggestions = suggestMappings(config);
  const suggestedFor = (role: string) => suggestions.filter((s) => s.evidence.role === role).map((s) => s.candidate);
  return BUILTIN_ROLES.filter((role) => (config.roles.get(role.id)?.holders.length ?? 0) === 0).map((role) => {
    const suggested = suggestedFor(role.id).map(teamLabel);
    return {
      label: role.name,
      description: suggested.length ? vscode.l10n.t('suggested: {0}', suggested.join('; ')) : vscode.l10n.t('no team suggested by its paths'),
      detail: role.responsibilities.join(' · '),
      accept: () =>
        showActionPick(
          `${TITLE} (2/2): who is the ${role.name.toLowerCase()}?`,
          teamItems(role, candidates, suggestedFor(role.id), index),
          `Pick the team that holds ${role.name}`,
        ),
    };
  });
}

/** Step 2: the teams, those whose paths suggest `role` first, each with its evidence. */
function teamItems(role: RoleInfo, candidates: readonly MappingCandidate[], suggested: readonly MappingCandidate[], index: FolderIndex): ActionItem[] {
  const evidenceOf = (c: MappingCandidate) => c.evidence.find((e) => e.role === role.id);
  const item = (c: MappingCandidate): ActionItem => {
    const evidence = evidenceOf(c);
    const why = c.catchAll
      ? 'owns the catch-all rule, so its paths say nothing about its role'
      : evidence
        ? describeEvidence(evidence, c.patterns)
        : `none of its ${plural(c.patterns, 'pattern')} is a ${role.name.toLowerCase()} path`;
    return { label: teamLabel(c), description: vscode.l10n.t('role {0}', c.roleId), detail: why, accept: () => applyMapping(index, c, role) };
  };
  const first = candidates.filter((c) => suggested.includes(c));
  const rest = candidates.filter((c) => !suggested.includes(c));
  return [...(first.length ? [separator('Suggested by their paths'), ...first.map(item)] : []), separator('Every team'), ...rest.map(item)];
}

/** Prove the rename over the folder's files, then apply it as an edit of the open document. */
async function applyMapping(index: FolderIndex, candidate: MappingCandidate, role: RoleInfo): Promise<void> {
  const document = await vscode.workspace.openTextDocument(index.configUri);
  const reason = `you chose it in "${TITLE}"`;
  const mapping = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t("Ops Roles: checking that {0} keeps every file's owners", role.name),
      cancellable: true,
    },
    async (_progress, token) => {
      await untilCancelled(index.ready, token);
      if (token.isCancellationRequested) return undefined;
      const result = mapRole(document.getText(), candidate.roleId, role.id, reason, index.files ?? []);
      return token.isCancellationRequested ? undefined : result;
    },
  );
  if (!mapping) return;
  if (!mapping.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Ops Roles did not map {0} to {1}: {2}', teamLabel(candidate), role.name, mapping.message));
    return;
  }
  // Shown first: VS Code saves an edit to a file no editor shows, and this one is for review.
  await vscode.window.showTextDocument(document, { preview: false });
  const edit = new vscode.WorkspaceEdit();
  for (const e of mapping.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.endOffset)), e.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return;
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      '{0} is now held by {1} (was role {2}); every one of {3} keeps its owners. Review and save ops-roles.yaml to keep it.',
      role.name,
      teamLabel(candidate),
      candidate.roleId,
      plural(mapping.proof.filesCompared, 'file'),
    ),
    vscode.l10n.t('Map another team'),
  );
  if (choice) await vscode.commands.executeCommand(Command.MapRoles, index.folder.uri);
}
