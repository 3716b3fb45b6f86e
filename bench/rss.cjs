// Preloaded into the CLI by bench/run.mjs (`node --require bench/rss.cjs dist/cli.js …`): prints
// the process's peak resident memory as a last JSON line when it exits, however it exits.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  writeSync(1, `\n${JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
});
