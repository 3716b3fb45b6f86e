// Runs once per `vitest run`, before the test files start in parallel workers:
// - the synthetic monorepo corpus is written (when missing or stale), so that two workers never
//   write it at the same time;
// - the CLI is bundled once into CLI_BIN (test/unit/paths.ts), which every test that runs the
//   CLI as a process spawns, instead of each file bundling its own copy; the GitHub Action's
//   entry likewise into ACTION_BIN.
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { ensureSyntheticCorpus } from '../scripts/corpus/synthetic.mjs';
import { ACTION_BIN, CLI_BIN, PROJECT_DIR } from './unit/paths';

/** As in esbuild.mjs, so the CLI processes the tests spawn run the yaml build the CLI ships. */
const CLI_ALIAS = { yaml: join(PROJECT_DIR, 'node_modules/yaml/browser/index.js') };

/** Bundles `entry` into `outfile`, written aside and renamed so a run starting meanwhile never spawns half a file. */
async function bundle(entry: string, outfile: string, alias?: Record<string, string>): Promise<void> {
  const partial = `${outfile}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(PROJECT_DIR, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: partial,
    logLevel: 'silent',
    // As in esbuild.mjs: the CLI package test installs this file as the `ops-roles` bin.
    banner: { js: '#!/usr/bin/env node' },
    alias,
  });
  renameSync(partial, outfile);
}

export default async function setup(): Promise<void> {
  ensureSyntheticCorpus();
  mkdirSync(dirname(CLI_BIN), { recursive: true });
  await Promise.all([bundle('src/cli/bin.ts', CLI_BIN, CLI_ALIAS), bundle('src/action/main.ts', ACTION_BIN)]);
}
