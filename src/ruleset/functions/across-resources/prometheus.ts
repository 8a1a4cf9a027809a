// Monitors against the Prometheus objects that select them: file-access-denied and
// scrape-class-undefined; and a Prometheus with two default scrape classes.
import { isObject, type ManifestObject } from '../../../k8s/objects.js';
import { selectedBy } from '../../relations.js';
import { scrapeClassesOf } from '../../../k8s/scrape-classes.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { editDistance, nearest } from '../nearest.js';
import { nameOf, related } from './common.js';

const FILE_FIELDS: [string[], string][] = [
  [['bearerTokenFile'], 'bearerTokenFile'],
  [['tlsConfig', 'caFile'], 'tlsConfig.caFile'],
  [['tlsConfig', 'certFile'], 'tlsConfig.certFile'],
  [['tlsConfig', 'keyFile'], 'tlsConfig.keyFile'],
];

function denies(prometheus: ManifestObject): boolean {
  const spec = prometheus.value.spec;
  return isObject(spec) && isObject(spec.arbitraryFSAccessThroughSMs) && spec.arbitraryFSAccessThroughSMs.deny === true;
}

/** A ServiceMonitor endpoint reading files, selected by a Prometheus that denies file access. */
export const fileAccessDenied: CheckFunction = (context) => {
  const { object, index, value } = context;
  if (!isObject(value)) return [];
  const denying = selectedBy(object, index).filter(denies);
  if (denying.length === 0) return [];
  const reports: CheckReport[] = [];
  for (const [path, label] of FILE_FIELDS) {
    let node: unknown = value;
    for (const key of path) node = isObject(node) ? node[key] : undefined;
    if (typeof node !== 'string' || node === '') continue;
    reports.push({
      at: path,
      atKey: true,
      data: {
        detail: `${nameOf(denying[0], index)} sets \`arbitraryFSAccessThroughSMs.deny: true\`, so the operator drops this whole ServiceMonitor because its endpoint reads a file (\`${label}\`). Use credentials from a Secret (\`authorization\`, \`tlsConfig.ca\`), or a scrape class.`,
      },
      related: denying.map((p) => related(p, context, 'denies file access through ServiceMonitors')),
    });
  }
  return reports;
};

/** A monitor's `scrapeClass` that no selecting Prometheus defines. */
export const scrapeClassUndefined: CheckFunction = (context) => {
  const { object, index } = context;
  const spec = object.value.spec;
  if (!isObject(spec) || typeof spec.scrapeClass !== 'string' || spec.scrapeClass === '') return [];
  const wanted = spec.scrapeClass;
  const selecting = selectedBy(object, index);
  if (selecting.length === 0) return [];
  const defined = selecting.map((p) => ({ prometheus: p, names: scrapeClassesOf(p).flatMap((c) => (typeof c.name === 'string' ? [c.name] : [])) }));
  const lacking = defined.filter((d) => !d.names.includes(wanted));
  if (lacking.length === 0) return [];
  // A rename must satisfy every selecting Prometheus: only classes they all define qualify.
  const names = defined.reduce<string[]>((common, d, i) => (i === 0 ? d.names : common.filter((n) => d.names.includes(n))), []);
  const candidate = names.length > 0 ? nearest(wanted, names) : undefined;
  const suggestion = candidate && (names.length === 1 || editDistance(wanted.toLowerCase(), candidate.toLowerCase()) <= Math.max(3, wanted.length / 2)) ? candidate : undefined;
  const who = lacking.map((d) => `${nameOf(d.prometheus, index)}, which defines ${d.names.length === 0 ? 'no scrape classes' : d.names.map((n) => `\`${n}\``).join(', ')}`).join('; ');
  return [
    {
      at: ['spec', 'scrapeClass'],
      data: { detail: `scrapeClass \`${wanted}\` is not defined by ${who}: the operator rejects this ${object.kind}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}` },
      suggest: suggestion ? [{ desc: `use the scrape class \`${suggestion}\``, ops: [{ in: ['spec'], set: { scrapeClass: suggestion } }] }] : undefined,
      related: lacking.map((d) => related(d.prometheus, context, `does not define scrape class ${wanted}`)),
    },
  ];
};

/** A Prometheus with more than one default scrape class (the operator refuses to reconcile it). */
export const multipleDefaultScrapeClasses: CheckFunction = ({ object }) => {
  const classes = scrapeClassesOf(object);
  const defaults = classes.map((c, i) => ({ c, i })).filter(({ c }) => c.default === true);
  if (defaults.length < 2) return [];
  const names = defaults.map(({ c }) => `\`${c.name ?? '(unnamed)'}\``).join(', ');
  return defaults.slice(1).map(({ i }) => ({
    at: ['spec', 'scrapeClasses', i, 'default'],
    atKey: true,
    data: { detail: `${names} are all \`default: true\`; only one scrape class may be the default, and the operator stops reconciling this ${object.kind} (MultipleDefaultScrapeClasses). Keep one default.` },
  }));
};
