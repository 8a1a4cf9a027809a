// The wild corpus (__tests__/wild/repos.tsv): when the trees are exported (node
// scripts/wild-export.mjs, into ../wild or $SCRAPELINT_WILD), every error and warning the built
// CLI gives on them must be judged true in __tests__/wild/judgements.tsv, and no judgement may
// be stale. Skipped, with a message, when the trees are absent (as in CI).
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const dir = process.env.SCRAPELINT_WILD ? resolve(process.env.SCRAPELINT_WILD) : join(root, '..', 'wild');
const names = readFileSync(join(root, '__tests__', 'wild', 'repos.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t')[0]);
const present = names.filter((n) => existsSync(join(dir, n)));

if (present.length === 0) {
  test.skip(`wild corpus: no tree under ${dir} (export them with node scripts/wild-export.mjs), so the wild test is skipped`, () => {});
} else {
  test(`wild corpus: every error and warning on ${present.length} repositories is judged true`, () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'wild.mjs'), '--dir', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    console.log(run.stdout.split('\n').filter((l) => l.startsWith('wild:') || /^(unjudged|false alarm|stale)/.test(l)).join('\n'));
    expect(run.stdout.split('\n').filter((l) => /^(unjudged|false alarm|stale|.*scrapelint exited)/.test(l))).toEqual([]);
    expect(run.status).toBe(0);
  }, 600_000);
}
