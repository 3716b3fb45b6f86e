/**
 * Counts what `npm test`'s closing line needs from a vitest run, including the failures vitest's
 * JSON report leaves out: a test file that fails to load (it has no tests, so it counts for
 * nothing there), an error in a suite's hooks outside any test, and an error or rejection nobody
 * handled. Each of those counts as one failure and gets a line under "Failed:".
 *
 * Writes { passed, failed, skipped, failures } as JSON to $OPS_ROLES_UNIT_SUMMARY (default
 * test-results/unit-summary.json under the project root); scripts/test-all.mjs reads it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Reporter, SerializedError, TestModule, TestRunEndReason, Vitest } from 'vitest/node';

export interface UnitSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** One line per failure, for the "Failed:" list. */
  failures: string[];
}

const firstLine = (e: SerializedError | undefined) => (e?.message ?? String(e)).split('\n')[0]!.trim();

export function summarize(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>, reason: TestRunEndReason, root: string): UnitSummary {
  const summary: UnitSummary = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const fail = (line: string) => {
    summary.failed++;
    summary.failures.push(`unit: ${line}`);
  };
  for (const module of modules) {
    const file = relative(root, module.moduleId);
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') summary.passed++;
      else if (state === 'failed') fail(`${file} > ${test.fullName}`);
      else summary.skipped++;
    }
    // Errors of the file itself: it failed to load, or a top-level hook threw.
    const errors = module.errors();
    if (errors.length > 0) fail(`${file}: ${module.children.size === 0 ? 'failed to load' : 'error outside any test'}: ${firstLine(errors[0])}`);
    for (const suite of module.children.allSuites()) {
      const suiteErrors = suite.errors();
      if (suiteErrors.length > 0) fail(`${file} > ${suite.fullName}: error outside any test: ${firstLine(suiteErrors[0])}`);
    }
  }
  for (const error of unhandled) {
    // vitest notes the file that was running when the error surfaced, when it knows.
    const where = typeof error.VITEST_TEST_PATH === 'string' ? ` (while ${relative(root, error.VITEST_TEST_PATH)} ran)` : '';
    fail(`unhandled error${where}: ${firstLine(error)}`);
  }
  if (reason === 'interrupted') fail('the run was interrupted');
  return summary;
}

export default class CountingReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const out = resolve(this.root, process.env.OPS_ROLES_UNIT_SUMMARY ?? 'test-results/unit-summary.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(summarize(modules, unhandled, reason, this.root), null, 2)}\n`);
  }
}
