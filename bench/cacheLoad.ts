/**
 * The 4.4k-rule ops-roles.yaml loaded the way `ops-roles` loads it with the cache of parsed
 * configs (core/configCache.ts): read the text, look its entry up (a hit when CACHE_DIR was
 * warmed, else a parse and a write), then index (`OwnershipModel`). Bundled by bench/run.mjs and
 * run in a fresh process, as a user's process starts. Prints one JSON line.
 *   node cache-load.cjs CONFIG CACHE_DIR
 */
import { readFileSync } from 'node:fs';
import { parseConfigCached } from '../src/core/configCache.js';
import { OwnershipModel } from '../src/core/ownership.js';

/** CPU time (user + system, all threads) of this process so far, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function main(): Promise<void> {
  const [configFile, cacheDir] = process.argv.slice(2);
  const started = performance.now();
  const startedCpu = cpuMs();
  const parsed = await parseConfigCached(readFileSync(configFile!, 'utf8'), { dir: cacheDir!, build: 'bench' });
  const readMs = performance.now() - started;
  const readCpuMs = cpuMs() - startedCpu;
  const model = new OwnershipModel(parsed.config);
  process.stdout.write(
    JSON.stringify({
      rules: model.config.rules.length,
      loadMs: performance.now() - started,
      loadCpuMs: cpuMs() - startedCpu,
      readMs,
      readCpuMs,
    }) + '\n',
  );
}

void main();
