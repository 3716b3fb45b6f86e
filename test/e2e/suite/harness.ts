// A tiny test registrar for the extension-host suite: `test(name, fn)` collects, `runRegistered`
// runs them in order and writes every result to a JSON file the runner reads. No mocha: the
// runner wants per-test results, not a reporter's text, and this is all we need from one.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One test's outcome as the runner reads it from the results file. */
export interface TestResult {
  name: string;
  passed: boolean;
  /** The error's message (assert's message carries expected and actual). */
  error?: string;
  /** Bundle locations from the error's stack, innermost first. */
  frames?: string[];
  durationMs: number;
}

interface RegisteredTest {
  name: string;
  fn: () => unknown;
  timeoutMs: number;
}

const registered: RegisteredTest[] = [];

/** Registers a test; tests run in registration order (files in name order). */
export function test(name: string, fn: () => unknown, options: { timeoutMs?: number } = {}): void {
  registered.push({ name, fn, timeoutMs: options.timeoutMs ?? 20_000 });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where in the bundle the error was thrown (`suite.js:LINE:COL`); the runner maps them to .test.ts lines. */
function frames(error: unknown): string[] {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  return stack.match(/suite\.js:\d+:\d+/g) ?? [];
}

async function withTimeout(fn: () => unknown, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([Promise.resolve().then(fn), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every registered test, writes `{ tests: TestResult[] }` to `resultsFile`, and rejects if
 * any failed or none ran (the `run()` contract of `@vscode/test-electron`).
 */
export async function runRegistered(resultsFile: string): Promise<void> {
  const results: TestResult[] = [];
  // OPS_ROLES_E2E_GREP (a case-insensitive RegExp) runs only the tests whose names match.
  const grep = process.env.OPS_ROLES_E2E_GREP ? new RegExp(process.env.OPS_ROLES_E2E_GREP, 'i') : undefined;
  for (const { name, fn, timeoutMs } of registered) {
    if (grep && !grep.test(name)) continue;
    const started = Date.now();
    try {
      await withTimeout(fn, timeoutMs);
      results.push({ name, passed: true, durationMs: Date.now() - started });
      console.log(`  ok   ${name}`);
    } catch (error) {
      results.push({ name, passed: false, error: describe(error), frames: frames(error), durationMs: Date.now() - started });
      console.error(`  FAIL ${name}\n${describe(error)}`);
    }
  }
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify({ tests: results }, null, 2)}\n`);
  const failed = results.filter((result) => !result.passed).length;
  if (results.length === 0) throw new Error(`no extension-host tests ${grep ? `match ${grep}` : 'were registered'}`);
  if (failed > 0) throw new Error(`${failed} of ${results.length} extension-host tests failed`);
}
