// The configuration file (.scrapelint.yaml): parsed, validated with ajv against
// rules/schema/config.schema.json, and turned into what the engine needs. Every mistake is
// reported with the file, line and column. Pure: the shells find and read the file.
import { parseDocument, type Document } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { SourceText } from '../yaml/source.js';
import { describeAjvError, fieldName, mostUseful, newAjv, positionOfPath } from '../ruleset/data-file.js';
import { parseSelector, SelectorSyntaxError, type LabelSelector } from '../k8s/selectors.js';
import { parseOperatorVersion } from '../k8s/operator-releases.js';
import { nearest, editDistance } from '../ruleset/functions/nearest.js';
import type { Path } from '../yaml/nodes.js';
import type { LintSettings, Rule, Severity } from '../ruleset/types.js';

export type Level = Severity | 'off';

export interface ConfigFile {
  file: string;
  rules: Record<string, Level>;
  ignore: string[];
  overrides: { files: string[]; rules: Record<string, Level> }[];
  customRules: string[];
  baseline?: string;
  namespace?: string;
  /** Folders applied as a whole, relative to the configuration file. */
  units: string[];
  prometheusSelector?: LabelSelector;
  kubeletLabels?: { key: string; value: string }[];
  kubeletReadOnlyPort?: 'enabled' | 'disabled';
  /** operator.version: the operator release's minor version. */
  operatorRelease?: number;
  /** For messages about rule ids, after custom rules are known. */
  source: SourceText;
  doc: Document;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

let validator: { schema: string; validate: ValidateFunction } | undefined;

function validatorFor(schemaText: string): ValidateFunction {
  if (validator?.schema !== schemaText) validator = { schema: schemaText, validate: newAjv(true).compile(JSON.parse(schemaText)) };
  return validator.validate;
}

/** Parses and validates a configuration file. Throws ConfigError. */
export function parseConfig(file: string, text: string, schemaText: string): ConfigFile {
  const source = new SourceText(file, text);
  const doc = parseDocument(text, { prettyErrors: false });
  const fail = (path: Path, message: string, atKey = false): never => {
    const at = positionOfPath(source, doc, path, atKey);
    throw new ConfigError(file, at.line, at.column, `${path.length > 0 ? `${fieldName(path)}: ` : ''}${message}`);
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const at = source.position(error.pos[0]);
    const message = error.code === 'MULTIPLE_DOCS' ? 'the configuration is one YAML document: remove the `---` and what follows, or merge it' : `YAML syntax error: ${error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`;
    throw new ConfigError(file, at.line, at.column, message);
  }
  const value = (doc.toJS() ?? {}) as Record<string, unknown>;
  // A key with nothing under it (every entry commented out, as in the starter file) means nothing.
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) if (v === null) delete value[key];
  }
  const validate = validatorFor(schemaText);
  if (!validate(value)) {
    const { path, message, atKey } = describeAjvError(mostUseful([...(validate.errors ?? [])]));
    // The selector has two forms; name both rather than the one ajv happened to try last.
    if (path.length === 2 && path[0] === 'prometheus' && path[1] === 'selector') {
      fail(path, 'must be a string in kubectl syntax (`release=kps`) or a label selector mapping (matchLabels, matchExpressions)');
    }
    fail(path, message, atKey);
  }
  let prometheusSelector: LabelSelector | undefined;
  const prometheus = value.prometheus as { selector?: string | LabelSelector } | undefined;
  if (typeof prometheus?.selector === 'string') {
    try {
      prometheusSelector = parseSelector(prometheus.selector);
    } catch (error) {
      if (error instanceof SelectorSyntaxError) fail(['prometheus', 'selector'], error.message);
      throw error;
    }
  } else prometheusSelector = prometheus?.selector;
  let operatorRelease: number | undefined;
  const operator = value.operator as { version?: string } | undefined;
  if (operator?.version !== undefined) {
    const release = parseOperatorVersion(String(operator.version));
    if ('error' in release) fail(['operator', 'version'], release.error);
    else operatorRelease = release.minor;
  }
  const kubelet = value.kubelet as { selectorLabels?: Record<string, string> } | undefined;
  return {
    file,
    rules: (value.rules as Record<string, Level>) ?? {},
    ignore: (value.ignore as string[]) ?? [],
    overrides: (value.overrides as ConfigFile['overrides']) ?? [],
    customRules: (value.customRules as string[]) ?? [],
    baseline: value.baseline as string | undefined,
    namespace: value.namespace as string | undefined,
    units: (value.units as string[] | undefined) ?? [],
    prometheusSelector,
    kubeletLabels: kubelet?.selectorLabels ? Object.entries(kubelet.selectorLabels).map(([key, v]) => ({ key, value: v })) : undefined,
    operatorRelease,
    kubeletReadOnlyPort: (value.platform as { kubeletReadOnlyPort?: 'enabled' | 'disabled' } | undefined)?.kubeletReadOnlyPort,
    source,
    doc,
  };
}

/** Every rule id the configuration names must exist; a typo gets "did you mean". Throws ConfigError. */
export function checkRuleIds(config: ConfigFile, rules: readonly Rule[]): void {
  const ids = rules.map((r) => r.id);
  const check = (path: Path, id: string) => {
    if (ids.includes(id)) return;
    const guess = nearest(id, ids);
    const hint = editDistance(id, guess) <= Math.max(2, id.length / 3) ? ` Did you mean "${guess}"?` : ' Run "scrapelint rules" for the list.';
    const at = positionOfPath(config.source, config.doc, path, true);
    throw new ConfigError(config.file, at.line, at.column, `${fieldName(path)}: unknown rule "${id}".${hint}`);
  };
  for (const id of Object.keys(config.rules)) check(['rules', id], id);
  config.overrides.forEach((o, i) => {
    for (const id of Object.keys(o.rules)) check(['overrides', i, 'rules', id], id);
  });
}

/** The severities the configuration sets for every file (before overrides). */
export function configuredSeverities(config: ConfigFile | undefined): Record<string, Level> {
  const levels: Record<string, Level> = {};
  // The platform hint first, so that an explicit rules entry still wins.
  if (config?.kubeletReadOnlyPort === 'enabled') levels['kubelet-readonly-port'] = 'warning';
  return { ...levels, ...(config?.rules ?? {}) };
}

export function configuredSettings(config: ConfigFile | undefined): LintSettings {
  return {
    defaultNamespace: config?.namespace,
    prometheusSelector: config?.prometheusSelector,
    prometheusSelectorFrom: config?.prometheusSelector ? `prometheus.selector in ${config.file}` : undefined,
    kubeletLabels: config?.kubeletLabels,
    ...(config?.operatorRelease !== undefined ? { operatorRelease: config.operatorRelease, operatorReleaseFrom: `operator.version in ${config.file}` } : {}),
  };
}
