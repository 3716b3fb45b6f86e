/**
 * Lists longer than a function call takes arguments (about 120k–150k in Node): code that spread
 * them into push(...) threw a RangeError. Each case here fails on that code.
 */
import { Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findingsSummary } from '../../src/action/summary';
import { parseConfig } from '../../src/core/config';
import { flowSeq } from '../../src/core/yamlNodes';

const MANY = 200_000;

describe('lists longer than a call takes arguments', () => {
  it('the job summary of a check with 200,000 findings', () => {
    const findings = Array.from({ length: MANY }, (_, i) => ({
      description: 'repeated owner',
      severity: 'minor',
      location: { path: 'CODEOWNERS', lines: { begin: i + 1 } },
    }));
    const text = findingsSummary('lint', '200000 findings', findings);
    expect(text.split('\n').filter((l) => l.startsWith('| `CODEOWNERS` |'))).toHaveLength(MANY);
  });

  it('a one-line list of 200,000 holders written by init or import', () => {
    const seq = flowSeq(Array.from({ length: MANY }, (_, i) => new Scalar(`@user${i}`)));
    expect(seq.items).toHaveLength(MANY);
  });

  it('a role whose holders are a list nested in a list, 160,000 long', () => {
    const holders = Array.from({ length: 160_000 }, () => '"@acme/sre"').join(', ');
    const parsed = parseConfig(`version: 1\nroles:\n  operations-engineer: [[${holders}]]\nownership:\n  - path: "*"\n    roles: [operations-engineer]\n`);
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(parsed.config.roles.get('operations-engineer')?.holders).toContain('@acme/sre');
  }, 60_000);
});
