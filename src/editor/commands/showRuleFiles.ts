/**
 * Internal: the files one rule decides (or, for a rule that decides nothing, the files it
 * matches), in a quick pick; choosing one opens it.
 */
import * as vscode from 'vscode';
import { plural } from '../../core/text.js';
import { Command } from '../commandIds.js';
import { ruleLine } from '../../core/ownership.js';
import { showActionPick, type EditorCommand } from './support.js';

export const showRuleFiles: EditorCommand = {
  id: Command.ShowRuleFiles,
  async run(services, folder, ruleIndex) {
    if (typeof folder !== 'string' || typeof ruleIndex !== 'number') return undefined;
    const index = services.manager.forUri(vscode.Uri.parse(folder));
    const rule = index?.parsed.config.rules[ruleIndex];
    if (!index || !rule) return undefined;
    await index.ready;
    const files = index.files ?? [];
    let shown = files.filter((f) => index.ownership(f).rule === rule);
    let what = 'decides';
    if (shown.length === 0) {
      shown = files.filter((f) => index.model.explain(f).some((m) => m.rule === rule));
      what = 'matches (later rules take them)';
    }
    const patterns = rule.patterns.map((p) => p.source).join(', ');
    const items = shown.map((f) => ({ label: f, accept: () => vscode.window.showTextDocument(index.uriOf(f), { preview: true }) }));
    return showActionPick(`ops-roles.yaml:${ruleLine(rule) ?? '?'} ${patterns} ${what} ${plural(shown.length, 'file')}`, items, 'Open a file');
  },
};
