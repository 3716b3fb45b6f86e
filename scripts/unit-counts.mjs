// The unit step's share of `npm test`'s closing line, from the summary that
// test/reporters/countingReporter.ts writes at the end of a vitest run. Apart from the reporter,
// so that test/unit/testCounts.test.ts checks the same rules scripts/test-all.mjs applies.
import { existsSync, readFileSync } from 'node:fs';

/**
 * `ok`: vitest exited 0. Anything vitest did not finish reporting still counts as a failure: no
 * summary at all, a non-zero exit with no failure in it, or a run in which no test ran.
 */
export function unitCounts({ ok, summaryFile }) {
  if (!existsSync(summaryFile)) return { passed: 0, failed: 1, skipped: 0, failures: ['unit: vitest wrote no summary (it stopped before the end of the run)'] };
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  const counts = { passed: summary.passed, failed: summary.failed, skipped: summary.skipped, failures: [...summary.failures] };
  if (!ok && counts.failed === 0) {
    counts.failed++;
    counts.failures.push('unit: vitest exited non-zero, with no failure in its summary');
  }
  if (counts.passed + counts.failed === 0) {
    counts.failed++;
    counts.failures.push('unit: no test ran');
  }
  return counts;
}
