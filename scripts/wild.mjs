#!/usr/bin/env node
// The wild corpus: public repositories listed in __tests__/wild/repos.tsv, exported by
// scripts/wild-export.mjs into a folder outside the project (default ../wild). Lints each
// repository folder on its own with the built CLI, as a new user would (`cd <repo> && scrapelint
// --no-config .`), and compares every error and warning with __tests__/wild/judgements.tsv,
// where each one is judged by a person: `true` (the finding holds wherever the input could be
// applied) or `false` (a false alarm), with a reason.
//
// Usage: node scripts/wild.mjs [--dir DIR] [--unjudged]
//   --dir       where the exported trees are (default: ../wild beside the project, or $SCRAPELINT_WILD)
//   --unjudged  print the errors and warnings without a judgement as rows to fill in
// Exit status: 0 when every error and warning is judged true and no judgement is stale; 1
// otherwise; 3 when no tree is there (nothing to compare).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let dir = process.env.SCRAPELINT_WILD ? resolve(process.env.SCRAPELINT_WILD) : resolve(root, '..', 'wild');
const unjudged = args.includes('--unjudged');
for (let i = 0; i < args.length; i++) if (args[i] === '--dir') dir = resolve(args[++i]);

/** The rows of a TSV file with a header, as objects. */
function tsv(file) {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const cols = header.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

const repos = tsv(join(root, '__tests__/wild/repos.tsv'));
const judgements = tsv(join(root, '__tests__/wild/judgements.tsv'));
const present = repos.filter((r) => existsSync(join(dir, r.name)));
if (present.length === 0) {
  console.log(`wild: no tree under ${dir}; export them with node scripts/wild-export.mjs`);
  process.exit(3);
}

const key = (repo, f) => `${repo}\t${f.file}\t${f.line}\t${f.ruleId}`;
const judged = new Map(judgements.map((j) => [`${j.repo}\t${j.file}\t${j.line}\t${j.rule}`, j]));
const seen = new Set();
const problems = [];
const totals = { repos: 0, files: 0, objects: 0, errors: 0, warnings: 0, infos: 0, true: 0, false: 0 };
let largest = { name: '', files: 0, ms: 0 };
console.log('repo                              files  objects  errors  warnings  infos     ms');
for (const repo of present) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', 'json', '--no-config', '.'], { cwd: join(dir, repo.name), encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Math.round(performance.now() - started);
  if (run.status !== 0 && run.status !== 1) {
    problems.push(`${repo.name}: scrapelint exited ${run.status}: ${run.stderr.trim().split('\n')[0]}`);
    continue;
  }
  const { findings, summary } = JSON.parse(run.stdout);
  totals.repos++;
  for (const k of ['files', 'objects', 'errors', 'warnings', 'infos']) totals[k] += summary[k] ?? 0;
  if (summary.files > largest.files) largest = { name: repo.name, files: summary.files, ms };
  console.log(`${repo.name.padEnd(32)} ${String(summary.files).padStart(6)} ${String(summary.objects).padStart(8)} ${String(summary.errors).padStart(7)} ${String(summary.warnings).padStart(9)} ${String(summary.infos).padStart(6)} ${String(ms).padStart(6)}`);
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const k = key(repo.name, f);
    seen.add(k);
    const j = judged.get(k);
    if (!j) {
      problems.push(`unjudged: ${repo.name} ${f.file}:${f.line} ${f.ruleId} (${f.severity}): ${f.message}`);
      if (unjudged) console.log(`${repo.name}\t${f.file}\t${f.line}\t${f.ruleId}\t${f.severity}\t?\t${f.message.slice(0, 200)}`);
    } else if (j.verdict === 'true') totals.true++;
    else {
      totals.false++;
      problems.push(`false alarm: ${repo.name} ${f.file}:${f.line} ${f.ruleId}: ${j.reason}`);
    }
  }
}
const presentNames = new Set(present.map((r) => r.name));
for (const [k, j] of judged) if (presentNames.has(j.repo) && !seen.has(k)) problems.push(`stale judgement (no such finding now): ${k.replace(/\t/g, ' ')}`);
console.log(
  `\nwild: ${totals.repos} repositories, ${totals.files} files, ${totals.objects} monitoring objects; ` +
    `${totals.errors} errors, ${totals.warnings} warnings, ${totals.infos} infos; ` +
    `errors and warnings judged: ${totals.true} true, ${totals.false} false; ` +
    `largest tree ${largest.name} (${largest.files} files) in ${largest.ms} ms`,
);
for (const p of problems) console.log(p);
process.exit(problems.length > 0 ? 1 : 0);
