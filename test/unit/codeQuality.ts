/**
 * The shape of a GitLab Code Quality report, as GitLab's documentation describes the artifact
 * (`artifacts:reports:codequality`): a JSON array of issues, each with a description, a
 * check_name, a fingerprint unique within the report, one of five severities, and a location
 * with a repository-relative path and a 1-based line. Tests hold every `--format codequality`
 * output to it.
 */
import Ajv from 'ajv';
import { expect } from 'vitest';

const schema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    additionalProperties: false,
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$' },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        additionalProperties: false,
        properties: {
          // Relative to the repository root: no leading slash, no "..", forward slashes only.
          path: { type: 'string', minLength: 1, not: { pattern: '^/|^\\.\\./|\\\\' } },
          lines: { type: 'object', required: ['begin'], additionalProperties: false, properties: { begin: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

export interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

/** Parses `text` as a Code Quality report and asserts its shape; returns the issues. */
export function codeQualityIssues(text: string): Issue[] {
  const report: unknown = JSON.parse(text);
  validate(report);
  expect(validate.errors ?? []).toEqual([]);
  const issues = report as Issue[];
  const fingerprints = issues.map((i) => i.fingerprint);
  expect(new Set(fingerprints).size).toBe(fingerprints.length);
  return issues;
}
