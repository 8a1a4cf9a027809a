// Runs a TypeScript script, bundled on the fly by esbuild: node scripts/run-ts.mjs scripts/x.ts
// The bundle goes under node_modules/.cache so that it resolves the project's packages and finds
// the project's rules/ folder above it.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'node_modules', '.cache', 'scrapelint-run');
mkdirSync(dir, { recursive: true });
const outfile = join(dir, `script-${process.pid}.mjs`);
try {
  await build({
    entryPoints: [resolve(process.argv[2])],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
