// The operator's own accept and reject cases, ported: each file of __tests__/operator-cases/
// holds the table of one test function of prometheus-operator (cited at the top of the file and
// by scenario), each case a manifest (the object under test, with the Prometheus, Secrets and
// ConfigMaps the test's fake cluster holds) and whether the operator accepts it. A reject case
// must get a finding at warning or above in the object's document; an accept case none there.
// A reject case where scrapelint stands down by design (the Secret may be created in the cluster;
// a `${VAR}` the pipeline substitutes) says why in `standsDown`: it must get an info finding there
// and none above. A case scrapelint cannot judge yet says why in `todo` and is a todo test.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lint } from '../src/engine/lint.js';
import type { LintSettings } from '../src/ruleset/types.js';
import { rules } from './helpers/rules.js';

interface OperatorCase {
  /** The test's own scenario (or name) string. */
  scenario: string;
  /** Whether the operator accepts the object (the test's `valid`, or no error expected). */
  accept: boolean;
  /** The documents: the first is the object under test. */
  manifest: string;
  settings?: LintSettings;
  /** Why scrapelint reports this reject case at info only, by design. */
  standsDown?: string;
  /** Why scrapelint does not judge this case yet. */
  todo?: string;
}

interface CaseFile {
  /** The operator's test file and function, and the release they were read at. */
  source: string;
  test: string;
  release: string;
  /** Documents every case holds (the test's fake Secrets, say), appended to each manifest. */
  shared?: string;
  cases: OperatorCase[];
}

const dir = join(import.meta.dirname, 'operator-cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

/** Findings in the first document (lines up to the first `---` after it), at warning or above, or at info. */
function findingsInObject(c: OperatorCase, level: 'warning' | 'info' = 'warning') {
  const text = c.manifest;
  const end = text.search(/^---\s*$/m);
  const lastLine = end < 0 ? Infinity : text.slice(0, end).split('\n').length - 1;
  const { findings } = lint([{ file: 'case.yaml', text }], { rules, settings: c.settings, trees: [''] });
  const levels = level === 'info' ? ['info'] : ['error', 'warning'];
  return findings.filter((f) => f.line <= lastLine && levels.includes(f.severity)).map((f) => `${f.line}:${f.column} ${f.ruleId}: ${f.message}`);
}

test('there are operator cases, each file citing its test', () => {
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const data = parse(readFileSync(join(dir, file), 'utf8')) as CaseFile;
    expect([file, typeof data.source, typeof data.test, typeof data.release, Array.isArray(data.cases)]).toEqual([file, 'string', 'string', 'string', true]);
  }
});

for (const file of files) {
  const data = parse(readFileSync(join(dir, file), 'utf8')) as CaseFile;
  if (data.shared) for (const c of data.cases) c.manifest = `${c.manifest.replace(/\n*$/, '\n')}${data.shared}`;
  describe(`${data.source} ${data.test} (${data.release})`, () => {
    for (const c of data.cases) {
      const name = `${c.accept ? 'accepts' : 'rejects'}: ${c.scenario}`;
      if (c.todo) {
        test.todo(`${name} (${c.todo})`);
        continue;
      }
      if (c.standsDown) {
        test(`${name}: stands down, at info`, () => {
          expect(findingsInObject(c)).toEqual([]);
          expect(findingsInObject(c, 'info')).not.toEqual([]);
        });
        continue;
      }
      test(name, () => {
        const found = findingsInObject(c);
        if (c.accept) expect(found).toEqual([]);
        else expect(found).not.toEqual([]);
      });
    }
  });
}
