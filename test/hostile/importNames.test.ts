/**
 * Import naming on CODEOWNERS files shaped to make it slow or ugly: thousands of teams and groups,
 * a line naming thousands of people, names that clash. Every case ends quickly with valid,
 * short, unique role ids and a proof that holds.
 */
import { describe, expect, it } from 'vitest';
import { importCodeowners } from '../../src/core/importCodeowners';
import { isRoleId } from '../../src/core/roles';

function expectGoodIds(ids: readonly string[]) {
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) {
    expect(isRoleId(id)).toBe(true);
    expect(id.length).toBeLessThanOrEqual(60);
    expect(id).not.toMatch(/-\d+$/);
  }
}

describe('import naming under load', () => {
  it('5,000 lines, each with the same team and a different person, in seconds', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `/pkg/p${i}/ @acme/everyone @person${i}`);
    const files = Array.from({ length: 5000 }, (_, i) => `pkg/p${i}/a.go`);
    const started = Date.now();
    const result = importCodeowners(['* @acme/everyone', ...lines].join('\n'), files);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.ok).toBe(true);
    expect(result.roles).toHaveLength(5001);
    expectGoodIds(result.roles.map((r) => r.id));
  });

  it('one line naming 3,000 people, and groups that clash on every name', () => {
    const crowd = Array.from({ length: 3000 }, (_, i) => `@someone-with-a-long-handle-${i}`).join(' ');
    const clashing = Array.from({ length: 300 }, (_, i) => `/components/c${i % 3}/ @a${i} @b${i}`);
    const text = [`* ${crowd}`, ...clashing, '/x/ @org/squad-3', '/y/ @other/squad-3'].join('\n');
    const result = importCodeowners(text, ['components/c0/a', 'x/1', 'y/1', 'README.md']);
    expect(result.ok).toBe(true);
    expectGoodIds(result.roles.map((r) => r.id));
  });
});
