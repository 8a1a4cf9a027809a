// The bundles carry the built-in rules compiled at build time (scripts/precompile-rules.ts); the
// tests otherwise read them from rules/. Both must be the same rules giving the same findings.
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { precompiledModule } from '../../scripts/precompile-rules.js';
import { loadPrecompiled, type PrecompiledRules } from '../../src/ruleset/loader.js';
import { lint } from '../../src/engine/lint.js';
import { rules } from '../helpers/rules.js';

const root = join(import.meta.dirname, '..', '..');

async function precompiled(): Promise<PrecompiledRules> {
  const dir = join(root, 'node_modules', '.cache', 'scrapelint-test');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `precompiled-${process.pid}.mjs`);
  // The bundles give the generated CommonJS validators a require(); so does this.
  const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
  writeFileSync(file, prelude + precompiledModule(root, join(root, 'rules')));
  try {
    return ((await import(pathToFileURL(file).href)) as { PRECOMPILED: PrecompiledRules }).PRECOMPILED;
  } finally {
    rmSync(file, { force: true });
  }
}

describe('precompiled built-in rules', () => {
  it('are the rules of rules/ and give the same findings on the examples, fixtures and rule cases', async () => {
    const compiled = loadPrecompiled(await precompiled(), (path) => join(root, path));
    const summary = (list: typeof rules) => list.map((r) => ({ ...r, checks: r.checks.length }));
    expect(JSON.stringify(summary(compiled))).toBe(JSON.stringify(summary(rules)));
    const dirs = ['examples', '__tests__/fixtures', '__tests__/rules'];
    const files = dirs.flatMap((d) =>
      readdirSync(join(root, d), { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
        .map((e) => join(e.parentPath, e.name)),
    );
    const inputs = files.sort().map((file) => ({ file: relative(root, file), text: readFileSync(file, 'utf8') }));
    const findings = (list: typeof rules) => JSON.stringify(lint(inputs, { rules: list }).findings);
    const expected = findings(rules);
    expect(JSON.parse(expected).length).toBeGreaterThan(30);
    expect(findings(compiled)).toBe(expected);
  });
});
