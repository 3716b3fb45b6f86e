// Runs once per `vitest run`, before the test files start in parallel workers:
// - the synthetic monorepo corpus is written (when missing or stale), so that two workers never
//   write it at the same time;
// - the CLI is bundled once into CLI_BIN (test/unit/paths.ts), which every test that runs the
//   CLI as a process spawns, instead of each file bundling its own copy.
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { ensureSyntheticCorpus } from '../scripts/corpus/synthetic.mjs';
import { CLI_BIN, PROJECT_DIR } from './unit/paths';

export default async function setup(): Promise<void> {
  ensureSyntheticCorpus();
  mkdirSync(dirname(CLI_BIN), { recursive: true });
  // Written aside and renamed, so a second run starting meanwhile never spawns half a file.
  const partial = `${CLI_BIN}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(PROJECT_DIR, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: partial,
    logLevel: 'silent',
    // As in esbuild.mjs: the CLI package test installs this file as the `ops-roles` bin.
    banner: { js: '#!/usr/bin/env node' },
  });
  renameSync(partial, CLI_BIN);
}
