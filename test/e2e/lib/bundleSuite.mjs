// Bundles the extension-host suite (test/e2e/suite) into one CommonJS module that VS Code can
// load as `extensionTestsPath`. Every `*.test.ts` there is imported, in name order, before the
// `run()` of suite/index.ts is exported, so adding a test file needs no registration.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMap } from 'node:module';
import * as esbuild from 'esbuild';

export const SUITE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../suite');

/** Writes `outDir/index.js` and returns { entry, testFiles }. */
export async function bundleSuite(outDir) {
  const testFiles = fs
    .readdirSync(SUITE_DIR)
    .filter((name) => name.endsWith('.test.ts'))
    .sort();
  const contents = [...testFiles.map((name) => `import './${name.replace(/\.ts$/, '')}';`), "export { run } from './index';"].join('\n');
  const entry = path.join(outDir, 'index.js');
  await esbuild.build({
    stdin: { contents, resolveDir: SUITE_DIR, sourcefile: 'suite-entry.ts', loader: 'ts' },
    outfile: path.join(outDir, 'suite.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    external: ['vscode'],
    logLevel: 'warning',
  });
  // The extension host rewrites stack traces its own way, so the bundle's source map is applied
  // here instead (mapFrame) when a failure is reported.
  fs.writeFileSync(entry, "module.exports = require('./suite.js');\n");
  return { entry, testFiles };
}

/**
 * Maps `suite.js:LINE:COLUMN` frames from a failure to the first `*.test.ts` line they came from,
 * as `test/e2e/suite/name.test.ts:LINE:COLUMN`, or null.
 */
export function testFileLocation(outDir, frames) {
  let map;
  try {
    map = new SourceMap(JSON.parse(fs.readFileSync(path.join(outDir, 'suite.js.map'), 'utf8')));
  } catch {
    return null;
  }
  for (const frame of frames ?? []) {
    const match = /suite\.js:(\d+):(\d+)/.exec(frame);
    if (!match) continue;
    const entry = map.findEntry(Number(match[1]) - 1, Number(match[2]) - 1);
    const source = entry?.originalSource;
    if (!source?.endsWith('.test.ts')) continue;
    const file = path.relative(path.resolve(SUITE_DIR, '../../..'), path.resolve(outDir, source)).split(path.sep).join('/');
    return `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  }
  return null;
}
