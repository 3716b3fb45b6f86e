/**
 * The creates and deletes below a folder, collected while they come in bursts (a checkout or
 * a build creates many files at once) and handed over once they pause. Changes to a file's
 * content are not watched: they do not change which files there are. The source file itself is
 * reported at once, since creating or deleting it changes every owner.
 */
import * as vscode from 'vscode';
import { relativeTo } from './folderFiles.js';

/** Debounce for file creates/deletes: a checkout or a build creates many at once. */
const FILES_DEBOUNCE_MS = 400;

/** Paths that are never part of the repository's files. */
function ignoredPath(rel: string): boolean {
  return /(^|\/)(\.git|node_modules)(\/|$)/.test(rel);
}

/** Files created and deleted since the last {@link FileEventBatcher.take}, each in one list only. */
export interface FileEvents {
  readonly created: readonly string[];
  readonly deleted: readonly string[];
}

/** What the batcher tells its owner. */
export interface FileEventHandlers {
  /** The index's source file (ops-roles.yaml or CODEOWNERS) was created or deleted. */
  configTouched(): void;
  /** Creates and deletes paused: {@link FileEventBatcher.take} has the batch. */
  settled(): void;
}

/** Watches one folder. Dispose to stop. */
export class FileEventBatcher implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly created = new Set<string>();
  private readonly deleted = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly folder: vscode.WorkspaceFolder,
    private readonly sourceFile: string,
    private readonly handlers: FileEventHandlers,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'), false, true, false);
    this.disposables = [watcher, watcher.onDidCreate((uri) => this.event(uri, 'created')), watcher.onDidDelete((uri) => this.event(uri, 'deleted'))];
  }

  /** The events collected so far; the batcher starts collecting afresh. */
  take(): FileEvents {
    const events = { created: [...this.created], deleted: [...this.deleted] };
    this.created.clear();
    this.deleted.clear();
    return events;
  }

  private event(uri: vscode.Uri, kind: 'created' | 'deleted'): void {
    const rel = relativeTo(this.folder, uri);
    if (rel === undefined || ignoredPath(rel)) return;
    if (rel === this.sourceFile) {
      this.handlers.configTouched();
      return;
    }
    // The last event about a path wins.
    if (kind === 'created') {
      this.deleted.delete(rel);
      this.created.add(rel);
    } else {
      this.created.delete(rel);
      this.deleted.add(rel);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.handlers.settled(), FILES_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
