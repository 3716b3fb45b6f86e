/**
 * Read-only virtual documents for previews (the proposed CODEOWNERS in a diff), served from
 * memory under the `ops-roles-preview` scheme.
 */
import * as vscode from 'vscode';

/** The URI scheme of preview documents. */
export const PREVIEW_SCHEME = 'ops-roles-preview';

/** Holds preview texts and serves them to the editor. */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);

  /** Put `text` at a preview URI named after `path` (the same URI again replaces it). */
  show(path: string, text: string, label: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${label}/${path}` });
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.texts.clear();
  }
}
