// The CLI's headline workload: every path of a very large repository answered by
// `ops-roles who --files-from LIST --json`, one NDJSON line per path. Measured as a user runs it
// (a whole process, wall clock and CPU, peak RSS) next to the floor (bench/floorFnv.mjs: a
// process that reads the same input file and FNV-1a-hashes every byte), median of RUNS runs each.
// Inputs: the synthetic monorepo's own list, and 1,000,000 paths made of that list under
// prefixes (the same repository checked out side by side in a larger tree), against the
// ops-roles.yaml that `ops-roles import` wrote for the synthetic CODEOWNERS.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { lastJsonLine } from './lastJson.mjs';
import { median } from './stats.mjs';

const RUNS = 3;
export const MILLION = 1_000_000;
const TIMEOUT_MS = 300_000;

/** Writes `count` paths to `file`: `files` in order, then again under `p1/`, `p2/`, … */
export async function writePathList(file, files, count) {
  const out = createWriteStream(file);
  let written = 0;
  for (let round = 0; written < count; round++) {
    const prefix = round === 0 ? '' : `p${round}/`;
    let chunk = '';
    for (let i = 0; i < files.length && written < count; i++, written++) {
      chunk += `${prefix}${files[i]}\n`;
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    if (chunk && !out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
}

/**
 * Runs `node args…`; counts output lines without keeping them, and reads the last JSON line
 * (the RSS hook's, or the floor's own).
 */
function runCounting(args, { cwd }) {
  return new Promise((done) => {
    const spawnEpochMs = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let tail = Buffer.alloc(0);
    let err = '';
    // Bytes, not text: decoding hundreds of megabytes of answers would cost this process more CPU
    // than the child's own writing, on the same machine, while the child waits on the pipe.
    child.stdout.on('data', (d) => {
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
      tail = Buffer.concat([tail, d.subarray(-4096)]).subarray(-4096);
    });
    child.stderr.on('data', (d) => (err = (err + d).slice(-4096)));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.timeOrigin + performance.now() - spawnEpochMs;
      const result = lastJsonLine(tail.toString('utf8'));
      done({ ok: code === 0 && result !== undefined, code: code ?? signal, lines, result, wallMs, stderr: err.trim() });
    });
  });
}

/**
 * The least this design can cost on one input, but for Node's own start (bench/run.mjs adds the
 * `node -e 0` it measures once): the same command repeated in one process with V8 warm
 * (bench/whoWarm.ts), what a whole process would take if loading and warming our code cost nothing.
 */
async function measureWarm({ warmer, repo, listFile, cacheDir }) {
  const w = await runCounting([warmer, repo, listFile, cacheDir], { cwd: repo });
  if (!w.ok) return { error: `bench/whoWarm.ts: exit ${w.code}: ${w.stderr.split('\n').slice(-2).join(' | ')}` };
  return w.result;
}

/** Median-of-RUNS figures for one input: ours (`who --files-from LIST --json`) and the floor. */
async function measureInput({ cli, rssHook, floorScript, repo, listFile, paths, warmer, cacheDir }) {
  const ours = [];
  const floor = [];
  for (let run = 0; run < RUNS; run++) {
    const f = await runCounting([floorScript, listFile], { cwd: repo });
    if (!f.ok) return { error: `floor: exit ${f.code}: ${f.stderr.split('\n').slice(-2).join(' | ')}` };
    floor.push({ wallMs: f.wallMs, cpuMs: f.result.totalCpuMs });
    const r = await runCounting(['--require', rssHook, cli, 'who', '--files-from', listFile, '--json', '--root', repo], { cwd: repo });
    if (!r.ok) return { error: `who --files-from --json: exit ${r.code}: ${r.stderr.split('\n').slice(-2).join(' | ')}` };
    // The RSS hook adds a blank line and its own JSON line after the answers.
    const answered = r.lines - 2;
    if (answered !== paths) return { error: `who --files-from --json printed ${answered} lines for ${paths} paths` };
    ours.push({ wallMs: r.wallMs, cpuMs: r.result.totalCpuMs, maxRssMB: r.result.maxRssMB });
  }
  const wallMs = median(ours.map((o) => o.wallMs));
  const cpuMs = median(ours.map((o) => o.cpuMs));
  const floorWallMs = median(floor.map((o) => o.wallMs));
  const floorCpuMs = median(floor.map((o) => o.cpuMs));
  return {
    paths,
    wallMs,
    cpuMs,
    pathsPerSecond: paths / (wallMs / 1000),
    maxRssMB: Math.max(...ours.map((o) => o.maxRssMB)),
    floorWallMs,
    floorCpuMs,
    ratio: wallMs / floorWallMs,
    cpuRatio: cpuMs / floorCpuMs,
    runs: { ours, floor },
    warm: await measureWarm({ warmer, repo, listFile, cacheDir }),
  };
}

/**
 * `who --files-from LIST --json` over the repository's own list and over a million paths.
 * `repo` holds ops-roles.yaml; `files` is its file list; `warmer` is the bundled
 * bench/whoWarm.ts and `cacheDir` the benchmark's cache of parsed configs.
 */
export async function measureCliStream({ cli, benchDir, work, repo, files, warmer, cacheDir }) {
  const rssHook = join(benchDir, 'rss.cjs');
  const floorScript = join(benchDir, 'floorFnv.mjs');
  const out = {};
  for (const [name, count] of [
    ['repository', files.length],
    ['million', MILLION],
  ]) {
    const listFile = join(work, `paths-${name}.txt`);
    const paths = await writePathList(listFile, files, count);
    out[name] = await measureInput({ cli, rssHook, floorScript, repo, listFile, paths, warmer, cacheDir });
  }
  return out;
}
