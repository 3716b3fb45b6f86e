/**
 * Activation: the log channel, the ownership indexes and every feature's controller. The
 * folders are listed after `activate` returns, so activation stays fast.
 */
import * as vscode from 'vscode';
import type { Ownership } from '../core/ownership.js';
import { CodeLensController, type CodeLensAnswer } from './codeLens.js';
import { registerCommands } from './commandRegistry.js';
import { registerConfigFileFeatures } from './configFile.js';
import { FileDecorationController } from './fileDecorations.js';
import { CodeownersDiagnosticsController } from './codeownersDiagnostics.js';
import { FolderFiles } from './folderFiles.js';
import { HoverController } from './hover.js';
import { setTranslator } from './localize.js';
import { channelLogger } from './logger.js';
import { OwnershipIndexManager } from './ownershipIndex.js';
import { PreviewDocuments } from './previewDocuments.js';
import { ReviewView } from './review/reviewView.js';
import { Sidebar, type SidebarTestApi } from './sidebar/sidebar.js';
import { StatusBarController } from './statusBar.js';

/** Milliseconds, measured by the extension itself from the start of `activate`. */
export interface ActivationTimings {
  /** `performance.now()` of the extension host when `activate` began: the origin of the others. */
  readonly activationStartedAt: number;
  /** How long `activate` took: what VS Code waits for before the window is responsive to us. */
  readonly activationMs: number;
  /**
   * CPU time (user + system) of the extension host during `activate`: on a busy machine the
   * wall-clock time above is mostly waiting for a core, this is the work activation itself did.
   */
  readonly activationCpuMs: number;
  /** When an index had first read its source (ops-roles.yaml): from then on it can answer. */
  readonly sourceReadMs: number | undefined;
  /** When every folder had its config read and files listed, if that has happened. */
  readonly indexedMs: number | undefined;
}

/** What the extension exports to other extensions and to its own integration tests. */
export interface OpsRolesApi {
  /** How long activation and the first indexing took (for the performance measurements). */
  timings(): ActivationTimings;
  /** Resolves when every indexed folder has read its config and listed its files. */
  ready(): Promise<void>;
  /**
   * The last owner CodeLens the extension returned for `uri` (when, how long it took, the
   * titles): our own answer, apart from the other CodeLens providers of the file.
   */
  codeLensAnswer(uri: vscode.Uri): CodeLensAnswer | undefined;
  /** Who owns `uri`, when it is in a folder with ops-roles.yaml (once that has been read). */
  ownership(uri: vscode.Uri): Ownership | undefined;
  /** What the Review view lists now, per folder (not recomputed by the call). */
  reviewSnapshot(): ReturnType<ReviewView['snapshot']>;
  /** The sidebar's trees (Roles, This File, Coverage) read through their data providers. */
  readonly sidebar: SidebarTestApi;
}

export function activate(context: vscode.ExtensionContext): OpsRolesApi {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  // The pure modules' wording (CodeLens, hovers, sidebar rows) in the display language.
  setTranslator(vscode.l10n.t);
  let indexedMs: number | undefined;
  let sourceReadMs: number | undefined;
  const channel = vscode.window.createOutputChannel('Ops Roles', { log: true });
  const logger = channelLogger(channel);
  const manager = new OwnershipIndexManager(logger);
  const folderFiles = new FolderFiles(manager);
  const previews = new PreviewDocuments();
  const review = new ReviewView(manager, logger);
  const sidebar = new Sidebar(manager, logger);
  const services = { manager, logger, folderFiles, previews, extensionContext: context, sidebar };
  const codeLens = new CodeLensController(manager);
  context.subscriptions.push(
    channel,
    manager,
    folderFiles,
    codeLens,
    new HoverController(manager, folderFiles),
    new StatusBarController(manager),
    new FileDecorationController(manager),
    review,
    previews,
    new CodeownersDiagnosticsController(manager, folderFiles),
    ...registerConfigFileFeatures(manager),
    sidebar,
    ...registerCommands(services),
  );
  const firstRead = manager.onDidChange(() => {
    if (sourceReadMs !== undefined || !manager.all().some((i) => i.sourceRead)) return;
    sourceReadMs = performance.now() - started;
    firstRead.dispose();
  });
  context.subscriptions.push(firstRead);
  setTimeout(() => {
    manager
      .start()
      .then(() => {
        indexedMs = performance.now() - started;
        logger.info(`Indexed the workspace ${indexedMs.toFixed(0)} ms after activation began`);
      })
      .catch((error: unknown) => logger.error('Indexing the workspace', error));
  }, 0);
  const activationMs = performance.now() - started;
  const cpu = process.cpuUsage(startedCpu);
  const activationCpuMs = (cpu.user + cpu.system) / 1000;
  logger.info(`Ops Roles ${String(context.extension.packageJSON.version)} activated in ${activationMs.toFixed(1)} ms (${activationCpuMs.toFixed(1)} ms CPU)`);
  return {
    timings: () => ({ activationStartedAt: started, activationMs, activationCpuMs, sourceReadMs, indexedMs }),
    ready: () => manager.ready(),
    codeLensAnswer: (uri) => codeLens.answers.last(uri),
    ownership: (uri) => {
      const located = manager.locate(uri);
      return located?.index.sourceRead ? located.index.ownership(located.rel) : undefined;
    },
    reviewSnapshot: () => review.snapshot(),
    sidebar: sidebar.testApi,
  };
}

export function deactivate(): void {}
