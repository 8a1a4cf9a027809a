// field-needs-newer-prometheus: fields the operator leaves out of the generated configuration,
// logging only `ignoring "<field>" not supported by Prometheus`, because the Prometheus it
// configures is older than the field (ConfigGenerator.WithMinimumVersion in
// pkg/prometheus/promcfg.go). The fields and releases are the rule's options: `fields` maps a key
// of the checked mapping to the Prometheus release that brought it; `values` maps a key to values
// that need a release of their own (in a list or as the value).
import { releaseHasField, NEWEST_MINOR } from '../../../k8s/operator-releases.js';
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { allBelow, parseVersion, pinnedVersions, shownVersions } from './common.js';

interface Options {
  fields?: Record<string, string>;
  values?: Record<string, Record<string, string>>;
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

export const fieldNeedsNewerPrometheus: CheckFunction = ({ value, object, index, settings, path, options }) => {
  if (!isObject(value)) return [];
  const { fields = {}, values = {} } = (isObject(options) ? options : {}) as Options;
  const versions = pinnedVersions(object, index, settings);
  if (!versions) return [];
  const release = settings.operatorRelease ?? NEWEST_MINOR;
  const tooOld = (since: string) => allBelow(versions, parseVersion(since)!);
  const reports: CheckReport[] = [];
  const say = (what: string, since: string) =>
    `${what} needs Prometheus ${since} or later, and the Prometheus of the input runs ${shownVersions(versions)}: the operator leaves it out of the configuration it generates (its log says only "ignoring ... not supported by Prometheus"), so it has no effect. Upgrade Prometheus, or remove it.`;
  for (const [key, since] of Object.entries(fields)) {
    // A field the release's CRD prunes is crd-schema's to report.
    if (!isSet(value[key]) || !tooOld(since) || !releaseHasField(object.kind, path, key, release)) continue;
    reports.push({ at: [key], atKey: true, data: { detail: say(`\`${key}\``, since) } });
  }
  for (const [key, gated] of Object.entries(values)) {
    const found = value[key];
    const items = Array.isArray(found) ? found.map((v, i) => [v, [key, i]] as const) : [[found, [key]] as const];
    for (const [item, at] of items) {
      const since = typeof item === 'string' ? gated[item] : undefined;
      if (!since || !tooOld(since) || (fields[key] !== undefined && tooOld(fields[key]))) continue;
      reports.push({ at: [...at], atKey: false, data: { detail: say(`\`${key}: ${item as string}\``, since) } });
    }
  }
  return reports;
};
