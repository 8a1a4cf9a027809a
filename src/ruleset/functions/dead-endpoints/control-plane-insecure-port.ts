// control-plane-insecure-port: a kube-scheduler or kube-controller-manager endpoint on the
// insecure HTTP port Kubernetes removed (10251, 10252), or over plain HTTP, which the secure
// ports (10259, 10257) refuse. Facts and releases: k8s/components.ts.
//
// The component is the one the monitor's selector pins (`k8s-app`, `app.kubernetes.io/name`,
// `component`, kube-prometheus-stack's `app: <release>-kube-scheduler`), or the one every Service
// it selects fronts. Endpoints that go elsewhere stand down: a `proxyUrl` (Rancher's PushProx),
// relabelings that rewrite `__address__` or `__scheme__`, a `_scheme` parameter.
import { CONTROL_PLANE_COMPONENTS } from '../../../k8s/components.js';
import { rewritesAddress } from '../../../k8s/kubelet.js';
import { hasOwnCredentials } from '../../../k8s/fields.js';
import { isObject, type JsonObject } from '../../../k8s/objects.js';
import { componentOf, servicesOf } from '../../relations.js';
import type { CheckFunction, FixOp } from '../../types.js';

const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** The endpoint reaches its target some other way than `port` and `scheme` say. */
function goesElsewhere(ep: JsonObject): boolean {
  if (typeof ep.proxyUrl === 'string' && ep.proxyUrl !== '') return true;
  if (isObject(ep.params) && '_scheme' in ep.params) return true;
  const relabelings = Array.isArray(ep.relabelings) ? ep.relabelings : [];
  return rewritesAddress(ep) || relabelings.some((r) => isObject(r) && r.targetLabel === '__scheme__');
}


export const controlPlaneInsecurePort: CheckFunction = ({ object, index, value }) => {
  if (!isObject(value) || goesElsewhere(value)) return [];
  const component = componentOf(object, index, CONTROL_PLANE_COMPONENTS);
  if (!component) return [];
  const scheme = typeof value.scheme === 'string' ? value.scheme.toLowerCase() : '';
  const insecure = String(component.insecurePort);
  const byTargetPort = (value.port === undefined || value.port === null || value.port === '') && String(value.targetPort) === insecure;
  // A Service of the input that gives the endpoint's port the insecure number.
  const service = servicesOf(object, index).inside.find((s) => {
    const ports = isObject(s.value.spec) && Array.isArray(s.value.spec.ports) ? s.value.spec.ports : [];
    return ports.some((p) => isObject(p) && p.name === value.port && (String(p.port) === insecure || String(p.targetPort) === insecure));
  });
  const plain = scheme === '' || scheme === 'http';
  if (!byTargetPort && !service && !plain) return [];
  const what = byTargetPort
    ? `\`targetPort: ${insecure}\`, ${component.name}'s insecure port`
    : service
      ? `\`port: ${String(value.port)}\`, which Service \`${service.name ?? ''}\` maps to ${component.name}'s insecure port ${insecure}`
      : `plain HTTP (${scheme === '' ? 'no `scheme`' : '`scheme: http`'}), which only ${component.name}'s insecure port ${insecure} spoke`;
  const ops: FixOp[] = [{ set: { scheme: 'https' } }];
  if (!hasOwnCredentials(value)) ops.push({ add: { bearerTokenFile: TOKEN } });
  if (!isObject(value.tlsConfig)) ops.push({ add: { tlsConfig: { insecureSkipVerify: true } } });
  return [
    {
      at: byTargetPort ? ['targetPort'] : service ? ['port'] : 'scheme' in value ? ['scheme'] : 'port' in value ? ['port'] : [],
      data: {
        what,
        component: component.name,
        insecure,
        secure: String(component.securePort),
        release: component.disabledIn,
        source: component.disabledBy,
        service: service ? ` Point the Service's port at ${component.securePort} too.` : '',
      },
      suggest: [{ desc: `scrape ${component.name}'s secure port over https`, ops }],
    },
  ];
};
