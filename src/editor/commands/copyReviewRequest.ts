/**
 * "Copy Review Request": the roles, holders and files the current change needs, as a Markdown
 * checklist on the clipboard for a pull-request description. Computed afresh from git, the way
 * the Review view and `ops-roles review` compute it. Returns the Markdown (for tests).
 */
import * as vscode from 'vscode';
import { tCount } from '../localize.js';
import { Command } from '../commandIds.js';
import { reportFailure } from '../logger.js';
import { computeFolderReviews, reviewsMarkdown } from '../review/folderReviews.js';
import type { EditorCommand } from './support.js';

export const copyReviewRequest: EditorCommand = {
  id: Command.CopyReviewRequest,
  async run(services) {
    await services.manager.start();
    const indexes = services.manager.all();
    if (indexes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No workspace folder has an ops-roles.yaml at its root.'));
      return '';
    }
    await Promise.all(indexes.map((i) => i.ready));
    const reviews = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Ops Roles: reviewing changes') }, () =>
      computeFolderReviews(indexes.map((i) => ({ folder: i.folder, model: i.model }))),
    );
    const markdown = reviewsMarkdown(reviews);
    if (!markdown) {
      const why = reviews.find((r) => r.message)?.message ?? vscode.l10n.t('There is nothing to review.');
      void vscode.window.showWarningMessage(vscode.l10n.t('Ops Roles: no review request to copy. {0}', why));
      return '';
    }
    try {
      await vscode.env.clipboard.writeText(markdown);
    } catch (error) {
      await reportFailure(services.logger, vscode.l10n.t('Could not write the review request to the clipboard'), error);
      return markdown;
    }
    const roles = reviews.reduce((n, r) => n + (r.groups?.roles.length ?? 0), 0);
    const unheld = reviews.reduce((n, r) => n + (r.groups?.unheldRoles.length ?? 0), 0);
    const copied = tCount(roles, 'Ops Roles: review request copied: {0} role.', 'Ops Roles: review request copied: {0} roles.');
    const note = unheld > 0 ? ` ${vscode.l10n.t('{0} of them nobody can approve as configured.', unheld)}` : '';
    void vscode.window.showInformationMessage(`${copied}${note}`);
    return markdown;
  },
};
