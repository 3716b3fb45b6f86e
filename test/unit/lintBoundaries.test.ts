/**
 * src/core must stay free of editor APIs so the CLI and tests can run it in plain Node; the
 * editor modules that say they are pure must not import `vscode`. ESLint enforces both
 * (`no-restricted-imports` and `no-restricted-syntax` in eslint.config.mjs, run by `npm test`'s
 * lint step); this proves the rules fire where they should and stay quiet where they should not,
 * so a config edit cannot silently switch the boundary off. The lint step checks the real files.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from './paths';

const eslint = new ESLint({ cwd: PROJECT_DIR });

async function boundaryErrors(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => `${m.ruleId}: ${m.message}`);
}

const VSCODE = "import * as vscode from 'vscode';\nexport const x = vscode;\n";

describe('lint keeps the layers apart', () => {
  it('src/core may not import vscode', async () => {
    const errors = await boundaryErrors(VSCODE, 'src/core/x.ts');
    expect(errors).toEqual([expect.stringMatching(/^no-restricted-imports: .*src\/core must stay pure/)]);
  });

  it.each([
    ['a type-only import of vscode', "import type { Uri } from 'vscode';\nexport type X = Uri;\n"],
    ['the editor layer', "import { Command } from '../editor/commandIds.js';\nexport const x = Command;\n"],
    ['the CLI, re-exported', "export { parseArgs } from '../cli/args.js';\n"],
    ['vscode, dynamically', "export const x = await import('vscode');\n"],
    ['the editor layer, dynamically', "export const x = () => import('../editor/format.js');\n"],
  ])('src/core may not import %s', async (_what, text) => {
    expect(await boundaryErrors(text, 'src/core/x.ts')).toHaveLength(1);
  });

  it('src/core may import itself and node', async () => {
    const text = "import { join } from 'node:path';\nimport { parseConfig } from './config.js';\nexport const x = [join, parseConfig];\n";
    expect(await boundaryErrors(text, 'src/core/x.ts')).toEqual([]);
  });

  it('an ordinary editor module may import vscode', async () => {
    expect(await boundaryErrors(VSCODE, 'src/editor/x.ts')).toEqual([]);
  });

  it.each(['src/editor/format.ts', 'src/editor/sidebar/sidebarData.ts'])('%s, which says it is pure, may not import vscode', async (filePath) => {
    const errors = await boundaryErrors(VSCODE, filePath);
    expect(errors).toEqual([expect.stringMatching(/^no-restricted-imports: .*This editor module says it is pure/)]);
  });
});
