/**
 * Activation: the log channel, the ownership indexes and every feature's controller. The
 * folders are listed after `activate` returns, so activation stays fast.
 */
import * as vscode from 'vscode';
import type { Ownership } from '../core/ownership.js';
import { CodeLensController } from './codeLens.js';
import { registerCommands } from './commandRegistry.js';
import { registerConfigFileFeatures } from './configFile.js';
import { FileDecorationController } from './fileDecorations.js';
import { GeneratedCodeownersController } from './generatedCodeowners.js';
import { FolderFiles } from './folderFiles.js';
import { HoverController } from './hover.js';
import { channelLogger } from './logger.js';
import { OwnershipIndexManager } from './ownershipIndex.js';
import { PreviewDocuments } from './previewDocuments.js';
import { ReviewView } from './review/reviewView.js';
import { StatusBarController } from './statusBar.js';

/** What the extension exports to other extensions and to its own integration tests. */
export interface OpsRolesApi {
  /** Resolves when every indexed folder has read its config and listed its files. */
  ready(): Promise<void>;
  /** Who owns `uri`, when it is in a folder with ops-roles.yaml. */
  ownership(uri: vscode.Uri): Ownership | undefined;
  /** What the Review view lists now, per folder (not recomputed by the call). */
  reviewSnapshot(): ReturnType<ReviewView['snapshot']>;
}

export function activate(context: vscode.ExtensionContext): OpsRolesApi {
  const channel = vscode.window.createOutputChannel('Ops Roles', { log: true });
  const logger = channelLogger(channel);
  const manager = new OwnershipIndexManager(logger);
  const folderFiles = new FolderFiles(manager);
  const previews = new PreviewDocuments();
  const review = new ReviewView(manager, logger);
  context.subscriptions.push(
    channel,
    manager,
    new CodeLensController(manager),
    new HoverController(manager, folderFiles),
    new StatusBarController(manager),
    new FileDecorationController(manager),
    review,
    previews,
    new GeneratedCodeownersController(manager),
    ...registerConfigFileFeatures(manager),
    ...registerCommands({ manager, logger, folderFiles, previews, extensionContext: context }),
  );
  setTimeout(() => {
    manager.start().catch((error: unknown) => logger.error('Indexing the workspace', error));
  }, 0);
  logger.info(`Ops Roles ${String(context.extension.packageJSON.version)} activated`);
  return {
    ready: () => manager.ready(),
    ownership: (uri) => {
      const located = manager.locate(uri);
      return located?.index.ownership(located.rel);
    },
    reviewSnapshot: () => review.snapshot(),
  };
}

export function deactivate(): void {}
