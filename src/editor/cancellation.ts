/**
 * Cancellation helpers that several surfaces share (CodeLens and hover both wait for the index
 * to catch up with the text on screen, and stop waiting when VS Code cancels the request).
 */
import * as vscode from 'vscode';

/** `promise`, or as soon as `token` is cancelled. */
export function untilCancelled(promise: Promise<void>, token: vscode.CancellationToken): Promise<void> {
  if (token.isCancellationRequested) return Promise.resolve();
  return new Promise((resolve) => {
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      resolve();
    });
    void promise.then(() => {
      sub.dispose();
      resolve();
    });
  });
}
