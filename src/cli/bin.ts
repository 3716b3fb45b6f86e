/**
 * The `ops-roles` process: standard streams and the exit code around runCli (main.ts). The only
 * file that touches the process, so main.ts can be imported (tests, the GitHub Action) without
 * running anything. esbuild gives the bundle its `#!/usr/bin/env node` line.
 */
import { once } from 'node:events';
import { EXIT_USAGE } from './io.js';
import { runCli } from './main.js';

/** The bundle's own hash, written in by esbuild.mjs after the build; absent when run from source. */
declare const OPS_ROLES_BUILD: string | undefined;

/** Write to standard output; when the pipe is full, wait until the reader has caught up. */
function writeStdout(text: string): void | Promise<void> {
  // A failed stream never drains: say so instead of waiting for it.
  if (process.stdout.destroyed) throw process.stdout.errored ?? new Error('standard output is closed');
  if (process.stdout.write(text)) return;
  // once() rejects if the stream fails meanwhile, so a broken stdout cannot leave this waiting.
  return once(process.stdout, 'drain').then(() => undefined);
}

/**
 * Write bytes to standard output; the promise settles once they are handed to the system (the
 * write's callback), so the caller may reuse the buffer and a slow reader slows the writer down.
 */
function writeStdoutBytes(bytes: Uint8Array): Promise<void> {
  if (process.stdout.destroyed) throw process.stdout.errored ?? new Error('standard output is closed');
  return new Promise((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
}

// Output to a closed pipe (`ops-roles who … | head`) ends quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});
runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  write: writeStdout,
  writeBytes: writeStdoutBytes,
  cwd: process.cwd(),
  stdin: () => process.stdin,
  env: process.env,
  build: typeof OPS_ROLES_BUILD === 'string' ? OPS_ROLES_BUILD : undefined,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`ops-roles: ${String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
