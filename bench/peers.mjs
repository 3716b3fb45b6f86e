// The engines the benchmark compares, each behind one interface:
//   load(corpusDir, codeownersText) -> { resolve(path) -> owners[] }
// Peers are used the way their READMEs show; where a peer can only read CODEOWNERS from disk,
// it is given the corpus folder, which holds the file at its root.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Our engine, from the bundle bench/run.mjs builds (path in OPS_ROLES_BENCH_ENGINE). */
async function ours() {
  const { loadEngine } = require(process.env.OPS_ROLES_BENCH_ENGINE);
  return { load: (_dir, text) => loadEngine(text) };
}

/** npm `codeowners`: one `ignore` matcher per line, tested newest first. */
async function codeowners() {
  const Codeowners = require('codeowners');
  return {
    load(dir) {
      const c = new Codeowners(dir);
      return { resolve: (path) => c.getOwner(path) };
    },
  };
}

/** npm `@snyk/github-codeowners`: `ignore` per line, with its own `dir/*` fix. */
async function snyk() {
  const { OwnershipEngine } = require('@snyk/github-codeowners/dist/lib/ownership/OwnershipEngine.js');
  return {
    load(dir) {
      const engine = OwnershipEngine.FromCodeownersFile(`${dir}/CODEOWNERS`);
      return { resolve: (path) => engine.calcFileOwnership(path) };
    },
  };
}

/** npm `codeowners-utils`: `matchFile` builds an `ignore` matcher per rule per call. */
async function codeownersUtils() {
  const { parse, matchFile } = require('codeowners-utils');
  return {
    load(_dir, text) {
      const entries = parse(text);
      return { resolve: (path) => matchFile(path, entries)?.owners ?? [] };
    },
  };
}

/**
 * What one writes in an afternoon: every rule turned into minimatch globs (a leading or inner
 * `/` anchors, otherwise `**\/` floats it; a directory also owns `/**` below it), compiled once,
 * tested newest first.
 */
async function minimatchLoop() {
  const { Minimatch } = require('minimatch');
  return {
    load(_dir, text) {
      const rules = [];
      for (const line of text.split(/\r?\n/)) {
        const trimmed = line.trim();
        if (!trimmed || trimmed.startsWith('#')) continue;
        const [pattern, ...owners] = trimmed.split(/\s+/);
        const inner = pattern.replace(/\/$/, '').includes('/');
        let glob = pattern.startsWith('/') ? pattern.slice(1) : inner ? pattern : `**/${pattern}`;
        glob = glob.replace(/\/$/, '');
        const options = { dot: true };
        rules.push({ owners, globs: [new Minimatch(glob, options), new Minimatch(`${glob}/**`, options)] });
      }
      rules.reverse();
      return {
        resolve(path) {
          for (const rule of rules) if (rule.globs[0].match(path) || rule.globs[1].match(path)) return rule.owners;
          return [];
        },
      };
    },
  };
}

/** Name as printed → factory; the order is the table's. */
export const ENGINES = {
  'ops-roles': ours,
  codeowners,
  '@snyk/github-codeowners': snyk,
  'codeowners-utils': codeownersUtils,
  'minimatch loop': minimatchLoop,
};
