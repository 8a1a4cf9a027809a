// Loading rule files: parse the YAML, validate it with ajv against rules/schema/rule.schema.json,
// then compile the paths, JSON Schemas, facts and functions it names. Every problem is reported
// with the rule file, line, column and field; nothing here reads files (the shells do).
import { parseDocument } from 'yaml';
import { parseOperatorVersion } from '../k8s/operator-releases.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { SourceText } from '../yaml/source.js';
import type { Path } from '../yaml/nodes.js';
import { Ajv, describeAjvError, fieldName, mostUseful, newAjv, PatternError, positionOfPath } from './data-file.js';
import { parsePath, PathSyntaxError, type PathPattern } from './path.js';
import { FACTS } from './facts.js';
import { FUNCTIONS } from './functions/index.js';
import type { Check, Condition, FixOp, Rule } from './types.js';

export interface RuleFileInput {
  /** Path shown in messages. */
  path: string;
  text: string;
  /** One of scrapelint's own rule files. */
  builtin?: boolean;
}

export interface RuleFileError {
  file: string;
  line: number;
  column: number;
  /** The field, as a path such as `checks[0].match`. */
  field: string;
  message: string;
}

export class RuleLoadError extends Error {
  constructor(readonly errors: RuleFileError[]) {
    super(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.field ? `${e.field}: ` : ''}${e.message}`).join('\n'));
  }
}

/**
 * The $id a definitions file gets: its name with .json, so rule schemas reach
 * rules/schema/definitions.yaml as `$ref: definitions.json#/definitions/x`.
 */
export function definitionsId(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop()!.replace(/\.ya?ml$/, '.json');
}

/** The inputs of a rule set: the rule-file schema, shared schema definitions, and the rule files. */
export interface RuleSetInput {
  /** rules/schema/rule.schema.json */
  schema: RuleFileInput;
  /** rules/schema/definitions*.yaml: JSON Schema definitions rule files may `$ref`. */
  definitions?: RuleFileInput | RuleFileInput[];
  files: RuleFileInput[];
}

function parseSchemaFile(input: RuleFileInput): object {
  const parsed = parseDocument(input.text);
  if (parsed.errors.length > 0) {
    const at = new SourceText(input.path, input.text).position(parsed.errors[0].pos[0]);
    throw new RuleLoadError([{ file: input.path, ...at, field: '', message: parsed.errors[0].message }]);
  }
  return parsed.toJS() as object;
}

/** Compiles rule files into rules. Throws RuleLoadError listing every problem found. */
export function loadRules({ schema, definitions, files }: RuleSetInput): Rule[] {
  const errors: RuleFileError[] = [];
  const ajv = newAjv();
  let fileValidator: ValidateFunction;
  try {
    fileValidator = newAjv(true).compile(parseSchemaFile(schema));
  } catch (error) {
    if (error instanceof RuleLoadError) throw error;
    throw new RuleLoadError([{ file: schema.path, line: 1, column: 1, field: '', message: (error as Error).message }]);
  }
  const validateRuleFile = (value: unknown): ErrorObject[] => (fileValidator(value) ? [] : [...(fileValidator.errors ?? [])]);
  for (const file of definitions === undefined ? [] : Array.isArray(definitions) ? definitions : [definitions]) {
    try {
      ajv.addSchema({ ...parseSchemaFile(file), $id: definitionsId(file.path) });
    } catch (error) {
      if (error instanceof RuleLoadError) throw error;
      throw new RuleLoadError([{ file: file.path, line: 1, column: 1, field: '', message: (error as Error).message }]);
    }
  }
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const rule = loadRuleFile(file, ajv, validateRuleFile, errors);
    if (!rule) continue;
    const other = seen.get(rule.id);
    if (other) {
      const source = new SourceText(file.path, file.text);
      const at = positionOfPath(source, parseDocument(file.text), ['id']);
      errors.push({ file: file.path, ...at, field: 'id', message: `rule id "${rule.id}" is also defined in ${other}` });
      continue;
    }
    seen.set(rule.id, file.path);
    rules.push(rule);
  }
  if (errors.length > 0) throw new RuleLoadError(errors);
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

function loadRuleFile(
  file: RuleFileInput,
  ajv: Ajv,
  validateRuleFile: (value: unknown) => ErrorObject[],
  errors: RuleFileError[],
): Rule | undefined {
  const source = new SourceText(file.path, file.text);
  const doc = parseDocument(file.text);
  const report = (path: Path, message: string, atKey = false) => {
    errors.push({ file: file.path, ...positionOfPath(source, doc, path, atKey), field: fieldName(path), message });
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    errors.push({ file: file.path, ...source.position(error.pos[0]), field: '', message: `YAML syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` });
    return undefined;
  }
  const value = doc.toJS() as Record<string, unknown>;
  const schemaErrors = validateRuleFile(value);
  if (schemaErrors.length > 0) {
    const described = describeAjvError(mostUseful(schemaErrors));
    const { path, atKey } = described;
    // The rule schema's top-level oneOf is about checks versus input.
    const message = described.keyword === 'oneOf' && path.length === 0 ? 'needs either "checks" or "input: true"' : described.message;
    report(path, message, atKey);
    return undefined;
  }
  const expectedId = file.path.replace(/\\/g, '/').split('/').pop()!.replace(/\.ya?ml$/, '');
  if (value.id !== expectedId) {
    report(['id'], `the id "${value.id}" must match the file name "${expectedId}.yaml"`);
    return undefined;
  }
  const before = errors.length;
  const compileSchema = (schema: unknown, path: Path): Condition | undefined => {
    if (file.builtin) {
      // Compiling every schema costs a third of a second at start-up, and a run uses few of them;
      // the built-in ones are known to compile (npm test loads them all as custom rules).
      let compiled: ValidateFunction | undefined;
      return (data) => (compiled ??= ajv.compile(schema as object))(data) as boolean;
    }
    try {
      return ajv.compile(schema as object);
    } catch (error) {
      if (error instanceof PatternError) {
        const at = patternPath(schema, error.pattern);
        report(at ? [...path, ...at.path] : path, error.message, at?.atKey);
      } else report(path, `invalid JSON Schema: ${(error as Error).message}`);
      return undefined;
    }
  };
  const rule = buildRule(file, value, compileSchema, report);
  return errors.length > before ? undefined : rule;
}

/** Where a JSON Schema holds a pattern: a `pattern` value or a `patternProperties` key. */
function patternPath(schema: unknown, pattern: string): { path: Path; atKey: boolean } | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const object = schema as Record<string, unknown>;
  if (!Array.isArray(schema)) {
    if (object.pattern === pattern) return { path: ['pattern'], atKey: false };
    const properties = object.patternProperties;
    if (typeof properties === 'object' && properties !== null && Object.hasOwn(properties, pattern)) return { path: ['patternProperties', pattern], atKey: true };
  }
  for (const [key, value] of Object.entries(object)) {
    const found = patternPath(value, pattern);
    if (found) return { ...found, path: [Array.isArray(schema) ? Number(key) : key, ...found.path] };
  }
  return undefined;
}

/**
 * A validated rule file's value as a Rule: its paths parsed, its facts and functions looked up,
 * and its JSON Schema conditions compiled by `compileSchema` (ajv, or code compiled at build time).
 */
export function buildRule(
  file: { path: string; builtin?: boolean },
  value: Record<string, unknown>,
  compileSchema: (schema: unknown, path: Path) => Condition | undefined,
  report: (path: Path, message: string) => void,
): Rule {
  const condition = (schema: unknown, path: Path) => (schema === undefined ? undefined : compileSchema(schema, path));
  const compilePath = (text: string, absolute: boolean, path: Path): PathPattern => {
    try {
      return parsePath(text, absolute);
    } catch (error) {
      if (error instanceof PathSyntaxError) report(path, error.message);
      else throw error;
      return [];
    }
  };
  const checks: Check[] = ((value.checks as Record<string, unknown>[] | undefined) ?? []).map((raw, i) => {
    const at = (p: string | number, ...rest: (string | number)[]): Path => ['checks', i, p, ...rest];
    const when = (raw.when ?? {}) as { facts?: string[]; object?: unknown; value?: unknown; operator?: { from?: string; before?: string } };
    const release = (bound: 'from' | 'before') => {
      const text = when.operator?.[bound];
      if (text === undefined) return undefined;
      const parsed = parseOperatorVersion(String(text));
      if ('error' in parsed) {
        report(at('when', 'operator', bound), parsed.error);
        return undefined;
      }
      return parsed.minor;
    };
    const releases = when.operator ? { from: release('from'), before: release('before') } : undefined;
    const namedFact = (name: string, where: Path, j: number) => {
      const negate = name.startsWith('!');
      const bare = negate ? name.slice(1) : name;
      if (!FACTS[bare]) report([...where, j], `unknown fact "${bare}"; known facts: ${Object.keys(FACTS).join(', ')}`);
      return { name: bare, negate };
    };
    const facts = (when.facts ?? []).map((name, j) => namedFact(name, at('when', 'facts'), j));
    let fn;
    if (typeof raw.function === 'string') {
      fn = FUNCTIONS[raw.function];
      if (!fn) report(at('function'), `unknown function "${raw.function}"; known functions: ${Object.keys(FUNCTIONS).join(', ')}`);
    }
    const atPaths = raw.at === undefined ? [] : Array.isArray(raw.at) ? (raw.at as string[]) : [raw.at as string];
    const fix = raw.fix as { ops: Record<string, unknown>[] } | undefined;
    const fixOps = (ops: Record<string, unknown>[], at: (j: number, p: string) => Path): FixOp[] =>
      ops.map((op, j) => ({
        set: op.set as Record<string, unknown> | undefined,
        add: op.add as Record<string, unknown> | undefined,
        remove: op.remove as string[] | undefined,
        rename: op.rename as Record<string, string> | undefined,
        append: op.append as Record<string, unknown> | undefined,
        drop: op.drop === true ? true : undefined,
        facts: Array.isArray(op.facts) ? (op.facts as string[]).map((name, k) => namedFact(name, at(j, `facts`), k)) : undefined,
        in: op.in === undefined ? undefined : compilePath(op.in as string, false, at(j, 'in')),
        if: condition(op.if, at(j, 'if')),
        unless: condition(op.unless, at(j, 'unless')),
      }));
    const suggest = raw.suggest as { desc: string; ops: Record<string, unknown>[] }[] | undefined;
    return {
      given: compilePath(raw.given as string, true, at('given')),
      facts,
      releases,
      object: condition(when.object, at('when', 'object')),
      value: condition(when.value, at('when', 'value')),
      match: condition(raw.match, at('match')),
      function: fn,
      options: raw.options,
      fixable: raw.fixable === true,
      hasSuggestions: raw.hasSuggestions === true,
      atKey: raw.atKey === true,
      at: atPaths.map((p, j) => compilePath(p, false, Array.isArray(raw.at) ? at('at', j) : at('at'))),
      message: raw.message as string,
      fix: fix ? fixOps(fix.ops, (j, p) => at('fix', 'ops', j, p)) : undefined,
      suggest: suggest?.map((s, k) => ({ desc: s.desc, ops: fixOps(s.ops, (j, p) => at('suggest', k, 'ops', j, p)) })),
    };
  });
  return {
    id: value.id as string,
    severity: value.severity as Rule['severity'],
    enabled: value.enabled !== false,
    kinds: (value.kinds as Rule['kinds']) ?? [],
    description: value.description as string,
    docs: value.docs as Rule['docs'],
    input: value.input === true,
    checks,
    file: file.path,
    builtin: file.builtin === true,
  };
}

/** The built-in rules as the build leaves them (scripts/precompile-rules.ts). */
export interface PrecompiledRules {
  /** Each rule file's path (relative to the package) and its value, validated at build time. */
  rules: { path: string; value: Record<string, unknown> }[];
  /** Each JSON Schema condition compiled by ajv into code, by `conditionKey`. */
  conditions: Record<string, Condition>;
}

export function conditionKey(ruleId: string, path: Path): string {
  return `${ruleId}#${fieldName(path)}`;
}

/** Rules from build-time output: nothing to parse, validate or compile. */
export function loadPrecompiled({ rules, conditions }: PrecompiledRules, resolvePath: (path: string) => string = (p) => p): Rule[] {
  return rules
    .map(({ path, value }) =>
      buildRule(
        { path: resolvePath(path), builtin: true },
        value,
        (_, at) => conditions[conditionKey(value.id as string, at)],
        (at, message) => {
          throw new Error(`${path}: ${fieldName(at)}: ${message} (the build validated this file; rebuild)`);
        },
      ),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
}
