// The rule tester, as data: every rule in rules/ has __tests__/rules/<id>.yaml with valid and
// invalid manifests. Invalid cases list the findings the rule must report (line, column, and
// optionally endLine, endColumn and a message excerpt) and the manifest after its fixes.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { applyEdits } from '../src/yaml/edits.js';
import { lint } from '../src/engine/lint.js';
import { rules } from './helpers/rules.js';
import { hasSuggestions, isFixable } from '../src/ruleset/docs.js';
import type { LintSettings } from '../src/ruleset/types.js';

interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: string;
}

/** Where a case's files are applied: together (the default here), or folder by folder as the CLI does by default. */
type Units = 'together' | 'folders';

interface Case {
  name: string;
  manifest: string;
  file?: string;
  /** Other files linted in the same run (a kustomization, a Service, a Prometheus). */
  others?: { file: string; manifest: string }[];
  findings?: ExpectedFinding[];
  /** The manifest after applying the rule's fixes; absent when the findings carry no fix. */
  output?: string;
  /** The manifest after applying each finding's first suggestion; absent when they carry none. */
  suggested?: string;
  /** Settings of the run (`defaultNamespace`, as --namespace gives it, say). */
  settings?: LintSettings;
  units?: Units;
}

interface Cases {
  valid: Case[];
  invalid: Case[];
}

const casesDir = join(import.meta.dirname, 'rules');

/**
 * The rule's findings in the case's file, linted with the case's other files: as one unit (as
 * `units: [.]` in a configuration makes them), unless the case says `units: folders`.
 */
function findingsOf(ruleId: string, c: Case, manifest = c.manifest) {
  const file = c.file ?? 'test.yaml';
  const inputs = [{ file, text: manifest }, ...(c.others ?? []).map((o) => ({ file: o.file, text: o.manifest }))];
  // The rule under test runs even where it is off by default.
  const severity = rules.find((r) => r.id === ruleId)!.severity;
  const trees = c.units === 'folders' ? [] : [''];
  return lint(inputs, { rules, severities: { [ruleId]: severity }, settings: c.settings, trees }).findings.filter((f) => f.ruleId === ruleId && f.file === file);
}
const caseFiles = readdirSync(casesDir).filter((f) => f.endsWith('.yaml'));

test('a rule reports fixes and suggestions only if it says it can', () => {
  // Checked on every invalid case below; here, that each rule with fixes (or suggestions) has a case showing one.
  for (const rule of rules) {
    const cases = parse(readFileSync(join(casesDir, `${rule.id}.yaml`), 'utf8')) as Cases;
    if (isFixable(rule)) expect([rule.id, (cases.invalid ?? []).some((c) => c.output !== undefined)]).toEqual([rule.id, true]);
    if (hasSuggestions(rule)) expect([rule.id, (cases.invalid ?? []).some((c) => c.suggested !== undefined)]).toEqual([rule.id, true]);
  }
});

test('every rule has a cases file, and every cases file a rule', () => {
  expect(caseFiles.map((f) => f.replace(/\.yaml$/, '')).sort()).toEqual(rules.map((r) => r.id).sort());
});

for (const rule of rules) {
  const file = join(casesDir, `${rule.id}.yaml`);
  let cases: Cases;
  try {
    cases = parse(readFileSync(file, 'utf8')) as Cases;
  } catch (error) {
    test(`${rule.id}: the cases file parses`, () => {
      throw error;
    });
    continue;
  }
  describe(rule.id, () => {
    test('has at least one valid and one invalid case', () => {
      expect(cases.valid?.length).toBeGreaterThan(0);
      expect(cases.invalid?.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid ?? []) {
      test(`valid: ${c.name}`, () => {
        const found = findingsOf(rule.id, c);
        expect(found.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid ?? []) {
      test(`invalid: ${c.name}`, () => {
        const found = findingsOf(rule.id, c);
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
        if (!isFixable(rule)) expect(edits).toEqual([]);
        const suggested = found.flatMap((f) => f.suggestions?.[0]?.edits ?? []);
        if (!hasSuggestions(rule)) expect(suggested).toEqual([]);
        if (c.suggested === undefined) expect(suggested).toEqual([]);
        else expect(applyEdits(c.manifest, suggested)).toBe(c.suggested);
        if (c.output === undefined) {
          expect(edits).toEqual([]);
          return;
        }
        const fixed = applyEdits(c.manifest, edits);
        expect(fixed).toBe(c.output);
        // The fixes work: on the fixed manifest only the findings that had no fix remain.
        const unfixed = found.filter((f) => !f.fix).map((f) => f.message);
        expect(findingsOf(rule.id, c, fixed).map((f) => f.message)).toEqual(unfixed);
      });
    }
  });
}
