/**
 * One review per folder: the changes git reports and their grouping by role, computed by the
 * core's `collectChanges` and `groupChangesByRole` as `ops-roles review` does it. The Review
 * view shows it; "Copy Review Request" puts it on the clipboard.
 */
import * as vscode from 'vscode';
import type { OwnershipModel } from '../../core/ownership.js';
import { collectChanges, groupChangesByRole, renderReviewMarkdown, type ChangeSetResult, type ReviewGroups } from '../../core/review.js';

/** A folder with ops-roles.yaml and its current ownership model (the ownership index provides these). */
export interface ReviewFolderSource {
  readonly folder: vscode.WorkspaceFolder;
  readonly model: OwnershipModel;
}

/** One folder's review, as last computed. */
export interface FolderReview {
  readonly folder: vscode.WorkspaceFolder;
  readonly model: OwnershipModel;
  readonly changes: ChangeSetResult | undefined;
  readonly groups: ReviewGroups | undefined;
  /** Shown instead of roles when the review could not be made. */
  readonly message: string | undefined;
}

/**
 * The review of every folder: its changes from git and their grouping by role. Git is not run
 * in an untrusted workspace (it runs hooks and config-driven programs such as core.fsmonitor).
 */
export async function computeFolderReviews(sources: readonly ReviewFolderSource[], signal?: AbortSignal): Promise<FolderReview[]> {
  const reviews: FolderReview[] = [];
  for (const source of sources) {
    const base = { folder: source.folder, model: source.model };
    if (!vscode.workspace.isTrusted) {
      reviews.push({ ...base, changes: undefined, groups: undefined, message: 'Trust this workspace to review its changes (the review runs git).' });
      continue;
    }
    if (source.folder.uri.scheme !== 'file') {
      reviews.push({ ...base, changes: undefined, groups: undefined, message: 'Review works on local folders only.' });
      continue;
    }
    const changes = await collectChanges(source.folder.uri.fsPath, { signal });
    signal?.throwIfAborted();
    if (!changes.ok) reviews.push({ ...base, changes, groups: undefined, message: changes.error.message });
    else reviews.push({ ...base, changes, groups: groupChangesByRole(source.model, changes.files), message: undefined });
  }
  return reviews;
}

/** The reviews as Markdown for a pull request (one section per folder when there are several); '' when there is nothing to say. */
export function reviewsMarkdown(reviews: readonly FolderReview[]): string {
  const done = reviews.filter((r) => r.groups);
  if (done.length === 1 && reviews.length === 1) return renderReviewMarkdown(done[0]!.groups!);
  return done.map((r) => `## ${r.folder.name}\n\n${renderReviewMarkdown(r.groups!)}`).join('\n');
}
