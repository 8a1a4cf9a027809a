// relabel-config-invalid (what the operator's relabel validator rejects,
// pkg/prometheus/validation/validator.go) and metric-relabel-target-labels (metric relabelings
// that read or write target-only labels).
import { RE2JS } from 're2js';
import { isObject, type JsonObject, type ManifestObject } from '../../../k8s/objects.js';
import { locate } from '../../../yaml/nodes.js';
import type { CheckFunction, CheckReport, FixOp, LintSettings, ObjectIndex } from '../../types.js';
import { allBelow, editDistance, LEGACY_LABEL, legacyNames, pinnedVersions, sanitizeLabel, show, shownVersions } from './common.js';

/** The CRD's enum for `action`: each action in lower case and in CamelCase. */
const ACTIONS: Record<string, string> = {
  replace: 'Replace',
  keep: 'Keep',
  drop: 'Drop',
  hashmod: 'HashMod',
  labelmap: 'LabelMap',
  labeldrop: 'LabelDrop',
  labelkeep: 'LabelKeep',
  lowercase: 'Lowercase',
  uppercase: 'Uppercase',
  keepequal: 'KeepEqual',
  dropequal: 'DropEqual',
};
export const RELABEL_ACTIONS = Object.keys(ACTIONS);
const ALLOWED = new Set([...Object.keys(ACTIONS), ...Object.values(ACTIONS)]);

const DEFAULT_SEPARATOR = ';';
const DEFAULT_REPLACEMENT = '$1';
const DEFAULT_REGEX = '(.*)';
/** The legacy charset, with `$1`/`${1}` templates (the operator's check before UTF-8 names). */
const LEGACY_TEMPLATE = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

/** The action the user most likely meant: another spelling of a real one, or one edit or two away. */
function meantAction(action: string): string | undefined {
  const lower = action.toLowerCase().replace(/[-_\s]/g, '');
  if (ACTIONS[lower]) return lower;
  const close = RELABEL_ACTIONS.map((a) => [a, editDistance(lower, a)] as const).filter(([, d]) => d <= 2);
  const best = Math.min(...close.map(([, d]) => d));
  const winners = close.filter(([, d]) => d === best);
  return winners.length === 1 ? winners[0][0] : undefined;
}

/** Why RE2 (Go's regexp, which Prometheus uses) rejects a regex, or undefined when it compiles. */
export function regexError(regex: string): string | undefined {
  try {
    // Prometheus anchors every relabel regex: ^(?:regex)$
    RE2JS.compile(`^(?:${regex})$`);
    return undefined;
  } catch (anchored) {
    try {
      RE2JS.compile(regex);
    } catch (bare) {
      return (bare as Error).message.replace(/^error parsing regexp: /, '');
    }
    return (anchored as Error).message.replace(/^error parsing regexp: /, '');
  }
}

/** The versions, when every Prometheus that matters runs one below `than` (undefined: unknown, so no). */
function versionsBelow(object: ManifestObject, index: ObjectIndex, settings: LintSettings, than: [number, number, number]): string | undefined {
  const versions = pinnedVersions(object, index, settings);
  return versions && allBelow(versions, than) ? shownVersions(versions) : undefined;
}

const isSet = (config: JsonObject, key: string) => config[key] !== undefined && config[key] !== null;
const differs = (config: JsonObject, key: string, fallback: unknown) => isSet(config, key) && config[key] !== fallback && !(fallback === 0 && config[key] === '0');

/** The relabel list a config sits in: relabelings, metricRelabelings or relabelingConfigs. */
function listOf(path: readonly (string | number)[]): string {
  return String(path[path.length - 2] ?? 'relabelings');
}

function consequence(object: ManifestObject): string {
  return object.kind === 'Prometheus' || object.kind === 'PrometheusAgent'
    ? 'Prometheus cannot load the scrape configuration generated from it'
    : `the operator rejects the whole ${object.kind} (an InvalidConfiguration event; none of its targets are scraped)`;
}

export const relabelConfigInvalid: CheckFunction = ({ value, object, index, path, settings }) => {
  if (!isObject(value)) return [];
  const config = value;
  const reports: CheckReport[] = [];
  const list = listOf(path);
  /** A fix is certain (it removes what has no effect); `suggest` is a guess at what was meant. */
  const report = (at: string[], problem: string, advice: string, fix?: FixOp[], suggest?: CheckReport['suggest']) =>
    reports.push({ at, data: { problem, advice, list, consequence: consequence(object) }, fix, suggest });
  const atAction = isSet(config, 'action') ? ['action'] : [];

  // The regex: Prometheus compiles it with Go's RE2 (no lookarounds, no backreferences).
  if (typeof config.regex === 'string') {
    const error = regexError(config.regex);
    if (error) {
      report(['regex'], `\`regex: ${show(config.regex)}\` does not compile with RE2, the regular expression engine of Prometheus (${error}).`,
        'RE2 has no lookahead, lookbehind or backreferences; rewrite the expression without them (often with an extra relabeling).');
    }
  }

  const rawAction = config.action ?? 'replace';
  if (typeof rawAction !== 'string') return reports;
  if (!ALLOWED.has(rawAction)) {
    const meant = meantAction(rawAction);
    report(['action'], `\`action: ${show(rawAction)}\` is not a relabel action.`,
      `${meant ? `Write \`action: ${meant}\`. ` : ''}The actions are ${RELABEL_ACTIONS.join(', ')} (lower case or CamelCase, such as \`LabelDrop\`).`,
      meant ? [{ set: { action: meant } }] : undefined);
    return reports;
  }
  const action = rawAction.toLowerCase();
  const named = isSet(config, 'action') ? `\`${rawAction}\`` : '`replace` (no `action` means replace)';

  // Version gates, only when every Prometheus in the input pins an older version.
  const gate = action === 'lowercase' || action === 'uppercase' ? [2, 36, 0] as [number, number, number] : action === 'keepequal' || action === 'dropequal' ? [2, 41, 0] as [number, number, number] : undefined;
  if (gate) {
    const below = versionsBelow(object, index, settings, gate);
    if (below) report(atAction, `The ${named} action needs Prometheus ${gate.join('.')} or later, and the Prometheus of the input runs ${below}.`, `Upgrade Prometheus to ${gate.join('.')} or later, or use another action.`);
  }

  if (action === 'hashmod' && (!isSet(config, 'modulus') || Number(config.modulus) === 0)) {
    report(isSet(config, 'modulus') ? ['modulus'] : atAction, `A ${named} relabeling needs a non-zero \`modulus\`.`, 'Add `modulus:` with the number of shards, such as `modulus: 4`.');
  }

  const target = config.targetLabel;
  const needsTarget = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(action);
  if (needsTarget && (target === undefined || target === null || target === '')) {
    report(isSet(config, 'targetLabel') ? ['targetLabel'] : atAction, `A ${named} relabeling needs \`targetLabel\`, the label it writes${action === 'keepequal' || action === 'dropequal' ? ' (or compares with)' : ''}.`,
      action === 'replace' && !isSet(config, 'action') && isSet(config, 'regex') && !isSet(config, 'replacement')
        ? 'Add `targetLabel: <label>`, or `action: keep`/`action: drop` if this was meant to filter targets.'
        : 'Add `targetLabel: <label>`.');
  } else if (needsTarget && typeof target === 'string' && legacyNames(object, index, settings)) {
    const valid = action === 'replace' && target.includes('$') ? LEGACY_TEMPLATE.test(target) : LEGACY_LABEL.test(target);
    if (!valid) {
      const fixed = target.includes('$') ? undefined : sanitizeLabel(target);
      report(['targetLabel'], `\`targetLabel: ${show(target)}\` is not a valid label name for Prometheus 2 (letters, digits and \`_\`, not starting with a digit).`,
        fixed ? `Write \`targetLabel: ${fixed}\`.` : 'Use letters, digits and `_` only.', undefined, fixed ? [{ desc: `write \`targetLabel: ${fixed}\``, ops: [{ set: { targetLabel: fixed } }] }] : undefined);
    }
  }

  if (['lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(action) && differs(config, 'replacement', DEFAULT_REPLACEMENT)) {
    report(['replacement'], `A ${named} relabeling cannot set \`replacement\`.`, `Remove \`replacement\`; ${action === 'lowercase' || action === 'uppercase' ? `${action} writes the ${action === 'lowercase' ? 'lower' : 'upper'}-cased source value to \`targetLabel\`` : `${action} only compares \`sourceLabels\` with \`targetLabel\``}.`, [{ remove: ['replacement'] }]);
  }

  if (action === 'keepequal' || action === 'dropequal') {
    if (differs(config, 'regex', DEFAULT_REGEX) && config.regex !== '') {
      report(['regex'], `A ${named} relabeling takes only \`sourceLabels\` and \`targetLabel\`, not \`regex\`.`, 'Remove `regex`; it has no effect on this action.', [{ remove: ['regex'] }]);
    }
    if (differs(config, 'modulus', 0)) {
      report(['modulus'], `A ${named} relabeling takes only \`sourceLabels\` and \`targetLabel\`, not \`modulus\`.`, 'Remove `modulus`; it has no effect on this action.', [{ remove: ['modulus'] }]);
    }
    if (differs(config, 'separator', DEFAULT_SEPARATOR)) {
      report(['separator'], `A ${named} relabeling takes only \`sourceLabels\` and \`targetLabel\`; \`separator\` must stay \`;\`.`, 'Remove `separator`.');
    }
  }

  if (action === 'labeldrop' || action === 'labelkeep') {
    const hasRegex = typeof config.regex === 'string' && config.regex !== '';
    const extra = (key: string) => `A ${named} relabeling takes only \`regex\` (the label names to ${action === 'labeldrop' ? 'drop' : 'keep'}), not \`${key}\`.`;
    const sources = Array.isArray(config.sourceLabels) ? config.sourceLabels : [];
    if (sources.length > 0) {
      const plain = sources.every((s) => typeof s === 'string' && LEGACY_LABEL.test(s));
      if (hasRegex) report(['sourceLabels'], extra('sourceLabels'), 'Remove `sourceLabels`; `regex` already names the labels.', [{ remove: ['sourceLabels'] }]);
      else if (plain) {
        const regex = sources.join('|');
        // In place where the list is on one line; a block list cannot become a scalar in place.
        const node = locate(object.root, [...path, 'sourceLabels'])?.node as { flow?: boolean } | undefined;
        const fix: FixOp[] = node?.flow ? [{ rename: { sourceLabels: 'regex' } }, { set: { regex } }] : [{ remove: ['sourceLabels'] }, { set: { regex } }];
        report(['sourceLabels'], extra('sourceLabels'), `Name the labels in \`regex\`: \`regex: ${regex}\` (without it, the default \`(.*)\` matches every label).`, undefined, [{ desc: `name the labels in \`regex: ${regex}\``, ops: fix }]);
      } else report(['sourceLabels'], extra('sourceLabels'), 'Name the labels in `regex` and remove `sourceLabels`.');
    }
    const removable = hasRegex || sources.length === 0;
    for (const [key, fallback] of [['targetLabel', ''], ['modulus', 0], ['replacement', DEFAULT_REPLACEMENT]] as const) {
      if (differs(config, key, fallback)) report([key], extra(key), `Remove \`${key}\`; it has no effect on this action.`, removable ? [{ remove: [key] }] : undefined);
    }
    if (differs(config, 'separator', DEFAULT_SEPARATOR)) {
      report(['separator'], extra('separator'), 'Remove `separator`; it has no effect on this action.', removable ? [{ remove: ['separator'] }] : undefined);
    }
  }

  if (action === 'labelmap' && typeof config.replacement === 'string') {
    const replacement = config.replacement;
    const valid = legacyNames(object, index, settings) ? LEGACY_TEMPLATE.test(replacement) : replacement !== '';
    if (!valid) report(['replacement'], `\`replacement: ${show(replacement)}\` is not a valid label name for ${named}.`, 'Write a label name, usually with `$1` for the part the regex captured (the default is `$1`).');
  }
  return reports;
};

// ---------------------------------------------------------------------------------------------

/** Labels that exist only on targets, before the scrape: gone when metric relabelings run. */
const TARGET_ONLY = /^(__address__|__scheme__|__metrics_path__|__scrape_interval__|__scrape_timeout__|__param_.*|__meta_.*)$/;
const TARGET_ONLY_PREFIX = /^(\^)?(__address__|__scheme__|__metrics_path__|__scrape_interval__|__scrape_timeout__|__param_|__meta_)/;

/** Where target relabelings go for the object the metric relabeling is in. */
function targetList(object: ManifestObject, path: readonly (string | number)[]): string {
  if (path[1] === 'scrapeClasses') return "the scrape class's `relabelings`";
  if (object.kind === 'Probe') return '`relabelingConfigs` under `targets.staticConfig` or `targets.ingress`';
  if (object.kind === 'ScrapeConfig') return '`relabelings`';
  return "the endpoint's `relabelings`";
}

export const metricRelabelTargetLabels: CheckFunction = ({ value, object, path }) => {
  if (!isObject(value)) return [];
  const action = typeof value.action === 'string' ? value.action.toLowerCase() : 'replace';
  const sources = Array.isArray(value.sourceLabels) ? value.sourceLabels : [];
  const read = sources.map((s, i) => [s, i] as const).filter(([s]) => typeof s === 'string' && TARGET_ONLY.test(s));
  const data = { targets: targetList(object, path) };
  if (read.length > 0) {
    const names = read.map(([s]) => `\`${String(s)}\``).join(', ');
    return [{ at: ['sourceLabels', read[0][1]], data: { ...data, what: `\`sourceLabels\` reads ${names}, which ${read.length > 1 ? 'are' : 'is'} always empty here` } }];
  }
  if (typeof value.targetLabel === 'string' && TARGET_ONLY.test(value.targetLabel) && action !== 'labeldrop' && action !== 'labelkeep') {
    return [{ at: ['targetLabel'], data: { ...data, what: `writing \`targetLabel: ${value.targetLabel}\` here has no effect on the scrape` } }];
  }
  if (action === 'labelmap' && typeof value.regex === 'string' && TARGET_ONLY_PREFIX.test(value.regex)) {
    return [{ at: ['regex'], data: { ...data, what: `\`labelmap\` with \`regex: ${value.regex}\` matches no label here` } }];
  }
  return [];
};
