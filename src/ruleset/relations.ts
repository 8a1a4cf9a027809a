// The relations between the objects of a unit that checks ask about, computed once per object:
// which Prometheus objects select a monitor, which namespaces it reaches, which Services or pod
// templates its selector matches. Each is three-valued where the input cannot tell (a namespace
// nothing names, an object a patch of the unit changes): what is certain, what is not, and what
// certainly is not. Kubernetes semantics live in src/k8s/selection.ts.
import { isObject, touched, type ManifestObject } from '../k8s/objects.js';
import { narrowByMatchLabels, selects, type LabelSelector } from '../k8s/selectors.js';
import { isKubeletMonitor, isKubeletService } from '../k8s/kubelet.js';
import { componentOfService, componentPinnedBy, type Component } from '../k8s/components.js';
import { isPrometheus, monitorReach, monitorSelector, prometheusSelects, reaches, SELECTOR_FIELDS, type Reach, type Verdict } from '../k8s/selection.js';
import type { LintSettings, ObjectIndex } from './types.js';

const prometheuses = new WeakMap<ObjectIndex, ManifestObject[]>();

export function prometheusesOf(index: ObjectIndex): ManifestObject[] {
  let found = prometheuses.get(index);
  if (!found) prometheuses.set(index, (found = [...index.ofKind('Prometheus'), ...index.ofKind('PrometheusAgent')].filter(isPrometheus)));
  return found;
}

const patched = new WeakMap<ObjectIndex, boolean>();

/** Whether a patch of the unit changes any of its objects (most units have none). */
function unitPatched(index: ObjectIndex): boolean {
  let any = patched.get(index);
  if (any === undefined) patched.set(index, (any = index.objects.some((o) => o.touched !== undefined)));
  return any;
}

export function namespacesOf(index: ObjectIndex): readonly ManifestObject[] {
  return index.ofKind('Namespace').filter((n) => n.group === '');
}

export interface Selection {
  prometheus: ManifestObject;
  verdict: Verdict;
  reason?: string;
}

/** Whether a patch of the unit changes what decides the selection. */
function selectionPatched(prometheus: ManifestObject, monitor: ManifestObject): boolean {
  const fields = SELECTOR_FIELDS[monitor.kind];
  return (
    touched(monitor, ['metadata', 'labels']) ||
    (fields !== undefined && (touched(prometheus, ['spec', fields.selector]) || touched(prometheus, ['spec', fields.namespaceSelector])))
  );
}

/** How each Prometheus of the unit judges the monitor. */
export function selectionsOf(monitor: ManifestObject, index: ObjectIndex): Selection[] {
  return index.memo(monitor, 'selections', () => {
    const namespaces = namespacesOf(index);
    return prometheusesOf(index).map((prometheus) =>
      selectionPatched(prometheus, monitor) ? { prometheus, verdict: 'unknown' as const } : { prometheus, ...prometheusSelects(prometheus, monitor, namespaces) },
    );
  });
}

/** The Prometheus objects of the unit that select the monitor. */
export function selectedBy(monitor: ManifestObject, index: ObjectIndex): ManifestObject[] {
  return selectionsOf(monitor, index)
    .filter((s) => s.verdict === 'selected')
    .map((s) => s.prometheus);
}

/** The namespaces the monitor discovers targets in, narrowed by a selecting Prometheus's ignoreNamespaceSelectors. */
export function reachOf(monitor: ManifestObject, index: ObjectIndex): Reach {
  return index.memo(monitor, 'reach', () => {
    const ignoring = selectedBy(monitor, index).some((p) => isObject(p.value.spec) && p.value.spec.ignoreNamespaceSelectors === true);
    return monitorReach(monitor, ignoring);
  });
}

/**
 * The core objects of `kind` whose metadata labels the selector matches. The selector's
 * matchLabels narrow the candidates through the label index, so matching a run's monitors
 * against its Services stays linear in the number of objects.
 */
export function matching(kind: string, selector: LabelSelector, index: ObjectIndex): ManifestObject[] {
  const candidates = narrowByMatchLabels(selector, index.ofKind(kind), (key, value) => index.withLabel(kind, key, value));
  return candidates.filter((o) => o.group === '' && selects(selector, o.labels));
}

/** The core objects of `kind` certainly in the namespaces of a reach. */
export function inReach(kind: string, reach: Reach, index: ObjectIndex): readonly ManifestObject[] {
  return index.ofKind(kind).filter((o) => o.group === '' && reaches(reach, o.namespace) === true);
}

export interface Matched<T = ManifestObject> {
  /** Matching objects certainly in the namespaces the monitor reaches. */
  inside: T[];
  /** Objects that may match and be in reach: the input cannot tell (their namespace, a patch). */
  maybe: T[];
  /** Matching objects certainly elsewhere. */
  outside: T[];
}

/**
 * Sorts the objects a monitor's selector matches by whether they are in its reach; `relabelled`
 * says whether a patch of the unit changes the labels the selector matched.
 */
export function byReach<T extends ManifestObject>(monitor: ManifestObject, matched: readonly T[], index: ObjectIndex, relabelled: (object: T) => boolean): Matched<T> {
  const result: Matched<T> = { inside: [], maybe: [], outside: [] };
  const reach = reachOf(monitor, index);
  // A patch that changes what the monitor selects, or where it looks: nothing is certain.
  const uncertain = touched(monitor, ['spec', 'selector']) || touched(monitor, ['spec', 'namespaceSelector']);
  for (const object of matched) {
    const inside = reaches(reach, object.namespace);
    if (uncertain || inside === undefined || relabelled(object)) result.maybe.push(object);
    else (inside ? result.inside : result.outside).push(object);
  }
  return result;
}

/** The Services a ServiceMonitor's selector matches, inside and outside its reach. */
export function servicesOf(monitor: ManifestObject, index: ObjectIndex): Matched {
  return index.memo(monitor, 'services', () => {
    const selector = monitorSelector(monitor);
    return byReach(monitor, selector ? matching('Service', selector, index) : [], index, (s) => touched(s, ['metadata', 'labels']));
  });
}

/** Whether a patch of the unit changes the labels of a Service that may be in the monitor's reach, so that it may match after all. */
export function servicesRelabelled(monitor: ManifestObject, index: ObjectIndex): boolean {
  if (!unitPatched(index)) return false;
  return index.memo(monitor, 'services-relabelled', () => {
    const reach = reachOf(monitor, index);
    return index.ofKind('Service').some((o) => o.group === '' && reaches(reach, o.namespace) !== false && touched(o, ['metadata', 'labels']));
  });
}

/**
 * The well-known component a monitor scrapes: the one its selector pins, or, for a
 * ServiceMonitor, the one every Service it certainly selects fronts.
 */
export function componentOf<C extends Component>(monitor: ManifestObject, index: ObjectIndex, components: readonly C[]): C | undefined {
  const spec = isObject(monitor.value.spec) ? monitor.value.spec : {};
  const pinned = componentPinnedBy(spec.selector, components);
  if (pinned || monitor.kind !== 'ServiceMonitor') return pinned;
  const { inside, maybe } = servicesOf(monitor, index);
  const fronted = inside.map((s) => componentOfService(s, components));
  return inside.length > 0 && maybe.length === 0 && fronted.every((c) => c === fronted[0]) ? fronted[0] : undefined;
}

/** A ServiceMonitor targets the kubelet: its selector requires the kubelet's labels, or it selects a kubelet Service of the input. */
export function targetsKubelet(monitor: ManifestObject, index: ObjectIndex, settings: LintSettings): boolean {
  if (monitor.kind !== 'ServiceMonitor') return false;
  return index.memo(monitor, 'kubelet', () => {
    if (isKubeletMonitor(monitor, { labels: settings.kubeletLabels })) return true;
    return servicesOf(monitor, index).inside.some(isKubeletService);
  });
}

export { reaches, type Reach };
