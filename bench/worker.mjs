// One engine on one corpus, in a process of its own so that its peak memory is its own.
//   node bench/worker.mjs run    ENGINE CORPUS_DIR ANSWERS_FILE SAMPLE SEED
//   node bench/worker.mjs lookup ENGINE CORPUS_DIR COUNT SEED
// Prints one JSON line. `run` resolves every file (SAMPLE 0) or a seeded sample of SAMPLE files
// in file-list order, then writes "index<TAB>owners" lines for the agreement check. `lookup`
// times COUNT single lookups of random files on a fresh index (cold directories included).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES } from './peers.mjs';
import { seededSample } from './sample.mjs';

const [mode, engineName, corpusDir, ...rest] = process.argv.slice(2);
const startupMs = performance.now();
/** CPU time (user + system, all threads) of this process so far, in ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const factory = ENGINES[engineName];
if (!factory) throw new Error(`unknown engine ${engineName}`);
const engine = await factory();

let t = performance.now();
const files = readFileSync(join(corpusDir, 'files.txt'), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const readMs = performance.now() - t;

t = performance.now();
let c = cpuMs();
const text = readFileSync(join(corpusDir, 'CODEOWNERS'), 'utf8');
const resolver = engine.load(corpusDir, text);
const loadMs = performance.now() - t;
const loadCpuMs = cpuMs() - c;

if (mode === 'run') {
  const [answersFile, sampleArg, seedArg] = rest;
  const sample = Number(sampleArg);
  const picked = sample > 0 && sample < files.length ? seededSample(files.length, sample, Number(seedArg)) : undefined;
  const answers = new Array(picked ? picked.length : files.length);
  t = performance.now();
  c = cpuMs();
  if (picked) for (let k = 0; k < picked.length; k++) answers[k] = resolver.resolve(files[picked[k]]);
  else for (let i = 0; i < files.length; i++) answers[i] = resolver.resolve(files[i]);
  const resolveMs = performance.now() - t;
  const resolveCpuMs = cpuMs() - c;
  const doneEpochMs = performance.timeOrigin + performance.now();
  const totalCpuMs = cpuMs();
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const lines = answers.map((owners, k) => `${picked ? picked[k] : k}\t${[...new Set(owners.filter((o) => o !== ''))].sort().join(' ')}`);
  writeFileSync(answersFile, lines.join('\n') + '\n');
  const resolved = answers.length;
  process.stdout.write(
    JSON.stringify({
      startupMs,
      readMs,
      loadMs,
      loadCpuMs,
      resolveMs,
      resolveCpuMs,
      resolved,
      files: files.length,
      sampled: Boolean(picked),
      doneEpochMs,
      totalCpuMs,
      maxRssMB,
    }) + '\n',
  );
} else if (mode === 'lookup') {
  const [countArg, seedArg] = rest;
  const picked = seededSample(files.length, Number(countArg), Number(seedArg), { keepOrder: false });
  const times = [];
  for (const i of picked) {
    const path = files[i];
    const s = process.hrtime.bigint();
    resolver.resolve(path);
    times.push(Number(process.hrtime.bigint() - s) / 1000);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  process.stdout.write(JSON.stringify({ loadMs, lookups: times.length, medianUs: at(0.5), p90Us: at(0.9), maxUs: times[times.length - 1] }) + '\n');
} else {
  throw new Error(`unknown mode ${mode}`);
}
