/**
 * The Action's process (action.yml runs dist/action.js): the runner's environment and streams
 * around runAction (action.ts), and the step's exit code.
 */
import { EXIT_USAGE } from '../cli/io.js';
import { runAction } from './action.js';

runAction({ env: process.env, log: { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') } }, process.cwd()).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stdout.write(`::error title=Ops Roles::${String(error).replace(/\r?\n/g, ' ')}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
