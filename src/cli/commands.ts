import { check } from './commands/check.js';
import { coverage } from './commands/coverage.js';
import { explain } from './commands/explain.js';
import { generate } from './commands/generate.js';
import { importCommand } from './commands/import.js';
import { init } from './commands/init.js';
import { lint } from './commands/lint.js';
import { review } from './commands/review.js';
import { validate } from './commands/validate.js';
import { who } from './commands/who.js';
import type { Command } from './io.js';

/** Every command, in the order `ops-roles --help` lists them. */
export const commands: readonly Command[] = [who, explain, coverage, review, validate, lint, generate, check, init, importCommand];
