// PodMonitor against the pod templates of the input (Deployments, StatefulSets, DaemonSets,
// ReplicaSets, Jobs, CronJobs, Pods): port-not-in-service and namespace-not-selected.
import { isObject, touched, type ManifestObject } from '../../../k8s/objects.js';
import { isWorkload, TEMPLATE_PATHS } from '../../../k8s/workloads.js';
import { monitorSelector } from '../../../k8s/selection.js';
import { narrowByMatchLabels, selects, type LabelSelector } from '../../../k8s/selectors.js';
import { byReach, type Matched } from '../../relations.js';
import type { CheckContext, CheckFunction, ObjectIndex } from '../../types.js';
import { editDistance, nearest } from '../nearest.js';
import { nameOf, related } from './common.js';
import { namespaceNotSelected } from './namespace-not-selected.js';

export interface PodTemplate {
  object: ManifestObject;
  labels: Record<string, string>;
  /** Container ports: name (if any) and number. */
  ports: { name?: string; port?: number }[];
}

function dig(value: unknown, path: string[]): unknown {
  let node = value;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return node;
}

interface Templates {
  all: PodTemplate[];
  /** By `key\0value` of their labels, so a selector's matchLabels narrow the candidates. */
  byLabel: Map<string, PodTemplate[]>;
}

const cache = new WeakMap<ObjectIndex, Templates>();

/** Every pod template of the run's workloads. */
function podTemplates(index: ObjectIndex): Templates {
  const cached = cache.get(index);
  if (cached) return cached;
  const templates: PodTemplate[] = [];
  const byLabel = new Map<string, PodTemplate[]>();
  for (const [kind, path] of Object.entries(TEMPLATE_PATHS)) {
    for (const object of index.ofKind(kind)) {
      if (!isWorkload(object.kind, object.group)) continue;
      const template = path.length === 0 ? object.value : dig(object.value, path);
      if (!isObject(template)) continue;
      const metadata = isObject(template.metadata) ? template.metadata : {};
      const labels = isObject(metadata.labels) ? Object.fromEntries(Object.entries(metadata.labels).map(([k, v]) => [k, String(v)])) : {};
      const containers = dig(template, ['spec', 'containers']);
      const ports = (Array.isArray(containers) ? containers : []).flatMap((c) =>
        isObject(c) && Array.isArray(c.ports)
          ? c.ports.filter(isObject).map((p) => ({ name: typeof p.name === 'string' ? p.name : undefined, port: typeof p.containerPort === 'number' ? p.containerPort : undefined }))
          : [],
      );
      const entry = { object, labels, ports };
      templates.push(entry);
      for (const [key, value] of Object.entries(labels)) {
        const labelKey = `${key}\0${value}`;
        const list = byLabel.get(labelKey);
        if (list) list.push(entry);
        else byLabel.set(labelKey, [entry]);
      }
    }
  }
  const result = { all: templates, byLabel };
  cache.set(index, result);
  return result;
}

/** The pod templates a selector matches; linear in the candidates its matchLabels leave. */
export function matchingTemplates(selector: LabelSelector, index: ObjectIndex): PodTemplate[] {
  const { all, byLabel } = podTemplates(index);
  return narrowByMatchLabels(selector, all, (key, value) => byLabel.get(`${key}\0${value}`) ?? []).filter((t) => selects(selector, t.labels));
}

/** The pod templates a PodMonitor's selector matches, inside and outside its reach. */
export function templatesOf(context: CheckContext): Matched<PodTemplate> {
  const { object, index } = context;
  return index.memo(object, 'pod-templates', () => {
    const selector = monitorSelector(object);
    const matched = selector ? matchingTemplates(selector, index) : [];
    const byObject = new Map(matched.map((t) => [t.object, t]));
    // A patch of the pod template may change its labels or ports: the workload is then uncertain.
    const sorted = byReach(object, [...byObject.keys()], index, (o) => touched(o, TEMPLATE_PATHS[o.kind]));
    const back = (list: ManifestObject[]) => list.map((o) => byObject.get(o)!);
    return { inside: back(sorted.inside), maybe: back(sorted.maybe), outside: back(sorted.outside) };
  });
}

export const podPortNotInTemplate: CheckFunction = (context) => {
  const { value, index } = context;
  if (!isObject(value) || typeof value.port !== 'string' || value.port === '') return [];
  const { inside, maybe } = templatesOf(context);
  // Pods the input cannot place (their namespace, a patch) may be the targets.
  if (inside.length === 0 || maybe.length > 0) return [];
  const port = value.port;
  if (inside.some((t) => t.ports.some((p) => p.name === port))) return [];
  const names = [...new Set(inside.flatMap((t) => t.ports.flatMap((p) => (p.name ? [p.name] : []))))];
  let suggestion: string | undefined;
  if (names.length === 1) suggestion = names[0];
  else if (names.length > 1) {
    const candidate = nearest(port, names);
    if (editDistance(port.toLowerCase(), candidate.toLowerCase()) <= 3) suggestion = candidate;
  }
  const ports = inside[0].ports.map((p) => (p.name ? `\`${p.name}\` (${p.port ?? '?'})` : `${p.port ?? '?'} (unnamed)`)).join(', ') || 'none';
  const numbered = inside[0].ports.find((p) => !p.name && p.port !== undefined);
  const advice = suggestion ? `Write \`port: ${suggestion}\`.` : numbered ? `Name the container port, or use \`portNumber: ${numbered.port}\`.` : 'Use one of the container port names.';
  return [
    {
      at: ['port'],
      data: { detail: `No container port named \`${port}\` in the pods of ${nameOf(inside[0].object, index)}: their ports are ${ports}, so this endpoint has no targets. ${advice}` },
      suggest: suggestion ? [{ desc: `use port \`${suggestion}\``, ops: [{ set: { port: suggestion } }] }] : undefined,
      related: inside.slice(0, 3).map((t) => related(t.object, context, 'a selected workload')),
    },
  ];
};

export const podNamespaceNotSelected: CheckFunction = (context) => {
  const { inside, maybe, outside } = templatesOf(context);
  const objects = (list: PodTemplate[]) => list.map((t) => t.object);
  return namespaceNotSelected(context, { inside: objects(inside), maybe: objects(maybe), outside: objects(outside) }, true);
};
