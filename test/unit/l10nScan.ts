/**
 * Finds the user-facing strings in src/editor that do not go through `vscode.l10n.t`: what
 * messages, progress notifications, quick picks, input boxes, status bar items, tree items and
 * CodeLens/command titles show. A string is user-facing text when it has a letter outside a
 * `$(codicon)`, quick fix titles and diagnostic messages included; it is localised when it is a `l10n.t(...)` call (or a choice between such
 * calls). Quick pick items are object literals with a `label`. Values computed elsewhere (a variable, a pure module's wording) are not judged here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Unlocalized {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly where: string;
  readonly text: string;
}

const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
/** Calls whose options object holds user-facing text, and which option keys. */
const OPTION_CALLS: Record<string, number> = { withProgress: 0, showQuickPick: 1, showInputBox: 0, showOpenDialog: 0, showSaveDialog: 0, report: 0 };
const OPTION_KEYS = new Set(['title', 'placeHolder', 'prompt', 'openLabel', 'saveLabel', 'detail', 'message']);
/** Properties that show text when assigned (quick picks, input boxes, status bar and tree items). */
const ASSIGNED_KEYS = new Set(['title', 'placeholder', 'prompt', 'tooltip', 'text', 'description', 'validationMessage', 'message', 'name']);
/** The text of a quick pick item (an object literal with a `label`). */
const ITEM_KEYS = new Set(['label', 'description', 'detail']);

function isL10nCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression.getText();
  return ['vscode.l10n.t', 'l10n.t', 't', 'tCount'].includes(callee);
}

/** The literals of an expression that show text without going through l10n.t. */
function unlocalizedLiterals(node: ts.Expression): ts.Expression[] {
  if (isL10nCall(node)) return [];
  if (ts.isParenthesizedExpression(node)) return unlocalizedLiterals(node.expression);
  if (ts.isConditionalExpression(node)) return [...unlocalizedLiterals(node.whenTrue), ...unlocalizedLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) return [...unlocalizedLiterals(node.left), ...unlocalizedLiterals(node.right)];
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return unlocalizedLiterals(node.right);
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
    const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ') : node.text;
    return /\p{L}/u.test(text.replace(/\$\([\w~-]+\)/g, '')) ? [node] : [];
  }
  return [];
}

/**
 * Marks code that builds no wording: in a module's opening comment, the whole module (the YAML
 * an edit writes, setting ids); in a comment on the line before, that line (a command URI).
 */
export const NOT_WORDING = 'l10n: not wording';

/**
 * A module that builds wording for others to show: it does not import `vscode` as a value (the
 * pure modules: format, sidebar data, coverage report), or it imports `t` from localize.ts.
 */
function buildsText(source: ts.SourceFile): boolean {
  const opening = source.text.slice(0, source.statements[0]?.getStart() ?? 0);
  if (opening.includes(NOT_WORDING)) return false;
  const imports = source.statements.filter(ts.isImportDeclaration);
  const from = (i: ts.ImportDeclaration) => (ts.isStringLiteral(i.moduleSpecifier) ? i.moduleSpecifier.text : '');
  if (imports.some((i) => /(^|\/)localize\.js$/.test(from(i)))) return true;
  return !imports.some((i) => from(i) === 'vscode' && !i.importClause?.isTypeOnly);
}

/** Is `node` returned by a function declared to return literal types (ids such as `'team' | 'person'`, not text)? */
function returnsIds(node: ts.Node): boolean {
  let fn: ts.Node | undefined = node.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  const type = fn && (fn as ts.SignatureDeclaration).type;
  return !!type && (ts.isUnionTypeNode(type) ? type.types.every(ts.isLiteralTypeNode) : ts.isLiteralTypeNode(type));
}

/** Object keys whose values a pure module hands to a view to show. */
const TEXT_KEYS = new Set(['title', 'fix', 'tooltip', 'label', 'description', 'message', 'detail']);

/**
 * Where a pure module's text leaves it: returned, pushed onto the lines it joins, put in a text
 * property, kept in a variable. Concatenations and templates are judged as a whole (`+`, `${}`).
 */
function builtText(node: ts.Node): { expr: ts.Expression; where: string } | undefined {
  if (ts.isReturnStatement(node) && node.expression && !returnsIds(node)) return { expr: node.expression, where: 'returned' };
  if (ts.isArrowFunction(node) && !ts.isBlock(node.body) && !returnsIds(node.body)) return { expr: node.body, where: 'returned' };
  if (ts.isVariableDeclaration(node) && node.initializer) return { expr: node.initializer, where: 'variable' };
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) return { expr: node.right, where: 'assigned' };
  if (ts.isPropertyAssignment(node) && TEXT_KEYS.has(node.name.getText())) return { expr: node.initializer, where: `${node.name.getText()}:` };
  return undefined;
}

function scanFile(file: string, root: string): Unlocalized[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const pure = buildsText(source);
  const lines = source.text.split('\n');
  const exempt = (node: ts.Node) => (lines[source.getLineAndCharacterOfPosition(node.getStart()).line - 1] ?? '').includes(NOT_WORDING);
  const seen = new Set<number>();
  const found: Unlocalized[] = [];
  const report = (node: ts.Expression, where: string) => {
    for (const literal of unlocalizedLiterals(node)) {
      if (seen.has(literal.getStart()) || exempt(literal)) continue;
      seen.add(literal.getStart());
      const { line, character } = source.getLineAndCharacterOfPosition(literal.getStart());
      found.push({ file: relative(root, file), line: line + 1, column: character + 1, where, text: literal.getText() });
    }
  };
  const reportOptions = (node: ts.Expression | undefined, where: string) => {
    if (!node || !ts.isObjectLiteralExpression(node)) return;
    for (const p of node.properties) if (ts.isPropertyAssignment(p) && OPTION_KEYS.has(p.name.getText())) report(p.initializer, `${where} ${p.name.getText()}`);
  };
  const visit = (node: ts.Node) => {
    if (pure) {
      const built = builtText(node);
      if (built) report(built.expr, built.where);
      // Lines a module joins into Markdown or a tooltip.
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'push')
        for (const arg of node.arguments) report(arg, 'pushed');
      if (isL10nCall(node)) return;
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (MESSAGE_CALLS.has(name)) {
        for (const arg of node.arguments) {
          if (ts.isObjectLiteralExpression(arg)) reportOptions(arg, name);
          else report(arg, name);
        }
      }
      if (name in OPTION_CALLS) reportOptions(node.arguments[OPTION_CALLS[name]!], name);
    }
    // A failure shown as an error message (src/editor/logger.ts): its message.
    if (ts.isCallExpression(node) && node.expression.getText() === 'reportFailure' && node.arguments[1]) report(node.arguments[1], 'reportFailure message');
    // A command that opens a rule: its title (src/editor/navigation.ts).
    if (ts.isCallExpression(node) && node.expression.getText() === 'openAt' && node.arguments[2]) report(node.arguments[2], 'openAt title');
    if (ts.isNewExpression(node) && node.arguments) {
      const kind = /(?:^|\.)(TreeItem|CodeAction|Diagnostic|FileDecoration)$/.exec(node.expression.getText())?.[1];
      // The label of a tree item, the title of a quick fix, the message of a diagnostic, the tooltip of a badge.
      const shown = kind === 'Diagnostic' || kind === 'FileDecoration' ? node.arguments[1] : kind ? node.arguments[0] : undefined;
      if (shown) report(shown, `${kind} text`);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const key = node.left.name.text;
      if (ASSIGNED_KEYS.has(key)) report(node.right, `.${key} =`);
    }
    // A command shown to the user (CodeLens, tree item, status bar): { title, command }; a quick
    // pick item: { label, description, detail }.
    if (ts.isObjectLiteralExpression(node)) {
      const assignments = node.properties.filter(ts.isPropertyAssignment);
      if (assignments.some((p) => p.name.getText() === 'label')) {
        for (const p of assignments) if (ITEM_KEYS.has(p.name.getText())) report(p.initializer, `item ${p.name.getText()}`);
      }
      const props = node.properties.filter(ts.isPropertyAssignment);
      const title = props.find((p) => p.name.getText() === 'title');
      const tooltip = props.find((p) => p.name.getText() === 'tooltip');
      if (node.properties.some((p) => p.name?.getText() === 'command')) {
        if (title) report(title.initializer, 'command title');
        if (tooltip) report(tooltip.initializer, 'command tooltip');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** Every unlocalised user-facing string under `dir`. */
export function unlocalizedStrings(dir: string, root: string): Unlocalized[] {
  return sources(dir).flatMap((f) => scanFile(f, root));
}
