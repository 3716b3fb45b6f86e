// Child processes in the benchmark report their figures as one JSON line, printed last; the
// config benches run such a child and time it whole.
import { spawn } from 'node:child_process';

/** A child that runs longer than this is killed (its run then fails). */
const TIMEOUT_MS = 120_000;

/** The last line of `text` parsed as JSON, or `undefined` when it is not JSON. */
export function lastJsonLine(text) {
  try {
    return JSON.parse(text.trim().split('\n').pop() ?? '');
  } catch {
    return undefined;
  }
}

/**
 * Runs `node args…` in `cwd` with `env` added to this process's environment; resolves with the
 * wall time from spawn to close, the exit code, the last JSON line, and the output's tails.
 */
export function runNode(args, cwd, env = {}) {
  return new Promise((done) => {
    const spawned = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out = (out + d).slice(-65536)));
    child.stderr.on('data', (d) => (err = (err + d).slice(-4096)));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, wallMs: performance.now() - spawned, result: lastJsonLine(out), stdout: out, stderr: err.trim() });
    });
  });
}
