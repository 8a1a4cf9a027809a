// The real-world corpus in ../shared/corpus: the built CLI lints each repository folder on its own,
// and labels.tsv says what a correct linter reports. For the rules that exist:
//   - every `must` row is found (same rule, within one line, or inside the a-b range);
//   - no error or warning that no `must` or `optional` row explains (false alarms).
// Skipped, with a message, when ../shared is absent: the project's own tests stand alone.
import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../src/engine/lint.js';
import { readLintInputs } from '../src/node/read-inputs.js';
import { rules } from './helpers/rules.js';

const root = join(import.meta.dirname, '..');
const corpus = process.env.SCRAPELINT_CORPUS ?? join(root, '..', 'shared', 'corpus');
const cli = join(root, 'dist', 'cli.js');

interface Label {
  file: string;
  from: number;
  to: number;
  rule: string;
  expect: 'must' | 'optional' | 'clean';
  note: string;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  endLine: number;
  message: string;
}

function readLabels(): Label[] {
  const [, ...rows] = readFileSync(join(corpus, 'labels.tsv'), 'utf8').trimEnd().split('\n');
  return rows.map((row) => {
    const [file, line, rule, expectation, note] = row.split('\t');
    const [from, to] = line === '-' ? [0, 0] : line.split('-').map(Number);
    return { file, from, to: to ?? from, rule, expect: expectation as Label['expect'], note };
  });
}

/** A label explains a finding of its rule within one line of its line, or inside its range. */
function explains(label: Label, finding: JsonFinding): boolean {
  return label.rule === finding.ruleId && finding.line >= label.from - 1 && finding.line <= label.to + 1;
}

const present = existsSync(join(corpus, 'labels.tsv'));

if (!present) {
  test.skip(`corpus: ${corpus} not found, so the corpus test is skipped (the project's own tests stand alone)`, () => {});
} else {
  describe('corpus', () => {
    const labels = readLabels();
    const ruleIds = new Set(
      (JSON.parse(execFileSync(process.execPath, [cli, 'rules', '--format', 'json'], { encoding: 'utf8' })) as { id: string }[]).map((r) => r.id),
    );
    const files = join(corpus, 'files');
    const findings: JsonFinding[] = [];
    for (const repo of readdirSync(files).sort()) {
      const run = spawnSync(process.execPath, [cli, '--format', 'json', repo], { cwd: files, encoding: 'utf8' });
      if (run.status !== 0 && run.status !== 1) throw new Error(`scrapelint failed on ${repo}: ${run.stderr}`);
      findings.push(...(JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings);
    }

    test('finds every `must` row of the rules that exist', () => {
      const must = labels.filter((l) => l.expect === 'must' && ruleIds.has(l.rule));
      const missed = must.filter((l) => !findings.some((f) => f.file === l.file && explains(l, f)));
      console.log(`corpus: ${must.length - missed.length} of ${must.length} must rows found (rules: ${[...new Set(must.map((l) => l.rule))].sort().join(', ')})`);
      expect(missed.map((l) => `${l.file}:${l.from} ${l.rule} (${l.note})`)).toEqual([]);
    });

    test('reports no error or warning that no label explains', () => {
      const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      const unexplained = serious.filter((f) => !labels.some((l) => l.file === f.file && l.expect !== 'clean' && explains(l, f)));
      const clean = [...new Set(labels.filter((l) => l.expect === 'clean').map((l) => l.file))];
      const cleanHit = clean.filter((file) => unexplained.some((f) => f.file === file));
      console.log(
        `corpus: ${clean.length - cleanHit.length} of ${clean.length} clean files without a false alarm; ` +
          `${serious.length - unexplained.length} errors/warnings, all explained by labels; ${findings.length} findings in all`,
      );
      expect(unexplained.map((f) => `${f.file}:${f.line} ${f.severity} ${f.ruleId}: ${f.message}`)).toEqual([]);
    });

    test('gives the same findings with and without the fast paths (engine/read-manifests.ts)', async () => {
      for (const repo of readdirSync(files).sort()) {
        const inputs = await readLintInputs([repo], { cwd: files });
        const fast = JSON.stringify(lint(inputs, { rules }).findings);
        expect({ repo, findings: fast }).toEqual({ repo, findings: JSON.stringify(lint(inputs, { rules, noFastPath: true }).findings) });
      }
    });
  });
}
