// The floor: what Node needs just to read the file list and hash every path with SHA-1
// (node:crypto createHash('sha1'), one digest per path). No engine can beat reading the list,
// and hashing each path is a stand-in for the least per-path work any tool does.
//   node bench/floor.mjs CORPUS_DIR
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [corpusDir] = process.argv.slice(2);
const startupMs = performance.now();
let t = performance.now();
const files = readFileSync(join(corpusDir, 'files.txt'), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const readMs = performance.now() - t;
t = performance.now();
let xor = 0;
for (const path of files) xor ^= createHash('sha1').update(path).digest()[0];
const hashMs = performance.now() - t;
const doneEpochMs = performance.timeOrigin + performance.now();
const { user, system } = process.cpuUsage();
const totalCpuMs = (user + system) / 1000;
process.stdout.write(
  JSON.stringify({ startupMs, readMs, hashMs, files: files.length, xor, doneEpochMs, totalCpuMs, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
