/**
 * Ops Roles as the benchmark runs it: the same core the CLI and the editor use, behind the
 * small interface every engine in bench/peers.mjs has. Bundled by bench/run.mjs with esbuild,
 * so the benchmark measures built JavaScript, as users run it.
 */
import { codeownersResolver, parseCodeowners } from '../src/core/codeowners.js';

/** An engine ready to answer: the owners of one repository-relative path. */
export interface BenchResolver {
  resolve(path: string): readonly string[];
}

/** Parse a GitHub CODEOWNERS text and index its rules. */
export function loadEngine(codeownersText: string): BenchResolver {
  const resolver = codeownersResolver(parseCodeowners(codeownersText, 'github'));
  return { resolve: (path) => resolver.resolve(path).owners };
}
