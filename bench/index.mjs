// npm run bench: scrapelint against the floor (reading every file), the floor for reporting syntax
// errors in every document (js-yaml over every document), and the naive design (parsing every
// document fully with `yaml`), on generated monorepos of 20,000 and 2,000 files, plus start-up
// against `node -e 0`. Runs the committed bundle (dist/cli.js). Prints medians and ratios, writes bench/results.json, exits 0.
// Options: --runs N (default 5), --small-only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMonorepo } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const cli = join(root, 'dist', 'cli.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const smallOnly = args.includes('--small-only');
const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);

/** Runs a command once: wall milliseconds and peak resident memory (MB, when /usr/bin/time exists). */
function measure(command, commandArgs) {
  const start = process.hrtime.bigint();
  const result = haveTime
    ? spawnSync(TIME, ['-f', '%M', command, ...commandArgs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${commandArgs.join(' ')} failed: ${result.stderr}`);
  const kb = haveTime ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { ms, mb: Number.isFinite(kb) ? kb / 1024 : null };
}

function median(values) {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
}

function series(command, commandArgs, n) {
  const samples = Array.from({ length: n }, () => measure(command, commandArgs));
  return { ms: median(samples.map((s) => s.ms)), mb: median(samples.map((s) => s.mb)), runs: n };
}

const fmt = (v, unit) => (v === null ? 'n/a' : `${v.toFixed(v < 10 ? 2 : 0)} ${unit}`);
const work = mkdtempSync(join(tmpdir(), 'scrapelint-bench-'));
const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, runs, trees: {} };
try {
  const sizes = smallOnly ? [2000] : [20000, 2000];
  for (const files of sizes) {
    const dir = join(work, `tree-${files}`);
    const tree = generateMonorepo(dir, { files });
    const row = {
      tree,
      scrapelint: series(process.execPath, [cli, '--format', 'json', '--no-config', dir], runs),
      readOnly: series(process.execPath, [join(here, 'read-only.mjs'), dir], runs),
      plainParse: series(process.execPath, [join(here, 'plain-parse.mjs'), dir], runs),
      naive: series(process.execPath, [join(here, 'naive.mjs'), dir], Math.min(runs, 3)),
    };
    row.ratios = {
      scrapelintOverReadOnly: row.scrapelint.ms / row.readOnly.ms,
      plainParseOverReadOnly: row.plainParse.ms / row.readOnly.ms,
      naiveOverScrapelint: row.naive.ms / row.scrapelint.ms,
    };
    results.trees[files] = row;
    console.log(`${files} files (${tree.documents} documents, ${(tree.bytes / 1e6).toFixed(1)} MB, ${tree.monitors} monitors):`);
    for (const [name, s] of [['scrapelint', row.scrapelint], ['read-only', row.readOnly], ['js-yaml, no pos.', row.plainParse], ['naive full parse', row.naive]]) {
      console.log(`  ${name.padEnd(17)} ${fmt(s.ms, 'ms').padStart(10)}  peak ${fmt(s.mb, 'MB')}`);
    }
    console.log(`  scrapelint / read-only = ${row.ratios.scrapelintOverReadOnly.toFixed(2)}   naive / scrapelint = ${row.ratios.naiveOverScrapelint.toFixed(2)}   (js-yaml alone / read-only = ${row.ratios.plainParseOverReadOnly.toFixed(2)})`);
  }
  if (!smallOnly) {
    results.linearity = results.trees[20000].scrapelint.ms / results.trees[2000].scrapelint.ms;
    console.log(`time(20,000) / time(2,000) = ${results.linearity.toFixed(2)}`);
  }
  const one = join(work, 'one');
  mkdirSync(one);
  writeFileSync(join(one, 'monitor.yaml'), 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {app: a}}\n  endpoints: [{port: metrics}]\n');
  const node = series(process.execPath, ['-e', '0'], Math.max(runs, 10));
  const start = series(process.execPath, [cli, '--no-config', one], Math.max(runs, 10));
  results.startup = { node: node.ms, scrapelint: start.ms, ratio: start.ms / node.ms };
  console.log(`start-up: scrapelint on one file ${fmt(start.ms, 'ms')}, node -e 0 ${fmt(node.ms, 'ms')}: ratio ${results.startup.ratio.toFixed(2)}`);
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`(medians of ${runs} runs; written to bench/results.json)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
