// One build script, several entry points (the vscode-eslint layout): the extension bundle for the
// editor and the CLI bundle for CI, both from the same core.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/editor/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    // yaml's ES-module build (same code as its CommonJS one) lets esbuild drop what the
    // extension never calls: ~17 KB less for the editor to load on activation.
    alias: { yaml: fileURLToPath(new URL('./node_modules/yaml/browser/index.js', import.meta.url)) },
  },
  { ...common, entryPoints: { cli: 'src/cli/bin.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The GitHub Action (action.yml): the same CLI, run on the runner's Node.
  { ...common, entryPoints: { action: 'src/action/main.ts' }, outdir: 'dist' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
