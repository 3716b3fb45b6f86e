#!/usr/bin/env node
// `npm run l10n`: writes l10n/bundle.l10n.json, the English bundle of every message the extension
// passes to vscode.l10n.t (what `@vscode/l10n-dev export` writes, without the dependency). A
// translator copies it to bundle.l10n.<lang>.json and translates the values; VS Code picks the
// one for its display language. test/unit/l10n.test.ts fails when the file is out of date.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_PATH = join(PROJECT_DIR, 'l10n/bundle.l10n.json');

function sources(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
    });
}

/**
 * Every `l10n.t(...)` message under src/editor, in file order, once each. A message that is not
 * a plain string literal cannot be extracted and is returned in `problems` with its position.
 */
export function extractMessages(dir = join(PROJECT_DIR, 'src/editor')) {
  const messages = new Map();
  const problems = [];
  for (const file of sources(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node) => {
      if (ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText(source))) {
        const first = node.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) messages.set(first.text, first.text);
        else {
          const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
          problems.push(`${file.slice(PROJECT_DIR.length + 1)}:${line + 1}:${character + 1}: l10n.t needs a string literal, so the message can be extracted`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { bundle: Object.fromEntries(messages), problems };
}

/** The bundle file's text. */
export function bundleText(bundle) {
  return JSON.stringify(bundle, null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bundle, problems } = extractMessages();
  for (const p of problems) console.error(p);
  mkdirSync(dirname(BUNDLE_PATH), { recursive: true });
  writeFileSync(BUNDLE_PATH, bundleText(bundle));
  console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} messages`);
  if (problems.length) process.exitCode = 1;
}
