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

/** The module's source text. */
export function precompiledCrdModule(): string {
  const ajv = new Ajv({ ...CRD_AJV_OPTIONS, code: { ...CRD_AJV_OPTIONS.code, source: true } });
  const modules: string[] = [];
  const entries: string[] = [];
  for (const kind of Object.keys(SERVED_VERSIONS)) {
    const schema = jsonSchemaFor(kind, NEWEST_MINOR);
    if (!schema) continue;
    const code = standaloneCode(ajv, ajv.compile(schema));
    modules.push(`const ${kind} = (() => {\nconst module = { exports: {} };\n${code}\nreturn module.exports;\n})();`);
    entries.push(`  ${kind},`);
  }
  return [
    `// Generated at build time by scripts/precompile-crds.ts (the CRDs of operator release 0.${NEWEST_MINOR}): do not edit.`,
    "import { RE2JS } from 're2js';",
    `const ${re2Pattern.code} = (pattern) => RE2JS.compile(RE2JS.translateRegExp(pattern));`,
    ...modules,
    `export const PRECOMPILED_CRD_VALIDATORS = {\n${entries.join('\n')}\n};`,
    '',
  ].join('\n');
}
