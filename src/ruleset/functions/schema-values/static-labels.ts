// static-label-invalid: the label names of static targets (a Probe's targets.staticConfig.labels,
// a ScrapeConfig's staticConfigs[].labels) that the operator refuses for the Prometheus version it
// configures (validateStaticConfigLabels in pkg/prometheus/resource_selector.go): outside the
// legacy charset on Prometheus 2, empty on any.
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { allLegacy, LEGACY_LABEL, pinnedVersions, sanitizeLabel, show, shownVersions } from './common.js';

export const staticLabelInvalid: CheckFunction = ({ value, object, index, settings }) => {
  if (!isObject(value)) return [];
  const versions = pinnedVersions(object, index, settings);
  const legacy = allLegacy(versions);
  const reports: CheckReport[] = [];
  const rejected = `the operator rejects the whole ${object.kind} ("invalid label"; none of its targets is scraped)`;
  for (const name of Object.keys(value)) {
    if (name === '') {
      reports.push({ at: [name], atKey: true, data: { detail: `A static target label has an empty name: ${rejected}. Name it, or remove it.` } });
    } else if (legacy && !LEGACY_LABEL.test(name)) {
      const fixed = sanitizeLabel(name);
      const clash = fixed !== undefined && fixed in value;
      reports.push({
        at: [name],
        atKey: true,
        data: {
          detail: `The static target label \`${show(name)}\` is not a valid label name for Prometheus 2 (letters, digits and \`_\`, not starting with a digit), and the Prometheus of the input runs ${shownVersions(versions ?? [])}: ${rejected}. ${fixed && !clash ? `Rename it \`${fixed}\`, or upgrade Prometheus to 3.x, which takes UTF-8 label names.` : 'Use letters, digits and `_` only, or upgrade Prometheus to 3.x, which takes UTF-8 label names.'}`,
        },
        // Another name is another label: queries and alerts that use the old one would change.
        suggest: fixed && !clash ? [{ desc: `rename the label \`${fixed}\``, ops: [{ rename: { [name]: fixed } }] }] : undefined,
      });
    }
  }
  return reports;
};
