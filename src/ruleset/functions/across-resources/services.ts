// ServiceMonitor against the Services of the input: selector-matches-no-service,
// namespace-not-selected and port-not-in-service.
import { isObject, touched, type ManifestObject } from '../../../k8s/objects.js';
import { isKubeletMonitor } from '../../../k8s/kubelet.js';
import { monitorSelector, sameNamespace } from '../../../k8s/selection.js';
import type { LabelSelector } from '../../../k8s/selectors.js';
import { inReach, reachOf, servicesOf, servicesRelabelled } from '../../relations.js';
import type { CheckContext, CheckFunction, ObjectIndex } from '../../types.js';
import { matchingTemplates } from './workloads.js';
import { nearest, editDistance } from '../nearest.js';
import { formatLabels, formatReach, formatSelector, nameOf, related } from './common.js';
import { namespaceNotSelected } from './namespace-not-selected.js';

/** The operator creates the kubelet's Service at run time; it is not in the input to compare with. */
const operatorsKubeletService = (context: CheckContext) => isKubeletMonitor(context.object, { labels: context.settings.kubeletLabels });

/** Two label keys or values close enough to be a typo of each other. */
function similar(a: string, b: string): boolean {
  return a !== b && editDistance(a.toLowerCase(), b.toLowerCase()) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 4));
}

interface NearMiss {
  service: ManifestObject;
  /** The selector's matchLabels, corrected to match the Service. */
  fixed?: Record<string, string>;
  /** What differs, for the message. */
  differs: string;
}

/**
 * A Service the selector almost matches: every matchLabels pair is on it but one, and that one
 * is a typo of the key or of the value. Only a typo is evidence: a Service that lacks a label, or
 * has another value for it, may be another instance of the app, and the monitor's own Service may
 * be one the input does not hold.
 */
function nearMiss(selector: LabelSelector, service: ManifestObject): NearMiss | undefined {
  if ((selector.matchExpressions ?? []).length > 0) return undefined;
  const pairs = Object.entries(selector.matchLabels ?? {});
  const wrong = pairs.filter(([k, v]) => service.labels[k] !== v);
  if (wrong.length !== 1) return undefined;
  const [key, value] = wrong[0];
  const labels = service.labels;
  const fixed = { ...selector.matchLabels };
  if (key in labels) {
    if (!similar(value, labels[key])) return undefined;
    fixed[key] = labels[key];
    return { service, fixed, differs: `its \`${key}\` is \`${labels[key]}\`, not \`${value}\`` };
  }
  const typo = Object.keys(labels).find((k) => labels[k] === value && similar(key, k));
  if (!typo) return undefined;
  delete fixed[key];
  fixed[typo] = value;
  return { service, fixed, differs: `it has the key \`${typo}\`, not \`${key}\`` };
}

/**
 * Whether the pods behind a Service come from a workload of the unit: the app is defined here,
 * so its Services are too. Services of pods an operator creates at run time (Rook's managers,
 * Strimzi's brokers) come with Services the operator creates as well, which the input never shows.
 */
function backedByWorkload(service: ManifestObject, index: ObjectIndex): boolean {
  const podSelector = isObject(service.value.spec) ? service.value.spec.selector : undefined;
  if (!isObject(podSelector) || Object.keys(podSelector).length === 0) return false;
  const selector: LabelSelector = { matchLabels: Object.fromEntries(Object.entries(podSelector).map(([k, v]) => [k, String(v)])) };
  return matchingTemplates(selector, index).some((t) => sameNamespace(t.object.namespace, service.namespace) === true);
}

/** A Service whose Pod selector carries the monitor's labels: the Pod labels were copied. */
function podLabelsCopied(selector: LabelSelector, service: ManifestObject): boolean {
  const podSelector = isObject(service.value.spec) ? service.value.spec.selector : undefined;
  if (!isObject(podSelector) || (selector.matchExpressions ?? []).length > 0) return false;
  const pairs = Object.entries(selector.matchLabels ?? {});
  return pairs.length > 0 && pairs.every(([k, v]) => podSelector[k] === v) && Object.keys(service.labels).length > 0;
}

/** Whether what decides the monitor's matches is certain: no patch changes it, the unit shows everything. */
function certain(context: CheckContext): boolean {
  const { object, index } = context;
  return !index.unit?.incomplete && !touched(object, ['spec', 'selector']) && !touched(object, ['spec', 'namespaceSelector']) && !servicesRelabelled(object, index);
}

export const selectorMatchesNoService: CheckFunction = (context) => {
  const { object, index } = context;
  if (operatorsKubeletService(context) || !certain(context)) return [];
  const selector = monitorSelector(object);
  if (!selector) return [];
  const { inside, maybe, outside } = servicesOf(object, index);
  // A match elsewhere is namespace-not-selected's finding.
  if (inside.length > 0 || maybe.length > 0 || outside.length > 0) return [];
  const reach = reachOf(object, index);
  const candidates = inReach('Service', reach, index);
  // Only a Service the selector clearly meant is evidence: the input may hold some Services of a
  // namespace and not others (the platform's, another repository's), so no near miss, no finding.
  const copied = candidates.find((s) => podLabelsCopied(selector, s) && backedByWorkload(s, index));
  if (copied) {
    return [
      {
        at: ['spec', 'selector'],
        data: {
          detail: `This ServiceMonitor selects ${formatSelector(selector)}, the labels of the Pods behind ${nameOf(copied, index)}, not of the Service, so it selects no Service and has no targets. The Service's own labels are ${formatLabels(copied.labels)}: select those.`,
        },
        suggest: [{ desc: `select the labels of ${nameOf(copied, index)}`, ops: [{ in: ['spec', 'selector'], set: { matchLabels: copied.labels } }] }],
        related: [related(copied, context, 'the Service whose Pods carry these labels')],
      },
    ];
  }
  const misses = candidates.map((s) => nearMiss(selector, s)).filter((m): m is NearMiss => m !== undefined);
  if (misses.length === 0) return [];
  const miss = misses[0];
  return [
    {
      at: ['spec', 'selector'],
      data: {
        detail: `This ServiceMonitor selects ${formatSelector(selector)} and matches no Service in ${formatReach(reach)}: the closest is ${nameOf(miss.service, index)}, whose labels are ${formatLabels(miss.service.labels)}: ${miss.differs}.`,
      },
      suggest: miss.fixed ? [{ desc: `select the labels of ${nameOf(miss.service, index)}`, ops: [{ in: ['spec', 'selector'], set: { matchLabels: miss.fixed } }] }] : undefined,
      related: misses.slice(0, 3).map((m) => related(m.service, context, 'the closest Service')),
    },
  ];
};

export const serviceNamespaceNotSelected: CheckFunction = (context) => {
  if (operatorsKubeletService(context) || !certain(context)) return [];
  return namespaceNotSelected(context, servicesOf(context.object, context.index));
};

interface ServicePort {
  name?: string;
  port?: number;
}

function portsOf(service: ManifestObject): ServicePort[] {
  const spec = service.value.spec;
  if (!isObject(spec) || !Array.isArray(spec.ports)) return [];
  return spec.ports.filter(isObject).map((p) => ({ name: typeof p.name === 'string' && p.name !== '' ? p.name : undefined, port: typeof p.port === 'number' ? p.port : undefined }));
}

/**
 * port-not-in-service for a ServiceMonitor: only when nothing else could be the target. Every
 * Service the selector matches is certainly in reach, none has the port, and each one's pods
 * come from a workload of the unit (see backedByWorkload). A Service of the cluster that the
 * input does not hold, with the same labels and the port, would still make the endpoint work:
 * the rule cannot see those, and says so in its docs.
 */
export const portNotInService: CheckFunction = (context) => {
  const { object, index, value } = context;
  if (!isObject(value) || typeof value.port !== 'string' || value.port === '') return [];
  if (!certain(context)) return [];
  const { inside, maybe } = servicesOf(object, index);
  if (inside.length === 0 || maybe.length > 0) return [];
  const port = value.port;
  if (inside.some((s) => portsOf(s).some((p) => p.name === port) || touched(s, ['spec', 'ports']))) return [];
  if (!inside.every((s) => backedByWorkload(s, index))) return [];
  const all = inside.flatMap((s) => portsOf(s).map((p) => ({ service: s, ...p })));
  const names = [...new Set(all.flatMap((p) => (p.name ? [p.name] : [])))];
  const unnamed = all.filter((p) => !p.name);
  const describePorts = all.map((p) => (p.name ? `\`${p.name}\` (${p.port ?? '?'})` : `${p.port ?? '?'} (unnamed)`)).join(', ');
  const first = nameOf(inside[0], index);
  let suggestion: string | undefined;
  if (names.length === 1) suggestion = names[0];
  else if (names.length > 1) {
    const candidate = nearest(port, names);
    if (editDistance(port.toLowerCase(), candidate.toLowerCase()) <= 3) suggestion = candidate;
  }
  const advice = suggestion
    ? `Write \`port: ${suggestion}\`.`
    : unnamed.length > 0 && names.length === 0
      ? `A ServiceMonitor selects Service ports by name: name the port in the Service (\`name: ${port}\`).`
      : 'Use one of the Service port names.';
  return [
    {
      at: ['port'],
      data: { detail: `No port named \`${port}\` on ${first}${inside.length > 1 ? ` or the ${inside.length - 1} other selected Services` : ''}: its ports are ${describePorts || 'none'}, so this endpoint has no targets. ${advice}` },
      // Another port of the Service is a guess at what was meant: a suggestion.
      suggest: suggestion ? [{ desc: `use port \`${suggestion}\``, ops: [{ set: { port: suggestion } }] }] : undefined,
      related: inside.slice(0, 3).map((s) => related(s, context, 'a selected Service')),
    },
  ];
};
