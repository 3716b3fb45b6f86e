// The honest floor for a whole-process figure: a Node process that reads the same input file and
// FNV-1a-hashes every byte of it. Any tool that answers for every path must at least start, read
// the input and look at each byte once; this does only that. Prints one JSON line.
//   node bench/floorFnv.mjs FILE
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const bytes = readFileSync(file);
let hash = 0x811c9dc5;
for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
const { user, system } = process.cpuUsage();
process.stdout.write(
  JSON.stringify({
    bytes: bytes.length,
    hash,
    doneEpochMs: performance.timeOrigin + performance.now(),
    totalCpuMs: (user + system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
