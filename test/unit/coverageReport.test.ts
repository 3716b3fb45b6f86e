/**
 * The "Show coverage" report: what it says for the example repository and for gaps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { computeCoverage, OwnershipModel } from '../../src/core/ownership';
import { coverageMarkdown, UNOWNED_SAMPLE } from '../../src/editor/coverageReport';
import { PROJECT_DIR } from './paths';

function report(yaml: string, files: string[]): string {
  const { config } = parseConfig(yaml);
  return coverageMarkdown('repo', config, computeCoverage(new OwnershipModel(config), files));
}

describe('coverage report', () => {
  it('covers the example repository', () => {
    const yaml = readFileSync(join(PROJECT_DIR, 'examples/ops-roles.yaml'), 'utf8');
    const text = report(yaml, ['README.md', 'migrations/001.sql', 'db/seed.sql', 'deploy/release.sh']);
    expect(text).toContain('# Ops Roles coverage: repo');
    expect(text).toContain('**4 of 4 files owned (100.0%).**');
    expect(text).toContain('| Database administrator (`database-administrator`) | 2 | @acme/dba dba-oncall@acme.example |');
    expect(text).toContain('| Release manager (`release-manager`) | 1 | nobody; falls back to DevOps engineer |');
    expect(text).toContain('Every file has an owner.');
    expect(text).toContain('## Rules that match no file');
  });

  it.each<[string, string[], string[]]>([
    [
      'ownership:\n  - path: "docs/"\n    roles: [tool-smith]\n',
      ['a.ts', 'docs/x.md'],
      ['**1 of 2 files owned (50.0%).**', '## Unowned files (1)', '- `a.ts`', '**Roles nobody holds:** Tool smith'],
    ],
    [
      'roles:\n  tool-smith: ["@a"]\nownership:\n  - path: "docs/"\n    roles: [tool-smith]\n  - path: "docs/**"\n    roles: [tool-smith]\n',
      ['docs/x.md'],
      ['## Rules that never decide', '- ops-roles.yaml:4 `docs/`: every file it matches is taken by line 6', '**Roles held by one person:** Tool smith'],
    ],
    ['roles:\n  qa:\n    name: "Q|A"\n    holders: ["@qa-team/x"]\nownership:\n  - path: "*"\n    roles: [qa]\n', ['x'], ['| Q\\|A (`qa`) | 1 | @qa-team/x |']],
    ['version: 1\n', [], ['**0 of 0 files owned (100.0%).**', 'Every file has an owner.']],
  ])('reports gaps (%#)', (yaml, files, expected) => {
    const text = report(yaml, files);
    for (const line of expected) expect(text).toContain(line);
  });

  it('lists at most a sample of unowned files', () => {
    const files = Array.from({ length: UNOWNED_SAMPLE + 7 }, (_, i) => `f${i}.txt`);
    const text = report('ownership: []\n', files);
    expect(text).toContain(`## Unowned files (${files.length})`);
    expect(text).toContain('- … and 7 more');
    expect(text.split('\n').filter((l) => l.startsWith('- `f')).length).toBe(UNOWNED_SAMPLE);
  });
});
