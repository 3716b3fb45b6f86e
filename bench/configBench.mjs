// A large ops-roles.yaml (the one `ops-roles import` wrote for the synthetic monorepo): how long
// a fresh process takes to load, validate and index it (bench/configLoad.ts, median of RUNS), how
// fast it then resolves, and `ops-roles who` on one path in that repository as a user runs it
// (whole process, wall clock, median of RUNS), beside `node -e 0` for the start of Node alone.
import { statSync } from 'node:fs';
import { runNode } from './lastJson.mjs';
import { median } from './stats.mjs';

const RUNS = 3;

/** RUNS runs of `node args…`, or an error when one of them fails `ok`. */
async function medianRun(args, cwd, ok) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runNode(args, cwd);
    if (!ok(r)) return { error: `node ${args.slice(-3).join(' ')}: exit ${r.code}: ${r.stderr.split('\n').slice(-2).join(' | ')}` };
    runs.push(r);
  }
  return { runs };
}

/**
 * `loader` is the bundled bench/configLoad.ts; `cli` is dist/cli.js; `repo` holds ops-roles.yaml
 * and a git index listing `filesTxt`.
 */
export async function measureConfig({ loader, cli, repo, config, filesTxt }) {
  const load = await medianRun([loader, config, filesTxt], repo, (r) => r.code === 0 && r.result);
  if (load.error) return load;
  const results = load.runs.map((r) => r.result);
  const pick = (key) => median(results.map((x) => x[key]));
  const who = await medianRun([cli, 'who', 'README.md', '--root', repo], repo, (r) => r.code === 0);
  if (who.error) return who;
  const bare = await medianRun(['-e', '0'], repo, (r) => r.code === 0);
  return {
    rules: results[0].rules,
    errors: results[0].errors,
    configBytes: statSync(config).size,
    loadMs: pick('loadMs'),
    loadCpuMs: pick('loadCpuMs'),
    parseMs: pick('parseMs'),
    indexMs: pick('indexMs'),
    indexCpuMs: pick('indexCpuMs'),
    files: results[0].files,
    firstPassMs: pick('firstPassMs'),
    firstPassCpuMs: pick('firstPassCpuMs'),
    steadyPasses: results[0].steadyPasses,
    steadyPathsPerSecond: pick('steadyPathsPerSecond'),
    steadyWallPathsPerSecond: pick('steadyWallPathsPerSecond'),
    whoOnePathMs: median(who.runs.map((r) => r.wallMs)),
    whoAnswer: who.runs[0].stdout.trim(),
    nodeStartMs: bare.error ? undefined : median(bare.runs.map((r) => r.wallMs)),
    runs: results,
  };
}
