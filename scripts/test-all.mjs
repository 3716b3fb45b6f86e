#!/usr/bin/env node
// `npm test`: every test the project has, in the order a failure is cheapest to read —
// type check, lint (ESLint, which also keeps src/core free of vscode, then Prettier), unit
// tests (vitest, with the oracle and corpora), then the real-editor suites
// (code-server + Playwright). Ends with one line "N passed, N failed" over all of them, which
// is what CI reads; vitest's own summary is not enough because the editor suites count too.
// Every way a step can go wrong counts as at least one failure there, listed under "Failed:": a
// test file that does not load, a hook that throws outside any test and an unhandled error
// included (vitest's JSON report has no test to count for those; our reporter counts them).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unitCounts } from './unit-counts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args, env = {}) {
  process.stdout.write(`\n== ${label}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  process.stdout.write(`== ${label}: exit ${r.status ?? r.signal} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return r.status === 0;
}

if (want('typecheck')) {
  if (run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.'])) passed++;
  else {
    failed++;
    failures.push('typecheck (tsc --noEmit)');
  }
}

if (want('lint')) {
  // One step, one count: both tools run so a failure shows every problem at once.
  const eslint = run('lint', 'npx', ['eslint', '--cache', '--cache-location', '.cache/eslint/', '.']);
  const prettier = run('lint', 'npx', ['prettier', '--cache', '--cache-location', '.cache/prettier', '--check', '.']);
  if (eslint && prettier) passed++;
  else {
    failed++;
    if (!eslint) failures.push('lint (eslint: see its problems above)');
    if (!prettier) failures.push('lint (prettier --check: run `npm run format`)');
  }
}

if (want('unit')) {
  // unit.json (vitest's own JSON report) is kept for tools that read it; the counts come from
  // test/reporters/countingReporter.ts, which also sees failures outside tests.
  const report = join(results, 'unit.json');
  const summaryFile = join(results, 'unit-summary.json');
  for (const f of [report, summaryFile]) rmSync(f, { force: true });
  const reporter = join(root, 'test', 'reporters', 'countingReporter.ts');
  const ok = run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, `--reporter=${reporter}`], {
    OPS_ROLES_UNIT_SUMMARY: summaryFile,
  });
  const unit = unitCounts({ ok, summaryFile });
  passed += unit.passed;
  failed += unit.failed;
  failures.push(...unit.failures);
  if (unit.skipped > 0) process.stdout.write(`== unit: ${unit.skipped} skipped\n`);
}

if (want('editor')) {
  const report = join(results, 'editor-results.json');
  rmSync(report, { force: true });
  const ok = run('editor', 'npm', ['run', '--silent', 'test:editor']);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.passed;
    failed += json.failed;
    for (const t of json.tests ?? []) if (!t.passed) failures.push(`editor/${t.suite}: ${t.name}`);
    if (!ok && json.failed === 0) {
      failed++;
      failures.push('editor: harness exited non-zero');
    }
  } else {
    failed++;
    failures.push('editor: harness wrote no results (see its output above)');
  }
}

if (failures.length) {
  process.stdout.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
