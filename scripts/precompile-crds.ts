// The CRD validators compiled for the bundles (see src/k8s/crd-precompiled.ts): each linted kind's
// CRD schema in the newest operator release, as crd.ts builds it from operator-releases.generated.ts,
// turned into code by ajv's standalone mode. scripts/build.mjs calls precompiledCrdModule() and
// bundles its output in place of src/k8s/crd-precompiled.ts. Other releases are compiled on first use.
import * as standaloneModule from 'ajv/dist/standalone/index.js';
import { CRD_AJV_OPTIONS, jsonSchemaFor, SERVED_VERSIONS } from '../src/k8s/crd.js';
import { NEWEST_MINOR } from '../src/k8s/operator-releases.js';
import { Ajv, re2Pattern } from '../src/ruleset/data-file.js';

type Standalone = (ajv: InstanceType<typeof Ajv>, refsOrFunc: Record<string, string> | ((data: unknown) => boolean)) => string;
const standaloneExports = standaloneModule as unknown as { default: Standalone & { default?: Standalone } };
const standaloneCode: Standalone = standaloneExports.default.default ?? standaloneExports.default;

/** The ajv runtime modules the standalone code requires, by the name it requires them with. */
const RUNTIME = ['ajv/dist/runtime/equal', 'ajv/dist/runtime/ucs2length'];

/**
 * The module's source text. Each kind's validator is kept as a string and compiled on first use
 * (new Function): V8 compiles a module's whole text at start-up, and 1.3 MB of validator code the
 * run may not need made scrapelint start 50 ms slower.
 */
export function precompiledCrdModule(): string {
  const ajv = new Ajv({ ...CRD_AJV_OPTIONS, code: { ...CRD_AJV_OPTIONS.code, source: true } });
  const sources: string[] = [];
  for (const kind of Object.keys(SERVED_VERSIONS)) {
    const schema = jsonSchemaFor(kind, NEWEST_MINOR);
    if (!schema) continue;
    const code = standaloneCode(ajv, ajv.compile(schema));
    for (const name of code.match(/require\("[^"]*"\)/g) ?? []) {
      if (!RUNTIME.includes(name.slice(9, -2))) throw new Error(`the ${kind} validator requires ${name}, which precompile-crds.ts does not provide`);
    }
    sources.push(`  ${kind}: ${JSON.stringify(code)},`);
  }
  return [
    `// Generated at build time by scripts/precompile-crds.ts (the CRDs of operator release 0.${NEWEST_MINOR}): do not edit.`,
    "import { RE2JS } from 're2js';",
    `const ${re2Pattern.code} = (pattern) => RE2JS.compile(RE2JS.translateRegExp(pattern));`,
    // esbuild bundles these require() calls, as it did when the code was inline.
    `const RUNTIME = {\n${RUNTIME.map((name) => `  ${JSON.stringify(name)}: require(${JSON.stringify(name)}),`).join('\n')}\n};`,
    'const runtimeRequire = (name) => RUNTIME[name];',
    `const SOURCES = {\n${sources.join('\n')}\n};`,
    'export const PRECOMPILED_CRD_VALIDATORS = {};',
    'for (const [kind, source] of Object.entries(SOURCES)) {',
    '  Object.defineProperty(PRECOMPILED_CRD_VALIDATORS, kind, {',
    '    enumerable: true,',
    '    configurable: true,',
    '    get() {',
    '      const module = { exports: {} };',
    `      new Function('module', 'exports', 'require', '${re2Pattern.code}', source)(module, module.exports, runtimeRequire, ${re2Pattern.code});`,
    '      Object.defineProperty(PRECOMPILED_CRD_VALIDATORS, kind, { value: module.exports, enumerable: true });',
    '      return module.exports;',
    '    },',
    '  });',
    '}',
    '',
  ].join('\n');
}
