import { join, resolve } from 'node:path';
import { ensureSyntheticCorpus } from '../../scripts/corpus/synthetic.mjs';

export const PROJECT_DIR = resolve(__dirname, '../..');
/** The CLI bundled into one CommonJS file, for tests that run it as a process: test/globalSetup.ts writes it once per run (git-ignored). */
export const CLI_BIN = resolve(PROJECT_DIR, '.cache/test/cli.cjs');
/** The GitHub Action's entry (src/action/main.ts) bundled the same way, once per run. */
export const ACTION_BIN = resolve(PROJECT_DIR, '.cache/test/action.cjs');
/** Public CODEOWNERS test cases, carried in the repository; see test/oracle/README.md. */
export const ORACLE_DIR = resolve(PROJECT_DIR, 'test/oracle');
/** File lists and CODEOWNERS of public repositories; see bench/corpora/README.md. */
export const CORPORA_DIR = resolve(PROJECT_DIR, 'bench/corpora');
/** The corpora in the order of bench/corpora/README.md; the last one is generated. */
export const CORPORA = ['tldr', 'esphome', 'integrations-extras', 'synthetic-monorepo'] as const;

/** The folder holding `files.txt` and `CODEOWNERS` of a corpus (the synthetic one is written on demand). */
export function corpusDir(name: string): string {
  return name === 'synthetic-monorepo' ? ensureSyntheticCorpus() : join(CORPORA_DIR, name);
}

/** Every file of examples/ that the generate and import tests resolve, as git would list it. */
export const EXAMPLE_FILES = [
  'CHANGELOG.md',
  'Dockerfile',
  'Makefile',
  'README.md',
  'db/seed.sql',
  'deploy/k8s/api.yaml',
  'deploy/release.sh',
  'docker-compose.yml',
  'docs/architecture.md',
  'infra/terraform/main.tf',
  'migrations/001_create_payments.sql',
  'migrations/002_add_refunds.sql',
  'runbooks/incident-response.md',
  'src/api/auth/session.ts',
  'src/api/refunds.ts',
  'src/api/server.ts',
  'src/web/index.html',
  'tools/lint-migrations.sh',
  '.github/workflows/ci.yml',
  '.github/workflows/release-prod.yml',
];
