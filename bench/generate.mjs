// A deterministic synthetic monorepo of Kubernetes manifests: per app a Deployment, a Service and
// a ConfigMap, one ServiceMonitor per `monitorEvery` apps, some PodMonitors, one Prometheus, and
// a few percent of broken monitors (dead kubelet ports, wrong port names, bad durations).
// Usage: node bench/generate.mjs <dir> <apps>   (also imported by the benchmarks)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small seeded PRNG (mulberry32), so the same arguments give the same tree. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const padding = (rand, lines) =>
  Array.from({ length: lines }, (_, i) => `    LINE_${i}: "${Math.floor(rand() * 1e9).toString(36)}-${'x'.repeat(20 + Math.floor(rand() * 40))}"`).join('\n');

function deployment(name, ns, rand) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app.kubernetes.io/name: ${name}, team: t${Math.floor(rand() * 20)}}
spec:
  replicas: ${1 + Math.floor(rand() * 3)}
  selector:
    matchLabels: {app.kubernetes.io/name: ${name}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: ${name}}
    spec:
      containers:
      - name: app
        image: registry.example.com/${name}:1.${Math.floor(rand() * 50)}.0
        ports:
        - {name: http, containerPort: 8080}
        - {name: metrics, containerPort: 9090}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: 500m, memory: 512Mi}
        env:
        - {name: LOG_LEVEL, value: info}
        - {name: APP_NAME, value: ${name}}
`;
}

function service(name, ns) {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app.kubernetes.io/name: ${name}}
spec:
  selector: {app.kubernetes.io/name: ${name}}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: metrics, port: 9090, targetPort: metrics}
`;
}

function configMap(name, ns, rand, lines) {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
${padding(rand, lines ?? 8 + Math.floor(rand() * 12))}
`;
}

function serviceMonitor(name, ns, broken) {
  const port = broken === 'port' ? 'metric' : 'metrics';
  const interval = broken === 'duration' ? '1.5m' : '30s';
  return `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {release: kps}
spec:
  selector:
    matchLabels: {app.kubernetes.io/name: ${name}}
  endpoints:
  - port: ${port}
    interval: ${interval}
    path: /metrics
`;
}

function podMonitor(name, ns) {
  return `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: ${name}-pods
  namespace: ${ns}
  labels: {release: kps}
spec:
  selector:
    matchLabels: {app.kubernetes.io/name: ${name}}
  podMetricsEndpoints:
  - port: metrics
    interval: 30s
`;
}

const KUBELET_BROKEN = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet
  namespace: monitoring
  labels: {release: kps}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  namespaceSelector: {matchNames: [kube-system]}
  endpoints:
  - port: http-metrics
    path: /metrics/cadvisor
`;

const PROMETHEUS = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: kps
  namespace: monitoring
spec:
  serviceMonitorSelector: {matchLabels: {release: kps}}
  serviceMonitorNamespaceSelector: {}
  podMonitorSelector: {matchLabels: {release: kps}}
  podMonitorNamespaceSelector: {}
  scrapeInterval: 30s
`;

/** A new tree with the monitoring folder every tree has: the Prometheus and a broken kubelet monitor. */
function startTree(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'monitoring'), { recursive: true });
  writeFileSync(join(dir, 'monitoring', 'prometheus.yaml'), PROMETHEUS);
  writeFileSync(join(dir, 'monitoring', 'kubelet.yaml'), KUBELET_BROKEN);
  return { documents: 2, monitors: 1, bytes: PROMETHEUS.length + KUBELET_BROKEN.length };
}

/**
 * The monitors of the `index`th app: a ServiceMonitor for one app in `monitorEvery` (of those,
 * one in `brokenEvery` has a wrong port name and the next a bad interval) and a PodMonitor for
 * one app in `podMonitorEvery`.
 */
function monitorsOf(name, ns, index, { monitorEvery = 4, podMonitorEvery = 20, brokenEvery = 25 } = {}) {
  const docs = [];
  if (index % monitorEvery === 0) {
    const n = index / monitorEvery;
    docs.push(serviceMonitor(name, ns, n % brokenEvery === 1 ? 'port' : n % brokenEvery === 2 ? 'duration' : undefined));
  }
  if (index % podMonitorEvery === 0) docs.push(podMonitor(name, ns));
  return docs;
}

/**
 * The benchmark's monorepo: `files` files, half of them apps (a Deployment and a Service, a
 * ServiceMonitor for one Service in four, a PodMonitor for one app in twenty) and half
 * configuration (two ConfigMaps), about 2.25 documents and 1 KB per file, a few percent of the
 * monitors broken, one Prometheus.
 */
export function generateMonorepo(dir, { files, seed = 7 } = {}) {
  const rand = random(seed);
  let { documents, monitors, bytes } = startTree(dir);
  const apps = Math.floor(files / 2);
  for (let i = 0; i < files - 2; i++) {
    const app = i % 2 === 0;
    const n = Math.floor(i / 2);
    const ns = `team-${n % 80}`;
    const name = `svc-${n}`;
    const docs = [];
    if (app) {
      const watching = monitorsOf(name, ns, n);
      docs.push(deployment(name, ns, rand), service(name, ns), ...watching);
      monitors += watching.length;
    } else {
      docs.push(configMap(`${name}-a`, ns, rand, 2 + Math.floor(rand() * 4)), configMap(`${name}-b`, ns, rand, 2 + Math.floor(rand() * 4)));
      if (n % 4 === 0) docs.push(configMap(`${name}-c`, ns, rand, 2));
    }
    const folder = join(dir, 'deploy', ns, app ? 'apps' : 'config');
    mkdirSync(folder, { recursive: true });
    const text = docs.join('---\n');
    writeFileSync(join(folder, `${name}.yaml`), text);
    documents += docs.length;
    bytes += text.length;
  }
  return { files, documents, monitors, bytes, apps };
}

/**
 * Writes the tree. `apps` apps; each app is one file (Deployment + Service + ConfigMap, and its
 * monitors) in deploy/<namespace>/<app>.yaml; one monitor per `monitorEvery` apps.
 */
export function generate(dir, { apps, monitorEvery = 4, podMonitorEvery = 20, brokenEvery = 25, seed = 1 } = {}) {
  const rand = random(seed);
  let { documents, monitors } = startTree(dir);
  for (let i = 0; i < apps; i++) {
    const ns = `team-${i % 50}`;
    const name = `app-${i}`;
    const watching = monitorsOf(name, ns, i, { monitorEvery, podMonitorEvery, brokenEvery });
    const docs = [deployment(name, ns, rand), service(name, ns), configMap(name, ns, rand), ...watching];
    monitors += watching.length;
    const folder = join(dir, 'deploy', ns);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.yaml`), docs.join('---\n'));
    documents += docs.length;
  }
  return { files: apps + 2, documents, monitors };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, files] = process.argv.slice(2);
  console.log(generateMonorepo(dir, { files: Number(files) }));
}
