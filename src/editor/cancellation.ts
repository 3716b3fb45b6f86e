/**
 * Cancellation across the editor/core boundary. VS Code hands features a `CancellationToken`;
 * the core's long-running functions (listing files, running git) take an `AbortSignal`, as Node
 * does. This module is the one bridge between the two, and the one way a provider stops waiting
 * when VS Code cancels its request (CodeLens and hover both wait for the index to catch up with
 * the text on screen).
 */
import * as vscode from 'vscode';

/**
 * Run `work` with a signal that aborts when `token` is cancelled (no signal without a token),
 * and stop listening to the token once `work` settles.
 */
export async function withAbortSignal<T>(token: vscode.CancellationToken | undefined, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (!token) return work(undefined);
  const controller = new AbortController();
  const sub = token.onCancellationRequested(() => controller.abort());
  try {
    return await work(controller.signal);
  } finally {
    sub.dispose();
  }
}

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
