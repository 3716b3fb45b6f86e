// ESLint: the recommended JavaScript and typescript-eslint rules (not the type-checked set, so
// a lint of the whole tree stays a few seconds), and the boundaries that keep the layers apart:
// src/core runs in plain Node (the CLI, the tests, CI), so it must not reach the editor API, the
// editor layer or the CLI; and the editor files that say they are pure must not import `vscode`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** An import of `vscode` (or `vscode/...`), the editor layer or the CLI, by module specifier. */
const CORE_FORBIDDEN = '^vscode(/|$)|(^|/)(editor|cli)(/|$)';
const CORE_MESSAGE = 'src/core must stay pure: no vscode, no editor layer, no CLI, so the CLI and the tests run it in plain Node.';

/** Editor modules whose opening comment says they are pure (no `vscode` import), so unit tests load them in plain Node. */
const PURE_EDITOR_FILES = [
  'src/editor/commandIds.ts',
  'src/editor/configEdits.ts',
  'src/editor/coverageReport.ts',
  'src/editor/format.ts',
  'src/editor/settingsSchema.ts',
  'src/editor/textPaths.ts',
  'src/editor/viewIds.ts',
  'src/editor/sidebar/fileTree.ts',
  'src/editor/sidebar/sidebarData.ts',
];
const PURE_EDITOR_MESSAGE = 'This editor module says it is pure (no vscode import) so unit tests load it in plain Node; keep editor API calls in its callers.';

/**
 * `import('vscode')` and friends: no-restricted-imports sees only static imports (and
 * typescript-eslint's recommended set already forbids `require`). A selector's regex ends at the
 * first `/`, so slashes are written `\x2F`.
 */
const dynamicImportOf = (regex, message) => ({ selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`, message });

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      '.cache/',
      'test-results/',
      'bench/results/',
      'bench/corpora/',
      // Sample content of the example repository and test fixtures (one deliberately fails to load).
      'examples/',
      'test/fixtures/',
      'test/e2e/fixtures/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Scripts, the benchmark, the build and the real-editor harness run in Node.
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      // `const { answers, ...rest } = r` is how the code drops a key from a copy; the dropped
      // name is the point, not an oversight.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    // A CommonJS file loads its dependencies with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: CORE_FORBIDDEN, message: CORE_MESSAGE }] }],
      'no-restricted-syntax': ['error', dynamicImportOf(CORE_FORBIDDEN, CORE_MESSAGE)],
    },
  },
  {
    files: PURE_EDITOR_FILES,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^vscode(/|$)', message: PURE_EDITOR_MESSAGE }] }],
      'no-restricted-syntax': ['error', dynamicImportOf('^vscode(/|$)', PURE_EDITOR_MESSAGE)],
    },
  },
);
