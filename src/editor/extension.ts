import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Ops Roles', { log: true });
  context.subscriptions.push(log);
  log.info('Ops Roles activated');
}

export function deactivate(): void {}
