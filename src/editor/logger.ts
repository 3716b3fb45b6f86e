/**
 * The small logging surface features use; the real sink is the "Ops Roles" log channel that
 * `extension.ts` creates. Tests can pass any object of this shape.
 */
import * as vscode from 'vscode';

/** Where features write what happened. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** Bring the log into view (the "Show log" button). */
  show(): void;
}

/** A logger over a `LogOutputChannel`. */
export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m, e) => (e === undefined ? channel.error(m) : channel.error(`${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)),
    show: () => channel.show(true),
  };
}

/** Is this the rejection an aborted or cancelled operation ends with? */
export function isCancellation(error: unknown): boolean {
  return error instanceof vscode.CancellationError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'Canceled'));
}

/**
 * The one way a command reports a failure: one message with "Show log"; the details go to the
 * log. Cancellations are not failures and stay quiet.
 */
export async function reportFailure(logger: Logger, message: string, error?: unknown): Promise<void> {
  if (isCancellation(error)) {
    logger.info(`${message}: cancelled`);
    return;
  }
  logger.error(message, error);
  const detail = error instanceof Error ? `: ${error.message}` : '';
  const choice = await vscode.window.showErrorMessage(`${message}${detail}`, vscode.l10n.t('Show log'));
  if (choice === vscode.l10n.t('Show log')) logger.show();
}
