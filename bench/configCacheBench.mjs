// The cache of parsed configs (src/core/configCache.ts) on the 4.4k-rule ops-roles.yaml:
// `ops-roles who README.md` as a user runs it with the cache warm (its entry there), cold (an
// empty cache directory: parse, then write the entry) and off (--no-cache), interleaved so that
// the load of a shared machine falls on all three alike (median of RUNS each, wall clock and the
// child's CPU); and the load alone on a hit and on a miss (bench/cacheLoad.ts: read, look up,
// index, in a fresh process). Every cache directory is a fresh temporary one, never the user's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from './lastJson.mjs';
import { median } from './stats.mjs';

const RUNS = 5;
const RSS = join(dirname(fileURLToPath(import.meta.url)), 'rss.cjs');

/**
 * Median wall and CPU of runs that all succeeded, or the first failure. A `who` run's figures are
 * the whole process's; a load's (bench/cacheLoad.ts) are the load's own, wall and CPU alike, so
 * that both say what its row names, and the process's wall is kept beside them.
 */
function summary(runs, what) {
  const failed = runs.find((r) => r.code !== 0 || !r.result);
  if (failed) return { error: `${what}: exit ${failed.code}: ${failed.stderr.split('\n').slice(-2).join(' | ')}` };
  const cpu = (r) => r.result.totalCpuMs ?? r.result.loadCpuMs;
  const wall = (r) => r.result.loadMs ?? r.wallMs;
  return { wallMs: median(runs.map(wall)), cpuMs: median(runs.map(cpu)), processWallMs: median(runs.map((r) => r.wallMs)), runs: runs.length };
}

/**
 * `cli` is dist/cli.js, `loader` the bundled bench/cacheLoad.ts, `repo` holds `config` (the
 * 4.4k-rule ops-roles.yaml). Returns { warm, cold, off, hit, miss }, each { wallMs, cpuMs } or
 * { error }.
 */
export async function measureConfigCache({ cli, loader, repo, config }) {
  const base = mkdtempSync(join(tmpdir(), 'ops-roles-bench-cache-'));
  try {
    const warm = { OPS_ROLES_CACHE_DIR: join(base, 'warm') };
    const who = (env, flags = []) => runNode(['--require', RSS, cli, ...flags, 'who', 'README.md', '--root', repo], repo, env);
    const load = (dir) => runNode([loader, config, dir], repo, {});
    // Fill the warm directories once.
    await who(warm);
    await load(join(base, 'warm-loader'));
    const runs = { warm: [], cold: [], off: [], hit: [], miss: [] };
    for (let i = 0; i < RUNS; i++) {
      runs.warm.push(await who(warm));
      runs.cold.push(await who({ OPS_ROLES_CACHE_DIR: join(base, `cold-${i}`) }));
      runs.off.push(await who(warm, ['--no-cache']));
      runs.hit.push(await load(join(base, 'warm-loader')));
      runs.miss.push(await load(join(base, `miss-${i}`)));
    }
    return Object.fromEntries(
      Object.entries(runs).map(([k, r]) => [k, summary(r, k === 'hit' || k === 'miss' ? `cache load (${k})` : `who README.md (${k})`)]),
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
