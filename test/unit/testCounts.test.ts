/**
 * `npm test`'s closing line counts failures that happen outside any test. vitest runs on
 * test/fixtures/failing-suites (a file that fails to load, a beforeAll that throws, an unhandled
 * rejection, and an ordinary failure) with the counting reporter, and the unit step's counting
 * (scripts/unit-counts.mjs, as scripts/test-all.mjs applies it) must list each of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unitCounts } from '../../scripts/unit-counts.mjs';
import { PROJECT_DIR } from './paths';

const work = mkdtempSync(join(tmpdir(), 'ops-roles-counts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the unit step of the closing line', () => {
  it('counts a file that fails to load, a failing beforeAll and an unhandled rejection as failures', () => {
    const summaryFile = join(work, 'summary.json');
    // The child is a vitest of its own: nothing of this worker's vitest environment goes along.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'TEST' && k !== 'NODE_ENV'));
    const r = spawnSync(
      process.execPath,
      [
        join(PROJECT_DIR, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        join(PROJECT_DIR, 'test/fixtures/failing-suites/vitest.config.ts'),
        '--reporter=dot',
        `--reporter=${join(PROJECT_DIR, 'test/reporters/countingReporter.ts')}`,
      ],
      { cwd: PROJECT_DIR, encoding: 'utf8', env: { ...env, OPS_ROLES_UNIT_SUMMARY: summaryFile } },
    );
    expect(r.status, r.stdout + r.stderr).toBe(1);

    const counts = unitCounts({ ok: r.status === 0, summaryFile });
    const listed = (pattern: RegExp) => counts.failures.filter((f) => pattern.test(f));
    expect(listed(/load-crash\.fixture\.ts: failed to load: fixture: this file fails to load/)).toHaveLength(1);
    expect(listed(/before-all\.fixture\.ts > a suite whose set-up fails: error outside any test: fixture: beforeAll fails/)).toHaveLength(1);
    expect(listed(/unhandled error \(while unhandled\.fixture\.ts ran\): fixture: unhandled rejection/)).toHaveLength(1);
    expect(listed(/plain\.fixture\.ts > fails the ordinary way$/)).toHaveLength(1);
    expect(counts.failed).toBe(counts.failures.length);
    expect(counts.failed).toBe(4);
    // The passing tests still count: one beside the failed suite, the one that left the
    // rejection behind, and the ordinary one.
    expect(counts.passed).toBe(3);
  });

  it('counts a run that left no summary, exited non-zero without a failure, or ran nothing, as failed', () => {
    expect(unitCounts({ ok: false, summaryFile: join(work, 'missing.json') })).toMatchObject({ passed: 0, failed: 1 });
    const summaryFile = join(work, 'quiet.json');
    writeFileSync(summaryFile, JSON.stringify({ passed: 5, failed: 0, skipped: 0, failures: [] }));
    expect(unitCounts({ ok: true, summaryFile })).toMatchObject({ passed: 5, failed: 0 });
    expect(unitCounts({ ok: false, summaryFile })).toMatchObject({ passed: 5, failed: 1 });
    writeFileSync(summaryFile, JSON.stringify({ passed: 0, failed: 0, skipped: 2, failures: [] }));
    expect(unitCounts({ ok: true, summaryFile })).toMatchObject({ passed: 0, failed: 1, failures: ['unit: no test ran'] });
  });
});
