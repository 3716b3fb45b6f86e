/**
 * The least `ops-roles who --files-from LIST --json` can cost in its present design: the same
 * command (read the config through the cache of parsed configs, index, answer every path, make
 * the NDJSON) run RUNS times in one process, so that the later runs pay no start of Node, no
 * loading of code and no warm-up of V8: what is left is the work itself. The answers go to a
 * counter, not a pipe. Bundled by bench/run.mjs and run in a fresh process; prints one JSON
 * line with the first run and the median of the runs after WARMUP.
 *   node who-warm.cjs REPO LIST CACHE_DIR
 */
import { runCli } from '../src/cli/main.js';
import { median } from './stats.mjs';

const RUNS = 8;
const WARMUP = 3;

/** CPU time (user + system, all threads) of this process so far, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** One run of the command; its wall and CPU time and the bytes it wrote. */
async function once(repo: string, list: string, cacheDir: string): Promise<{ wallMs: number; cpuMs: number; bytes: number }> {
  let bytes = 0;
  const started = performance.now();
  const startedCpu = cpuMs();
  const code = await runCli(['who', '--files-from', list, '--json', '--root', repo], {
    out: (text) => void (bytes += text.length + 1),
    err: (text) => process.stderr.write(text + '\n'),
    write: (text) => void (bytes += Buffer.byteLength(text)),
    writeBytes: (chunk) => void (bytes += chunk.length),
    cwd: repo,
    stdin: () => process.stdin,
    env: { OPS_ROLES_CACHE_DIR: cacheDir },
    build: 'bench-warm',
  });
  if (code !== 0) throw new Error(`who --files-from exited ${code}`);
  return { wallMs: performance.now() - started, cpuMs: cpuMs() - startedCpu, bytes };
}

async function main(): Promise<void> {
  const [repo, list, cacheDir] = process.argv.slice(2);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(repo!, list!, cacheDir!));
  const warm = runs.slice(WARMUP);
  if (new Set(runs.map((r) => r.bytes)).size !== 1) throw new Error('the runs wrote different output');
  process.stdout.write(
    JSON.stringify({
      runs: RUNS,
      warmup: WARMUP,
      bytes: runs[0]!.bytes,
      firstWallMs: runs[0]!.wallMs,
      firstCpuMs: runs[0]!.cpuMs,
      warmWallMs: median(warm.map((r) => r.wallMs)),
      warmCpuMs: median(warm.map((r) => r.cpuMs)),
    }) + '\n',
  );
}

void main();
