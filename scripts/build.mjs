// Bundles the CLI into dist/ with esbuild: one ES module per entry, every dependency inside, so
// `npx scrapelint` and the Action run with no node_modules. The built-in rules go in compiled
// (scripts/precompile-rules.ts replaces src/ruleset/precompiled.ts), so start-up neither parses
// rule files nor compiles schemas. Usage: node scripts/build.mjs [outdir]
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] ?? join(root, 'dist'));

export const ENTRIES = { cli: 'src/cli/index.ts', index: 'src/action/index.ts' };

/** A precompiler's module source: the TypeScript precompiler bundled and run here. */
async function precompile(script, run) {
  const dir = join(root, 'node_modules', '.cache', 'scrapelint-build');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `precompile-${process.pid}-${script.replace(/\.ts$/, "")}.mjs`);
  try {
    await build({ entryPoints: [join(root, 'scripts', script)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    return run(await import(pathToFileURL(outfile).href));
  } finally {
    rmSync(outfile, { force: true });
  }
}

const precompiled = await precompile('precompile-rules.ts', (m) => m.precompiledModule(root, join(root, 'rules')));
const PLACEHOLDER = /[\\/]src[\\/]ruleset[\\/]precompiled\.ts$/;
// The newest release's CRD validators (scripts/precompile-crds.ts) in place of src/k8s/crd-precompiled.ts.
const precompiledCrds = await precompile('precompile-crds.ts', (m) => m.precompiledCrdModule());
const CRD_PLACEHOLDER = /[\\/]src[\\/]k8s[\\/]crd-precompiled\.ts$/;

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
  // Minified: V8 compiles the whole module at start-up, and its size is most of the start-up time.
  minify: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'precompiled-rules',
      setup(b) {
        b.onLoad({ filter: PLACEHOLDER }, () => ({ contents: precompiled, loader: 'js', resolveDir: join(root, 'src', 'ruleset') }));
        b.onLoad({ filter: CRD_PLACEHOLDER }, () => ({ contents: precompiledCrds, loader: 'js', resolveDir: join(root, 'src', 'k8s') }));
      },
    },
  ],
});
