// sd-needs-newer-prometheus: ScrapeConfig service discovery, or a field of it, that the Prometheus
// the operator configures is too old for (the version checks of checkScrapeConfig's validators in
// pkg/prometheus/resource_selector.go), judged against the version every Prometheus of the input
// runs (its `version`, or the operator release's default; schema-values/common.ts).
import { isObject, type JsonObject } from '../../../k8s/objects.js';
import { NEWEST_MINOR } from '../../../k8s/operator-releases.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { rejected } from '../auth-tls/common.js';
import { allBelow, pinnedVersions, shownVersions, versionBelow } from '../schema-values/common.js';

type Version = [number, number, number];

/** Service discovery mechanisms and the Prometheus release that brought them. */
const MECHANISMS: Record<string, Version> = {
  httpSDConfigs: [2, 28, 0],
  digitalOceanSDConfigs: [2, 20, 0],
  linodeSDConfigs: [2, 28, 0],
  dockerSwarmSDConfigs: [2, 20, 0],
  puppetDBSDConfigs: [2, 31, 0],
  lightSailSDConfigs: [2, 27, 0],
  ovhcloudSDConfigs: [2, 40, 0],
  scalewaySDConfigs: [2, 26, 0],
  ionosSDConfigs: [2, 36, 0],
};

interface FieldGate {
  mechanism: string;
  field: string;
  /** The value that needs the release; any value when absent. */
  value?: string;
  since: Version;
}

const FIELDS: FieldGate[] = [
  { mechanism: 'kubernetesSDConfigs', field: 'role', value: 'EndpointSlice', since: [2, 21, 0] },
  { mechanism: 'consulSDConfigs', field: 'pathPrefix', since: [2, 45, 0] },
  { mechanism: 'consulSDConfigs', field: 'namespace', since: [2, 28, 0] },
  { mechanism: 'consulSDConfigs', field: 'filter', since: [3, 0, 0] },
  { mechanism: 'consulSDConfigs', field: 'healthFilter', since: [3, 11, 2] },
  { mechanism: 'azureSDConfigs', field: 'authenticationMethod', value: 'SDK', since: [2, 52, 0] },
  { mechanism: 'azureSDConfigs', field: 'authenticationMethod', value: 'WorkloadIdentity', since: [3, 11, 0] },
  { mechanism: 'azureSDConfigs', field: 'resourceGroup', since: [2, 35, 0] },
  { mechanism: 'openstackSDConfigs', field: 'role', value: 'LoadBalancer', since: [3, 2, 0] },
  { mechanism: 'dockerSDConfigs', field: 'matchFirstNetwork', since: [2, 54, 1] },
  { mechanism: 'kumaSDConfigs', field: 'clientID', since: [2, 50, 0] },
  { mechanism: 'hetznerSDConfigs', field: 'labelSelector', since: [3, 5, 0] },
];

const show = (v: Version) => v.join('.');

/**
 * From operator v0.76, checkScrapeConfig runs the version check of every mechanism whether or not
 * the ScrapeConfig uses it (validateOVHCloudSDConfigs tests the version before its loop), so
 * every ScrapeConfig is refused below the newest of those releases.
 */
const EVERY_SCRAPE_CONFIG = { from: 76, since: [2, 40, 0] as Version };

export const sdNeedsNewerPrometheus: CheckFunction = ({ value, object, index, settings }) => {
  if (!isObject(value)) return [];
  const versions = pinnedVersions(object, index, settings);
  if (!versions) return [];
  const runs = shownVersions(versions);
  const tooOld = (since: Version) => allBelow(versions, since);
  const reports: CheckReport[] = [];
  const refused = rejected(object.kind);
  const release = settings.operatorRelease ?? NEWEST_MINOR;
  const everyOne = release >= EVERY_SCRAPE_CONFIG.from && tooOld(EVERY_SCRAPE_CONFIG.since);
  if (everyOne) {
    reports.push({
      at: [],
      atKey: true,
      data: {
        detail: `Operator releases from v0.${EVERY_SCRAPE_CONFIG.from} on refuse every ScrapeConfig when Prometheus is older than ${show(EVERY_SCRAPE_CONFIG.since)}: checkScrapeConfig runs the version check of each service discovery mechanism, OVHcloud's (${show(EVERY_SCRAPE_CONFIG.since)}) among them, whether or not the ScrapeConfig uses it, and the Prometheus of the input runs ${runs}. Upgrade Prometheus to ${show(EVERY_SCRAPE_CONFIG.since)} or later.`,
      },
    });
  }
  // Below the blanket release, only what needs a still newer Prometheus is worth saying.
  const worth = (since: Version) => tooOld(since) && !(everyOne && !versionBelow(EVERY_SCRAPE_CONFIG.since, since));

  for (const [mechanism, since] of Object.entries(MECHANISMS)) {
    const list = value[mechanism];
    if (!Array.isArray(list) || list.length === 0 || !worth(since)) continue;
    reports.push({
      at: [mechanism],
      atKey: true,
      data: { detail: `\`${mechanism}\` needs Prometheus ${show(since)} or later, and the Prometheus of the input runs ${runs}: ${refused}. Upgrade Prometheus (its \`version\`), or discover these targets another way.` },
    });
  }
  for (const gate of FIELDS) {
    const list = value[gate.mechanism];
    if (!Array.isArray(list) || !worth(gate.since)) continue;
    list.forEach((sd: unknown, i: number) => {
      if (!isObject(sd)) return;
      const field = (sd as JsonObject)[gate.field];
      if (field === undefined || field === null || (gate.value !== undefined && field !== gate.value)) return;
      const what = gate.value !== undefined ? `\`${gate.field}: ${gate.value}\`` : `\`${gate.field}\``;
      reports.push({
        at: [gate.mechanism, i, gate.field],
        atKey: gate.value === undefined,
        data: { detail: `${what} in \`${gate.mechanism}\` needs Prometheus ${show(gate.since)} or later, and the Prometheus of the input runs ${runs}: ${refused}. Upgrade Prometheus (its \`version\`), or remove ${gate.value !== undefined ? 'it' : `\`${gate.field}\``}.` },
      });
    });
  }
  return reports;
};
