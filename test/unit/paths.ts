import { resolve } from 'node:path';

export const PROJECT_DIR = resolve(__dirname, '../..');
/** Public CODEOWNERS test cases, carried in the repository; see test/oracle/README.md. */
export const ORACLE_DIR = resolve(PROJECT_DIR, 'test/oracle');
export const CORPORA_DIR = resolve(PROJECT_DIR, '../shared/corpora');
