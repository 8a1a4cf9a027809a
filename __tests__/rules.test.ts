// The rule tester, as data: every rule in rules/ has __tests__/rules/<id>.yaml with valid and
// invalid manifests. Invalid cases list the findings the rule must report (line, column, and
// optionally endLine, endColumn and a message excerpt) and the manifest after its fixes.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { applyEdits } from '../src/yaml/edits.js';
import { lintText, rules } from './helpers/rules.js';

interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: string;
}

interface Case {
  name: string;
  manifest: string;
  file?: string;
  findings?: ExpectedFinding[];
  /** The manifest after applying the rule's fixes; absent when the findings carry no fix. */
  output?: string;
}

interface Cases {
  valid: Case[];
  invalid: Case[];
}

const casesDir = join(import.meta.dirname, 'rules');
const caseFiles = readdirSync(casesDir).filter((f) => f.endsWith('.yaml'));

test('every rule has a cases file, and every cases file a rule', () => {
  expect(caseFiles.map((f) => f.replace(/\.yaml$/, '')).sort()).toEqual(rules.map((r) => r.id).sort());
});

for (const rule of rules) {
  const file = join(casesDir, `${rule.id}.yaml`);
  let cases: Cases;
  try {
    cases = parse(readFileSync(file, 'utf8')) as Cases;
  } catch {
    continue; // reported by the test above
  }
  describe(rule.id, () => {
    test('has at least one valid and one invalid case', () => {
      expect(cases.valid?.length).toBeGreaterThan(0);
      expect(cases.invalid?.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid ?? []) {
      test(`valid: ${c.name}`, () => {
        const found = lintText(c.manifest, c.file).filter((f) => f.ruleId === rule.id);
        expect(found.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid ?? []) {
      test(`invalid: ${c.name}`, () => {
        const found = lintText(c.manifest, c.file).filter((f) => f.ruleId === rule.id);
        const expected = c.findings ?? [];
        expect(found.map((f) => ({ line: f.line, column: f.column }))).toEqual(expected.map((e) => ({ line: e.line, column: e.column })));
        found.forEach((f, i) => {
          const e = expected[i];
          if (e.endLine !== undefined) expect(f.endLine).toBe(e.endLine);
          if (e.endColumn !== undefined) expect(f.endColumn).toBe(e.endColumn);
          if (e.message !== undefined) expect(f.message).toContain(e.message);
          expect(f.severity).toBe(rule.severity);
        });
        const edits = found.flatMap((f) => f.fix?.edits ?? []);
        if (c.output === undefined) {
          expect(edits).toEqual([]);
          return;
        }
        const fixed = applyEdits(c.manifest, edits);
        expect(fixed).toBe(c.output);
        // The fix works: the rule no longer fires on the fixed manifest.
        expect(lintText(fixed, c.file).filter((f) => f.ruleId === rule.id)).toEqual([]);
      });
    }
  });
}
