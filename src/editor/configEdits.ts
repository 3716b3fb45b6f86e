/**
 * Text edits to `ops-roles.yaml` for quick fixes and the "add a rule" action, and the context
 * completion needs. Pure: works on the text and the parsed config, returns offsets; the editor
 * layer turns them into `WorkspaceEdit`s. The strings here are YAML and ids (l10n: not wording).
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { OwnershipRule, RulePattern } from '../core/config.js';

/** Replace `text.slice(offset, endOffset)` with `newText`. */
export interface TextEdit {
  readonly offset: number;
  readonly endOffset: number;
  readonly newText: string;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break of the line holding `offset` (or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function topLevel(text: string, key: string): { keyNode: Node; value: unknown } | undefined {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { keepSourceTokens: false });
  if (!isMap(doc.contents)) return undefined;
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && pair.key.value === key) return { keyNode: pair.key as Node, value: pair.value };
  }
  return undefined;
}

/**
 * Add `roleId: []` under `roles:` (after its last entry, with the same indentation), creating
 * the `roles:` section before `ownership:` when the file has none.
 */
export function addRoleEdit(text: string, roleId: string): TextEdit {
  const eol = eolOf(text);
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const roles = topLevel(text, 'roles');
  if (roles && isMap(roles.value) && !roles.value.flow && roles.value.items.length > 0 && roles.value.range) {
    const first = roles.value.items[0]!.key as Node;
    const indentStart = lineStart(text, first.range![0] + bom);
    const indent = text.slice(indentStart, first.range![0] + bom);
    // `range[1]` can sit past trailing comments of the last entry; insert on the line after
    // the last value's own end instead.
    const last = roles.value.items[roles.value.items.length - 1]!;
    const lastNode = (last.value ?? last.key) as Node;
    const end = (lastNode.range?.[1] ?? roles.value.range[1]) + bom;
    const at = end > 0 && text[end - 1] === '\n' ? end : nextLineStart(text, Math.max(0, end - 1));
    const prefix = at === text.length && !text.endsWith('\n') ? eol : '';
    return { offset: at, endOffset: at, newText: `${prefix}${/^\s*$/.test(indent) ? indent : '  '}${roleId}: []${eol}` };
  }
  if (roles && roles.keyNode.range) {
    // `roles:` with nothing (or a flow mapping) after it: rewrite the line.
    const start = lineStart(text, roles.keyNode.range[0] + bom);
    const valueEnd =
      (isMap(roles.value) || isScalar(roles.value)) && (roles.value as Node).range ? (roles.value as Node).range![1] + bom : roles.keyNode.range[1] + bom;
    const end = nextLineStart(text, Math.max(start, valueEnd - 1));
    const existing = isMap(roles.value)
      ? roles.value.items.map((p) => text.slice((p.key as Node).range![0] + bom, ((p.value as Node | null)?.range?.[1] ?? (p.key as Node).range![1]) + bom))
      : [];
    const body = [...existing, `${roleId}: []`].map((l) => `  ${l}${eol}`).join('');
    return { offset: start, endOffset: end, newText: `roles:${eol}${body}` };
  }
  const ownership = topLevel(text, 'ownership');
  const section = `roles:${eol}  ${roleId}: []${eol}${eol}`;
  if (ownership?.keyNode.range) {
    const at = lineStart(text, ownership.keyNode.range[0] + bom);
    return { offset: at, endOffset: at, newText: section };
  }
  const prefix = text.length > 0 && !text.endsWith('\n') ? eol : '';
  return { offset: text.length, endOffset: text.length, newText: `${prefix}${section}` };
}

/**
 * Remove one pattern of a rule: the whole rule when it is the rule's only pattern, else just
 * that item of the rule's path list. `undefined` when the text does not have the expected shape
 * (then no quick fix is offered rather than a wrong one).
 */
export function removePatternEdit(text: string, rule: OwnershipRule, pattern: RulePattern): TextEdit | undefined {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const pr = pattern.range;
  const rr = rule.range;
  if (!pr || !rr) return undefined;
  if (rule.patterns.length === 1) {
    const start = lineStart(text, rr.offset + bom);
    const before = text.slice(start, rr.offset + bom);
    // The list form (`- path: …`) or the shorthand (`"x": [roles]`), nothing else on those lines.
    if (!/^\s*(-\s*)?$/.test(before)) return undefined;
    const contentEnd = text.slice(0, rr.endOffset + bom).replace(/\s+$/, '').length;
    return { offset: start, endOffset: nextLineStart(text, Math.max(start, contentEnd - 1)), newText: '' };
  }
  const start = pr.offset + bom;
  const end = pr.endOffset + bom;
  const lineBegin = lineStart(text, start);
  const lineEnd = nextLineStart(text, start);
  if (/^\s*-\s*$/.test(text.slice(lineBegin, start)) && /^\s*(#.*)?\r?\n?$/.test(text.slice(end, lineEnd))) {
    return { offset: lineBegin, endOffset: lineEnd, newText: '' };
  }
  const after = /^\s*,\s*/.exec(text.slice(end));
  if (after) return { offset: start, endOffset: end + after[0].length, newText: '' };
  const before = /,\s*$/.exec(text.slice(lineBegin, start));
  if (before) return { offset: lineBegin + before.index, endOffset: end, newText: '' };
  return undefined;
}

/**
 * Text for a new rule giving `path` to no role yet, appended to `ownership:` (created when
 * missing). The editor puts a role choice into the empty `[]`.
 */
export function addRuleEdit(text: string, path: string): { edit: TextEdit; rolesOffset: number } {
  const eol = eolOf(text);
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const quoted = JSON.stringify(path);
  const ownership = topLevel(text, 'ownership');
  if (ownership && isSeq(ownership.value) && !ownership.value.flow && ownership.value.items.length > 0) {
    const first = ownership.value.items[0] as Node;
    const itemStart = first.range![0] + bom;
    const dashLine = lineStart(text, itemStart);
    const dashIndent = /^(\s*)-/.exec(text.slice(dashLine))?.[1] ?? '  ';
    const last = ownership.value.items[ownership.value.items.length - 1] as Node;
    const lastEnd = (last.range?.[1] ?? itemStart) + bom;
    const contentEnd = text.slice(0, lastEnd).replace(/\s+$/, '').length;
    const at = nextLineStart(text, Math.max(0, contentEnd - 1));
    const prefix = at === text.length && !text.endsWith('\n') ? eol : '';
    const head = `${prefix}${dashIndent}- path: ${quoted}${eol}${dashIndent}  roles: [`;
    return { edit: { offset: at, endOffset: at, newText: `${head}]${eol}` }, rolesOffset: at + head.length };
  }
  if (ownership) return { edit: { offset: text.length, endOffset: text.length, newText: '' }, rolesOffset: -1 };
  const prefix = text.length > 0 && !text.endsWith('\n') ? eol + eol : text.length > 0 ? eol : '';
  const head = `${prefix}ownership:${eol}  - path: ${quoted}${eol}    roles: [`;
  return { edit: { offset: text.length, endOffset: text.length, newText: `${head}]${eol}` }, rolesOffset: text.length + head.length };
}

/** What completion should offer at a position of `ops-roles.yaml`. */
export type CompletionKind = 'role' | 'holder' | 'role-id';

/**
 * Decide from the text around `offset` what is being typed: a role (in a rule's `roles`, the
 * shorthand's role list or `fallback`), a holder (in `roles:`), or a new role id (a key under
 * `roles:`). Text-based, because the document is mid-edit and often not valid YAML.
 */
export function completionKindAt(text: string, offset: number): CompletionKind | undefined {
  const start = lineStart(text, offset);
  const before = text.slice(start, offset);
  if (/#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined;
  // The top-level section: the nearest line above that starts at column 0 with `key:`.
  let section: string | undefined;
  let parentKey: string | undefined;
  const indent = /^\s*/.exec(before)![0].length;
  let pos = start;
  while (pos > 0) {
    const prevStart = lineStart(text, pos - 1);
    const line = text.slice(prevStart, pos).replace(/\r?\n$/, '');
    pos = prevStart;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const lineIndent = /^\s*/.exec(line)![0].length;
    const key = /^\s*(?:-\s+)?([A-Za-z0-9_."'/*-]+)\s*:/.exec(line)?.[1];
    if (parentKey === undefined && lineIndent < indent && key) parentKey = key.replace(/^["']|["']$/g, '');
    if (lineIndent === 0) {
      section = /^([A-Za-z_]+)\s*:/.exec(line)?.[1];
      break;
    }
  }
  const thisKey = /^\s*(?:-\s+)?([A-Za-z0-9_."'/*{},-]+)\s*:\s*(.*)$/.exec(before);
  if (indent === 0 && thisKey?.[1] === 'fallback') section = 'fallback';
  const inFlowList = (s: string): boolean => /\[[^\]]*$/.test(s);
  const blockItem = /^\s*-\s*[\w@.-]*$/.test(before);

  if (section === 'fallback') return inFlowList(before) || blockItem ? 'role' : undefined;
  if (section === 'ownership') {
    if (thisKey) {
      const key = thisKey[1]!;
      if ((key === 'roles' || key === 'role') && (inFlowList(thisKey[2]!) || /^[\w-]*$/.test(thisKey[2]!))) return 'role';
      if (key !== 'path' && key !== 'paths' && inFlowList(thisKey[2]!)) return 'role';
      return undefined;
    }
    if (blockItem && (parentKey === 'roles' || parentKey === 'role')) return 'role';
    return undefined;
  }
  if (section === 'roles') {
    const prose = ['name', 'description', 'responsibilities'];
    if (thisKey) return !prose.includes(thisKey[1]!) && (inFlowList(thisKey[2]!) || /^$/.test(thisKey[2]!)) ? 'holder' : undefined;
    if (blockItem && parentKey !== undefined && !prose.includes(parentKey)) return 'holder';
    if (/^\s+[\w-]*$/.test(before)) return 'role-id';
  }
  return undefined;
}
