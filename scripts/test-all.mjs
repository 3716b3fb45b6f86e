#!/usr/bin/env node
// `npm test`: every test the project has, in the order a failure is cheapest to read —
// type check, unit tests (vitest, with the oracle and corpora), then the real-editor suites
// (code-server + Playwright). Ends with one line "N passed, N failed" over all of them, which
// is what CI reads; vitest's own summary is not enough because the editor suites count too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args) {
  process.stdout.write(`\n== ${label}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
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

if (want('unit')) {
  const report = join(results, 'unit.json');
  rmSync(report, { force: true });
  const ok = run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    for (const file of json.testResults ?? []) {
      for (const t of file.assertionResults ?? []) if (t.status === 'failed') failures.push(`unit: ${t.fullName}`);
    }
    if (!ok && json.numFailedTests === 0) {
      failed++;
      failures.push('unit: vitest exited non-zero (a suite failed to load?)');
    }
    if (json.numTotalTests === 0) {
      failed++;
      failures.push('unit: no test ran');
    }
  } else {
    failed++;
    failures.push('unit: vitest wrote no report');
  }
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
