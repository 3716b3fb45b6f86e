/**
 * A large ops-roles.yaml loaded the way the CLI and the editor load it (the same core calls):
 * read, parse and validate (`parseConfig`), then index (`OwnershipModel`), then every file of
 * the repository resolved three times: the first pass as `who --files-from` pays it; the second,
 * which starts over at the top of the list, is the first lookup out of order, and from there the
 * rule index remembers every directory it works out; the third and later ones have them all
 * (the steady rate, from CPU time: the median of {@link STEADY_PASSES} such passes, as one pass
 * of ~80 ms on a shared machine varies by half from run to run).
 * Bundled by bench/run.mjs with esbuild and run in a fresh process, as a user's process starts.
 * Prints one JSON line.
 *   node config-load.cjs CONFIG FILES_TXT
 */
import { readFileSync } from 'node:fs';
import { parseConfig } from '../src/core/config.js';
import { OwnershipModel } from '../src/core/ownership.js';

/** CPU time (user + system, all threads) of this process so far, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const [configFile, filesFile] = process.argv.slice(2);
const started = performance.now();
const startedCpu = cpuMs();
const parsed = parseConfig(readFileSync(configFile!, 'utf8'));
const parsedAt = performance.now();
const parsedCpu = cpuMs();
const model = new OwnershipModel(parsed.config);
const loadMs = performance.now() - started;
const loadCpuMs = cpuMs() - startedCpu;
const indexMs = performance.now() - parsedAt;
const indexCpuMs = cpuMs() - parsedCpu;

const files = readFileSync(filesFile!, 'utf8')
  .split('\n')
  .filter((line) => line !== '');
// Wall clock and CPU of each pass: on a machine shared with other work the wall clock is
// mostly waiting for a core, so the rate is worked out from CPU time (both are printed).
const STEADY_PASSES = 5;
const passes: { wallMs: number; cpuMs: number }[] = [];
let owned = 0;
for (let pass = 0; pass < 2 + STEADY_PASSES; pass++) {
  const t = performance.now();
  const c = cpuMs();
  owned = 0;
  for (const file of files) if (model.decidingPatternIndex(file) !== -1) owned++;
  passes.push({ wallMs: performance.now() - t, cpuMs: cpuMs() - c });
}
/** The median of the steady passes' figures, each taken on its own. */
function steadyMedian(key: 'wallMs' | 'cpuMs'): number {
  const sorted = passes
    .slice(2)
    .map((p) => p[key])
    .sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
const steady = { wallMs: steadyMedian('wallMs'), cpuMs: steadyMedian('cpuMs') };

process.stdout.write(
  JSON.stringify({
    rules: parsed.config.rules.length,
    errors: parsed.problems.filter((p) => p.severity === 'error').length,
    loadMs,
    loadCpuMs,
    parseMs: parsedAt - started,
    // parseConfig alone, CPU of all threads (V8's compiler and garbage collector helpers included).
    parseCpuMs: parsedCpu - startedCpu,
    indexMs,
    indexCpuMs,
    files: files.length,
    owned,
    firstPassMs: passes[0]!.wallMs,
    firstPassCpuMs: passes[0]!.cpuMs,
    // What `who --files-from` and the editor's first listing pay: memo building and JIT warm-up.
    firstPassPathsPerSecond: files.length / (passes[0]!.cpuMs / 1000),
    // Code warm, every directory worked out again and now remembered by path.
    secondPassMs: passes[1]!.wallMs,
    secondPassCpuMs: passes[1]!.cpuMs,
    steadyPasses: STEADY_PASSES,
    steadyMs: steady.wallMs,
    steadyCpuMs: steady.cpuMs,
    steadyPathsPerSecond: files.length / (steady.cpuMs / 1000),
    steadyWallPathsPerSecond: files.length / (steady.wallMs / 1000),
  }) + '\n',
);
