// Writes docs/rules/<id>.md for every rule, the rule table in README.md and the rule ids of the
// configuration's JSON Schema (npm run docs).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules, packageRoot } from '../src/node/rules-dir.js';
import { renderRuleDoc, withRuleIdCompletion, withRuleTable } from '../src/ruleset/docs.js';

const root = packageRoot();
const rules = builtinRules();
const dir = join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const wanted = new Set(rules.map((r) => `${r.id}.md`));
for (const stale of readdirSync(dir).filter((f) => f.endsWith('.md') && !wanted.has(f))) rmSync(join(dir, stale));
for (const rule of rules) writeFileSync(join(dir, `${rule.id}.md`), renderRuleDoc(rule));
const readmePath = join(root, 'README.md');
writeFileSync(readmePath, withRuleTable(readFileSync(readmePath, 'utf8'), rules));
const schemaPath = join(root, 'rules', 'schema', 'config.schema.json');
writeFileSync(schemaPath, withRuleIdCompletion(readFileSync(schemaPath, 'utf8'), rules));
console.log(`docs: ${rules.length} rule pages, the README rule table and the rule ids of the configuration schema written.`);
