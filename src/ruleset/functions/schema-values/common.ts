// Small helpers shared by the schema-values check functions.
import { isObject, type ManifestObject } from '../../../k8s/objects.js';
import { prometheusesOf } from '../../relations.js';
import { defaultPrometheusVersion, NEWEST_MINOR, releaseName } from '../../../k8s/operator-releases.js';
import type { LintSettings, ObjectIndex } from '../../types.js';

export { prometheusesOf };

export function specOf(object: ManifestObject): Record<string, unknown> {
  return isObject(object.value.spec) ? object.value.spec : {};
}

/** `kind ns/name` without the kind. */
export function nameOf(object: ManifestObject): string {
  return `${object.namespace ? `${object.namespace}/` : ''}${object.name ?? '(unnamed)'}`;
}

/** A value as a message shows it: strings as written, quoted where YAML would read them as something else. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    const plain = value !== '' && value.trim() === value && !/^([-+]?[0-9.]+([eE][-+]?[0-9]+)?|true|false|yes|no|on|off|null|~)$/i.test(value);
    return plain ? value : JSON.stringify(value);
  }
  return JSON.stringify(value) ?? String(value);
}

/** A Prometheus version as [major, minor, patch]; undefined when unset or unreadable. */
export function parseVersion(text: unknown): [number, number, number] | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

export function versionBelow(version: [number, number, number], than: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== than[i]) return version[i] < than[i];
  return false;
}

/** A Prometheus version the operator configures, and how messages name it. */
export interface PrometheusVersion {
  version: [number, number, number];
  shown: string;
}

/**
 * The Prometheus versions a check on `object` must assume, as the operator reads them
 * (`StringValOrDefault(spec.version, DefaultPrometheusVersion)`): the object's own `spec.version`
 * for a Prometheus or PrometheusAgent, else that of every Prometheus in the input; an unset or
 * empty one is the default of the operator release (`operator.version`, default the newest).
 * Undefined when one is unreadable, or when the input has none.
 */
export function pinnedVersions(object: ManifestObject, index: ObjectIndex, settings: LintSettings): PrometheusVersion[] | undefined {
  const sources = object.kind === 'Prometheus' || object.kind === 'PrometheusAgent' ? [object] : prometheusesOf(index);
  if (sources.length === 0) return undefined;
  const release = settings.operatorRelease ?? NEWEST_MINOR;
  const out: PrometheusVersion[] = [];
  for (const p of sources) {
    const written = specOf(p).version;
    const unset = written === undefined || written === null || written === '';
    const text = unset ? defaultPrometheusVersion(release) : written;
    const version = parseVersion(text);
    if (!version) return undefined;
    out.push({ version, shown: unset ? `${text as string} (operator ${releaseName(release)}'s default: ${p.kind} ${nameOf(p)} names no version)` : `v${version.join('.')}` });
  }
  return out;
}

/** Whether every version is below `than` (the Prometheus the operator configures is too old for it). */
export const allBelow = (versions: readonly PrometheusVersion[], than: [number, number, number]): boolean => versions.every((v) => versionBelow(v.version, than));

/** Whether every version is a 2.x, whose label names are the legacy charset. */
export const allLegacy = (versions: readonly PrometheusVersion[] | undefined): boolean => versions !== undefined && versions.every((v) => v.version[0] < 3);

/** The versions, each once, for messages. */
export const shownVersions = (versions: readonly PrometheusVersion[]): string => [...new Set(versions.map((v) => v.shown))].join(', ');

/** A label name Prometheus 2 accepts (the legacy charset; Prometheus 3 takes any UTF-8 name). */
export const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Whether label names must use the legacy charset: every Prometheus that matters pins a 2.x version. */
export function legacyNames(object: ManifestObject, index: ObjectIndex, settings: LintSettings): boolean {
  return allLegacy(pinnedVersions(object, index, settings));
}

/** `name` with what the legacy charset has not replaced by `_` (a guess at what was meant). */
export function sanitizeLabel(name: string): string | undefined {
  const out = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
  return LEGACY_LABEL.test(out) ? out : undefined;
}

export { editDistance } from '../nearest.js';
