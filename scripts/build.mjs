// Bundles the CLI into dist/ with esbuild: one ES module per entry, every dependency inside, so
// `npx scrapelint` and the Action run with no node_modules. Usage: node scripts/build.mjs [outdir]
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] ?? join(root, 'dist'));

export const ENTRIES = { cli: 'src/cli/index.ts', index: 'src/action/index.ts' };

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(root, file)])),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Bundled CommonJS dependencies (ajv) call require(); give ES modules one.
  banner: { js: "import { createRequire as __scrapelintCreateRequire } from 'node:module';\nconst require = __scrapelintCreateRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
