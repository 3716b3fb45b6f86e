/**
 * Shared helpers for the hostile-input suite: wall-clock bounds and growth checks.
 *
 * A synchronous hang cannot be interrupted by vitest's timeout, so every bounded case is sized
 * so that the old, unbounded code took well over LIMIT_MS yet still finished: a regression fails
 * the test instead of hanging the run.
 */
import { performance } from 'node:perf_hooks';

/** Generous wall-clock limit for one hostile call on a shared 2-core machine. */
export const LIMIT_MS = Number(process.env.OPS_ROLES_HOSTILE_LIMIT_MS ?? 2000);

/** Run `fn` once; its result and how long it took. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** Run `fn` `times` times and keep the fastest run: the least disturbed by other processes. */
export function fastest(fn: () => unknown, times = 3): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) best = Math.min(best, timed(fn).ms);
  return best;
}

/**
 * How much longer `run(suspect)` takes than `run(control)`, fastest of three each, where the two
 * inputs are about the same size and differ only in the shape that would trigger super-linear
 * work (one mapping of n keys against n/100 mappings of 100). Load on the machine slows both
 * alike, so the ratio stays near 1 for linear work and grows with n for quadratic work.
 */
export function relativeCost<I>(run: (input: I) => unknown, suspect: I, control: I): number {
  run(control); // warm the JIT so the first timing is not mostly compilation
  return (
    fastest(() => run(suspect)) /
    Math.max(
      fastest(() => run(control)),
      0.05,
    )
  );
}
