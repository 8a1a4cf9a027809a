// Issue 5's benchmark: the across-resources rules must not make a run grow faster than linearly.
// Lints generated trees of 200 and 2,000 apps (each a Service and its monitor, in several
// namespaces, with one Prometheus) and prints the time per object. Exits 0 whatever the numbers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'scrapelint-across-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(dir, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    try {
      execFileSync(process.execPath, [cli, '--format', 'json', dir], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
    } catch (error) {
      if (error.status !== 1) throw error; // 1: findings, as expected
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

try {
  const rows = [];
  for (const apps of [200, 2000]) {
    const dir = join(work, String(apps));
    // Every app monitored, so that monitors and Services grow together.
    const stats = generate(dir, { apps, monitorEvery: 1 });
    const ms = time(dir, 5);
    rows.push({ apps, objects: stats.documents, ms });
    console.log(`${apps} apps: ${stats.documents} objects, ${stats.monitors} monitors: ${ms.toFixed(0)} ms, ${((ms / stats.documents) * 1000).toFixed(1)} µs per object`);
  }
  const [small, large] = rows;
  console.log(`time(2,000) / time(200) = ${(large.ms / small.ms).toFixed(2)} for ${(large.objects / small.objects).toFixed(1)}x the objects; per object: ${((large.ms / large.objects) / (small.ms / small.objects)).toFixed(2)}x`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
