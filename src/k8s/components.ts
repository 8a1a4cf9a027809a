// Well-known cluster components a monitor may scrape, told apart by the labels a monitor's
// selector (or the Service it selects) pins and the ports they serve on.
// Facts and sources: ../shared/domain/prometheus-operator.md and the rule docs.
import { isObject, type ManifestObject } from './objects.js';
import { asSelector, requiredValue } from './selectors.js';

export interface Component {
  name: string;
  /** Labels that mark the component's pods or Service: any one pinned by a selector (`suffix`: a value ending so). */
  labels: readonly { key: string; value?: string; suffix?: string }[];
  /** The ports it serves metrics on. */
  ports: readonly number[];
}

/** A control-plane component whose insecure HTTP port Kubernetes removed. */
export interface ControlPlaneComponent extends Component {
  insecurePort: number;
  securePort: number;
  /** The release that disabled insecure serving, and the pull request. */
  disabledIn: string;
  disabledBy: string;
}

/**
 * kube-scheduler and kube-controller-manager served metrics on insecure HTTP ports, 10251 and
 * 10252. Insecure serving was deprecated when the secure ports came (kube-controller-manager
 * 10257 in 1.12, kube-scheduler 10259 in 1.13), disabled (`--port` may only be 0) in 1.22 for
 * kube-controller-manager (kubernetes/kubernetes#96216) and 1.23 for kube-scheduler (#96345),
 * and the flags removed in 1.24 (#106860 for kube-controller-manager). The secure ports serve
 * HTTPS only, with a self-signed certificate unless one is given, and need a token allowed
 * `get` on the nonResourceURL /metrics. kube-prometheus-stack names the port `http-metrics`
 * whatever it is, and kube-prometheus `https-metrics`; both select `component: <name>` pods.
 */
export const CONTROL_PLANE_COMPONENTS: readonly ControlPlaneComponent[] = [
  {
    name: 'kube-scheduler',
    labels: [{ key: 'k8s-app', value: 'kube-scheduler' }, { key: 'app.kubernetes.io/name', value: 'kube-scheduler' }, { key: 'component', value: 'kube-scheduler' }, { key: 'app', suffix: '-kube-scheduler' }],
    ports: [10259],
    insecurePort: 10251,
    securePort: 10259,
    disabledIn: '1.23',
    disabledBy: 'https://github.com/kubernetes/kubernetes/pull/96345',
  },
  {
    name: 'kube-controller-manager',
    labels: [{ key: 'k8s-app', value: 'kube-controller-manager' }, { key: 'app.kubernetes.io/name', value: 'kube-controller-manager' }, { key: 'component', value: 'kube-controller-manager' }, { key: 'app', suffix: '-kube-controller-manager' }],
    ports: [10257],
    insecurePort: 10252,
    securePort: 10257,
    disabledIn: '1.22',
    disabledBy: 'https://github.com/kubernetes/kubernetes/pull/96216',
  },
];

/**
 * Components that serve metrics over plain HTTP only, without authentication, as they are
 * deployed by default: a token sent to them crosses the network in clear text for nothing, and
 * `scheme: https` would break the scrape.
 *   - CoreDNS: `prometheus :9153` (TLS only with a web-config file, CoreDNS 1.12+, off by default);
 *   - kube-proxy: `--metrics-bind-address` (:10249) is served with http.ListenAndServe, no TLS at all;
 *   - etcd's metrics listener: kubeadm sets `--listen-metrics-urls=http://127.0.0.1:2381`;
 *   - NodeLocal DNSCache: the CoreDNS plugin on :9253.
 * kube-prometheus-stack's monitors select its own Services by `app: <release>-coredns`,
 * `<release>-kube-proxy` and `<release>-kube-etcd`.
 */
export const HTTP_ONLY_COMPONENTS: readonly Component[] = [
  { name: 'CoreDNS', labels: [{ key: 'k8s-app', value: 'kube-dns' }, { key: 'k8s-app', value: 'coredns' }, { key: 'app.kubernetes.io/name', value: 'coredns' }, { key: 'app', suffix: '-coredns' }], ports: [9153] },
  { name: 'kube-proxy', labels: [{ key: 'k8s-app', value: 'kube-proxy' }, { key: 'app.kubernetes.io/name', value: 'kube-proxy' }, { key: 'app', suffix: '-kube-proxy' }], ports: [10249] },
  { name: "etcd's metrics listener", labels: [{ key: 'component', value: 'etcd' }, { key: 'app', suffix: '-kube-etcd' }], ports: [2381] },
  { name: 'NodeLocal DNSCache', labels: [{ key: 'k8s-app', value: 'node-local-dns' }], ports: [9253] },
];

/** The component whose labels a label selector (or a Service's pod selector) pins, if any. */
export function componentPinnedBy<C extends Component>(selector: unknown, components: readonly C[]): C | undefined {
  const parsed = isObject(selector) && !('matchLabels' in selector) && !('matchExpressions' in selector) ? { matchLabels: Object.fromEntries(Object.entries(selector).map(([k, v]) => [k, String(v)])) } : asSelector(selector);
  if (!parsed) return undefined;
  return components.find((c) =>
    c.labels.some(({ key, value, suffix }) => {
      const pinned = requiredValue(parsed, key);
      return pinned !== undefined && (value !== undefined ? pinned === value : suffix !== undefined && pinned.endsWith(suffix));
    }),
  );
}

/** The component a Service fronts: its pod selector pins the component's labels. */
export function componentOfService<C extends Component>(service: ManifestObject, components: readonly C[]): C | undefined {
  const spec = service.value.spec;
  return isObject(spec) && isObject(spec.selector) ? componentPinnedBy(spec.selector, components) : undefined;
}
