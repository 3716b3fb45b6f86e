import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** `../shared` beside the project: oracle and corpora live there, in every session and in CI. */
export const SHARED_DIR = resolve(__dirname, '../../../shared');
export const ORACLE_DIR = resolve(SHARED_DIR, 'oracle');
export const CORPORA_DIR = resolve(SHARED_DIR, 'corpora');
export const PROJECT_DIR = resolve(__dirname, '../..');
export const hasShared = existsSync(ORACLE_DIR);
