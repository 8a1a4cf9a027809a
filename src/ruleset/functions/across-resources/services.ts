// ServiceMonitor against the Services of the input: selector-matches-no-service,
// namespace-not-selected and port-not-in-service.
import { isObject, type ManifestObject } from '../../../k8s/objects.js';
import { isKubeletMonitor } from '../../../k8s/kubelet.js';
import { monitorSelector } from '../../../k8s/selection.js';
import { selects, type LabelSelector } from '../../../k8s/selectors.js';
import { inReach, reachOf, servicesOf } from '../../relations.js';
import type { CheckContext, CheckFunction } from '../../types.js';
import { nearest, editDistance } from '../nearest.js';
import { formatLabels, formatReach, formatSelector, nameOf, related } from './common.js';
import { namespaceNotSelected } from './namespace-not-selected.js';

/** The operator creates the kubelet's Service at run time; it is not in the input to compare with. */
const operatorsKubeletService = (context: CheckContext) => isKubeletMonitor(context.object, { labels: context.settings.kubeletLabels });

/** Two label keys or values close enough to be a typo of each other. */
function similar(a: string, b: string): boolean {
  return a !== b && editDistance(a.toLowerCase(), b.toLowerCase()) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 4));
}

/** Labels that name the application: when one matches, the Service is the app's. */
const IDENTITY_KEYS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name', 'app.kubernetes.io/instance'];

interface NearMiss {
  service: ManifestObject;
  /** The selector's matchLabels, corrected to match the Service (none when a person must choose). */
  fixed?: Record<string, string>;
  /** What differs, for the message. */
  differs: string;
}

/**
 * A Service the selector almost matches: every matchLabels pair is on it but one, and that one
 * is a typo of the key or of the value, or a label the Service does not carry while others match.
 */
function nearMiss(selector: LabelSelector, service: ManifestObject): NearMiss | undefined {
  const pairs = Object.entries(selector.matchLabels ?? {});
  const wrong = pairs.filter(([k, v]) => service.labels[k] !== v);
  const expressions = selector.matchExpressions ?? [];
  if (expressions.length > 0) {
    // Every matchLabels pair on the Service, and one requirement that fails: name it (no fix: which side is wrong?).
    const failing = expressions.filter((e) => !selects({ matchExpressions: [e] }, service.labels));
    if (wrong.length > 0 || failing.length !== 1 || pairs.length + expressions.length < 2) return undefined;
    return { service, differs: `the requirement ${formatSelector({ matchExpressions: failing })} fails for it` };
  }
  if (wrong.length !== 1) return undefined;
  const [key, value] = wrong[0];
  const labels = service.labels;
  const fixed = { ...selector.matchLabels };
  // With another label matching exactly, a value that extends the other (`payments` and
  // `payments-prod`) is a near miss too.
  const extends_ = (a: string, b: string) => pairs.length > 1 && Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a));
  // Or the label that names the app matches and another label has another value.
  const sameApp = pairs.some(([k, v]) => k !== key && IDENTITY_KEYS.includes(k) && labels[k] === v);
  if (key in labels) {
    if (!similar(value, labels[key]) && !extends_(value, labels[key]) && !sameApp) return undefined;
    fixed[key] = labels[key];
    return { service, fixed, differs: `its \`${key}\` is \`${labels[key]}\`, not \`${value}\`` };
  }
  const typo = Object.keys(labels).find((k) => labels[k] === value && similar(key, k));
  if (typo) {
    delete fixed[key];
    fixed[typo] = value;
    return { service, fixed, differs: `it has the key \`${typo}\`, not \`${key}\`` };
  }
  if (pairs.length < 2) return undefined;
  delete fixed[key];
  return { service, fixed, differs: `it has no \`${key}\` label` };
}

/** A Service whose Pod selector carries the monitor's labels: the Pod labels were copied. */
function podLabelsCopied(selector: LabelSelector, service: ManifestObject): boolean {
  const podSelector = isObject(service.value.spec) ? service.value.spec.selector : undefined;
  if (!isObject(podSelector) || (selector.matchExpressions ?? []).length > 0) return false;
  const pairs = Object.entries(selector.matchLabels ?? {});
  return pairs.length > 0 && pairs.every(([k, v]) => podSelector[k] === v) && Object.keys(service.labels).length > 0;
}

export const selectorMatchesNoService: CheckFunction = (context) => {
  const { object, index, settings } = context;
  if (operatorsKubeletService(context)) return [];
  const selector = monitorSelector(object);
  if (!selector) return [];
  const { inside, outside } = servicesOf(object, index, settings);
  // A match elsewhere is namespace-not-selected's finding.
  if (inside.length > 0 || outside.length > 0) return [];
  const reach = reachOf(object, index, settings);
  const candidates = inReach('Service', reach, index, settings);
  // Only a Service the selector clearly meant is evidence: the input may hold some Services of a
  // namespace and not others (the platform's, another repository's), so no near miss, no finding.
  const copied = candidates.find((s) => podLabelsCopied(selector, s));
  if (copied) {
    return [
      {
        at: ['spec', 'selector'],
        data: {
          detail: `This ServiceMonitor selects ${formatSelector(selector)}, the labels of the Pods behind ${nameOf(copied, index, settings)}, not of the Service, so it selects no Service and has no targets. The Service's own labels are ${formatLabels(copied.labels)}: select those.`,
        },
        fix: [{ in: ['spec', 'selector'], set: { matchLabels: copied.labels } }],
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
        detail: `This ServiceMonitor selects ${formatSelector(selector)} and matches no Service in ${formatReach(reach)}: the closest is ${nameOf(miss.service, index, settings)}, whose labels are ${formatLabels(miss.service.labels)}: ${miss.differs}.`,
      },
      fix: miss.fixed ? [{ in: ['spec', 'selector'], set: { matchLabels: miss.fixed } }] : undefined,
      related: misses.slice(0, 3).map((m) => related(m.service, context, 'the closest Service')),
    },
  ];
};

export const serviceNamespaceNotSelected: CheckFunction = (context) => {
  if (operatorsKubeletService(context)) return [];
  const { inside, outside } = servicesOf(context.object, context.index, context.settings);
  return namespaceNotSelected(context, inside, outside);
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

export const portNotInService: CheckFunction = (context) => {
  const { object, index, settings, value } = context;
  if (!isObject(value) || typeof value.port !== 'string' || value.port === '') return [];
  const { inside } = servicesOf(object, index, settings);
  if (inside.length === 0) return [];
  const port = value.port;
  if (inside.some((s) => portsOf(s).some((p) => p.name === port))) return [];
  const all = inside.flatMap((s) => portsOf(s).map((p) => ({ service: s, ...p })));
  const names = [...new Set(all.flatMap((p) => (p.name ? [p.name] : [])))];
  const unnamed = all.filter((p) => !p.name);
  const describePorts = all.map((p) => (p.name ? `\`${p.name}\` (${p.port ?? '?'})` : `${p.port ?? '?'} (unnamed)`)).join(', ');
  const first = nameOf(inside[0], index, settings);
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
      fix: suggestion ? [{ set: { port: suggestion } }] : undefined,
      related: inside.slice(0, 3).map((s) => related(s, context, 'a selected Service')),
    },
  ];
};
