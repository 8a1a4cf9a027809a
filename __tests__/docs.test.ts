// The rule docs are generated from the rule files (npm run docs) and must be current; the
// complete manifests they show must behave as they say.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleDoc, renderRuleTable, withRuleIdCompletion } from '../src/ruleset/docs.js';
import { rules } from './helpers/rules.js';
import { lint } from '../src/engine/lint.js';

const root = join(import.meta.dirname, '..');

test('docs/rules holds exactly one page per rule', () => {
  const pages = readdirSync(join(root, 'docs', 'rules')).filter((f) => f.endsWith('.md'));
  expect(pages.sort()).toEqual(rules.map((r) => `${r.id}.md`).sort());
});

test('the README rule table is current (run npm run docs)', () => {
  expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(renderRuleTable(rules));
});

test('the configuration schema names every built-in rule id under `rules`, for editor completion (run npm run docs)', () => {
  const text = readFileSync(join(root, 'rules', 'schema', 'config.schema.json'), 'utf8');
  expect(text).toBe(withRuleIdCompletion(text, rules));
  const ids = Object.keys((JSON.parse(text) as { definitions: { rules: { properties: object } } }).definitions.rules.properties);
  expect(ids).toEqual(rules.map((r) => r.id).sort());
});

describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  test('its docs page is current (run npm run docs)', () => {
    expect(readFileSync(join(root, 'docs', 'rules', `${id}.md`), 'utf8')).toBe(renderRuleDoc(rule));
  });
  const complete = (text: string) => /^apiVersion:/m.test(text);
  if (!rule.input && complete(rule.docs.bad)) {
    test('the flagged example is flagged and the fixed one is not', () => {
      const enabled = (text: string) => lint([{ file: 'docs.yaml', text }], { rules, severities: { [id]: rule.severity } }).findings.map((f) => f.ruleId);
      expect(enabled(rule.docs.bad)).toContain(id);
      expect(enabled(rule.docs.fixed)).not.toContain(id);
    });
  }
});

test("the README's example output is what `scrapelint examples/` prints", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const shown = /The first command exits[^]*?```text\n([^]*?)\n```/.exec(readme)?.[1];
  const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--no-color', 'examples/'], { cwd: root, encoding: 'utf8' });
  expect(run.status).toBe(1);
  expect(shown).toBe(run.stdout.trimEnd());
});
