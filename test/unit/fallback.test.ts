import { describe, expect, it } from 'vitest';
import { emptyConfig, parseConfig, type RoleDefinition } from '../../src/core/config';
import { assignRole, fallbackChain, fallbackRole } from '../../src/core/fallback';

/** Built-in roles, with the holders given here. */
function roles(holders: Record<string, string[]>): ReadonlyMap<string, RoleDefinition> {
  const map = new Map(emptyConfig().roles);
  for (const [id, list] of Object.entries(holders)) {
    map.set(id, {
      ...(map.get(id) ?? { id, name: id, description: '', responsibilities: [], typicalPaths: [], builtin: false, range: undefined, holderRanges: [] }),
      holders: list,
    });
  }
  return map;
}

const CHAIN = ['devops-engineer', 'operations-engineer'];

describe('fallbackChain', () => {
  it.each<[string, string, string[], string[]]>([
    ['a role outside the chain tries the whole chain', 'tool-smith', CHAIN, CHAIN],
    ['a role of the chain skips itself', 'devops-engineer', CHAIN, ['operations-engineer']],
    ['an empty chain stays empty', 'tool-smith', [], []],
  ])('%s', (_name, role, chain, expected) => {
    expect(fallbackChain(role, chain)).toEqual(expected);
  });
});

describe('fallbackRole and assignRole', () => {
  it.each<[string, Record<string, string[]>, string, readonly string[], string | undefined, string[]]>([
    ['a held role answers for itself', { 'tool-smith': ['@a'] }, 'tool-smith', CHAIN, undefined, ['@a']],
    ['a vacant role falls back to the first held role of the chain', { 'operations-engineer': ['@ops'] }, 'tool-smith', CHAIN, 'operations-engineer', ['@ops']],
    [
      'the first held role wins, not the last',
      { 'devops-engineer': ['@dev'], 'operations-engineer': ['@ops'] },
      'tool-smith',
      CHAIN,
      'devops-engineer',
      ['@dev'],
    ],
    ['a role never falls back to itself', { 'operations-engineer': ['@ops'] }, 'devops-engineer', CHAIN, 'operations-engineer', ['@ops']],
    ['nobody in the chain: nobody at all', {}, 'tool-smith', CHAIN, undefined, []],
    ['an empty chain keeps a vacant role vacant', { 'devops-engineer': ['@dev'] }, 'tool-smith', [], undefined, []],
    ['a role the map does not know falls back too', { 'devops-engineer': ['@dev'] }, 'no-such-role', CHAIN, 'devops-engineer', ['@dev']],
    [
      'chain entries the map does not know are passed over',
      { 'operations-engineer': ['@ops'] },
      'tool-smith',
      ['ghost', ...CHAIN],
      'operations-engineer',
      ['@ops'],
    ],
  ])('%s', (_name, holders, role, chain, to, who) => {
    const map = roles(holders);
    expect(fallbackRole(role, map, chain)).toBe(to);
    expect(assignRole(role, map, chain)).toEqual({ role, holders: who, fellBackTo: to });
  });

  it('is what the config warns about and what resolution uses', () => {
    const { config, problems } = parseConfig(
      'roles:\n  tool-smith: []\n  operations-manager: ["@acme/ops"]\nownership:\n  - path: scripts/\n    roles: [tool-smith]\n',
    );
    expect(problems.find((p) => p.code === 'no-holders')?.message).toBe('nobody holds "tool-smith"; its paths fall back to "operations-manager"');
    expect(fallbackRole('tool-smith', config.roles, config.fallback)).toBe('operations-manager');
  });
});
