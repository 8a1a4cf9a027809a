// The built-in rules compiled for the bundles (see src/ruleset/precompiled.ts): every rule file
// of rules/ validated and compiled as a custom rule would be (so a broken one fails the build),
// then each JSON Schema condition turned into code by ajv's standalone mode. scripts/build.mjs
// calls precompiledModule() and bundles its output in place of src/ruleset/precompiled.ts.
import { relative } from 'node:path';
import { parseDocument } from 'yaml';
import * as standaloneModule from 'ajv/dist/standalone/index.js';
import { readRulesDir } from '../src/node/rules-dir.js';
import { buildRule, conditionKey, definitionsId, loadRules } from '../src/ruleset/loader.js';
import { Ajv, AJV_OPTIONS, re2Pattern } from '../src/ruleset/data-file.js';

type Standalone = (ajv: InstanceType<typeof Ajv>, refsOrFunc: Record<string, string> | ((data: unknown) => boolean)) => string;
const standaloneExports = standaloneModule as unknown as { default: Standalone & { default?: Standalone } };
const standaloneCode: Standalone = standaloneExports.default.default ?? standaloneExports.default;

/** The module's source text, for the rules in `<root>/rules`. */
export function precompiledModule(root: string, rulesDir: string): string {
  const input = readRulesDir(rulesDir);
  // Validated and compiled eagerly, as custom rules are: errors name the file, line and field.
  loadRules({ ...input, files: input.files.map((f) => ({ ...f, builtin: false })) });
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { ...AJV_OPTIONS.code, source: true } });
  for (const file of [input.definitions ?? []].flat()) ajv.addSchema({ ...(parseDocument(file.text).toJS() as object), $id: definitionsId(file.path) });
  const rules: { path: string; value: Record<string, unknown> }[] = [];
  // One CommonJS module per distinct schema, each in its own scope: ajv's multi-export output
  // declares a shared referenced schema's function once per export that uses it.
  const names = new Map<string, string>(); // schema JSON -> its module's name
  const modules: string[] = [];
  const keys: Record<string, string> = {};
  for (const file of input.files) {
    const value = parseDocument(file.text).toJS() as Record<string, unknown>;
    rules.push({ path: relative(root, file.path).replace(/\\/g, '/'), value });
    buildRule(
      file,
      value,
      (schema, path) => {
        const text = JSON.stringify(schema);
        let name = names.get(text);
        if (!name) {
          name = `condition${modules.length}`;
          names.set(text, name);
          const code = standaloneCode(ajv, ajv.compile(schema as object));
          modules.push(`const ${name} = (() => {\nconst module = { exports: {} };\n${code}\nreturn module.exports;\n})();`);
        }
        keys[conditionKey(value.id as string, path)] = name;
        return () => false;
      },
      (path, message) => {
        throw new Error(`${file.path}: ${path.join('.')}: ${message}`);
      },
    );
  }
  const conditions = Object.entries(keys)
    .map(([key, name]) => `  ${JSON.stringify(key)}: ${name},`)
    .join('\n');
  return [
    '// Generated at build time by scripts/precompile-rules.ts from rules/: do not edit.',
    // The validators compile their patterns with RE2 by this name, as data-file.ts's re2Pattern does.
    "import { RE2JS } from 're2js';",
    `const ${re2Pattern.code} = (pattern) => RE2JS.compile(RE2JS.translateRegExp(pattern));`,
    ...modules,
    `export const PRECOMPILED = {\n rules: ${JSON.stringify(rules)},\n conditions: {\n${conditions}\n },\n};`,
    '',
  ].join('\n');
}
