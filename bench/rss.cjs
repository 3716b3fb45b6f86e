// Preloaded into the CLI by bench/run.mjs (`node --require bench/rss.cjs dist/cli.js …`): prints
// the process's peak resident memory and CPU time as a last JSON line when it exits, however it
// exits.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(1, `\n${JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024, totalCpuMs: (user + system) / 1000 })}\n`);
});
