// npm run bench:hostile: inputs that were quadratic once (issue 13, "never run unbounded").
// (a) one file of 243,000 small ServiceMonitors, (b) a folder of 8,000 kubelet ServiceMonitors
// (one file each, none scraping cAdvisor but the last, so kubelet-container-metrics-missing asks
// about the others for every one), (c) one file of 1,000 monitors with one fixable finding each:
// lint-only, then --fix on a copy. Runs dist/cli.js under /usr/bin/time and prints wall time and
// peak RSS for each, and the ratio fix / lint of (c). Exits 0 whatever the numbers.
// Options: --cli PATH (another build, say the one before a change), --only a,b,c, --scale F
// (multiplies the sizes, for a quick look).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const cli = resolve(option('--cli') ?? join(root, 'dist', 'cli.js'));
const only = new Set((option('--only') ?? 'a,b,c').split(','));
const scale = Number(option('--scale') ?? 1);
const size = (n) => Math.max(1, Math.round(n * scale));
const TIME = '/usr/bin/time';

/** A small monitor; every 100th has a path without its leading slash, every 1,000th a suppression. */
function smallMonitor(i) {
  const path = i % 100 === 0 ? '    path: metrics\n' : '';
  const suppressed = i % 1000 === 500 ? '  # scrapelint-disable-next-line path-leading-slash -- generated\n' : '';
  return `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: app-${i}
  namespace: team-${i % 50}
spec:
  selector: {matchLabels: {app: app-${i}}}
  endpoints:
${suppressed}  - port: metrics
    interval: 30s
${path}`;
}

/** A kubelet monitor with a working /metrics endpoint; `cadvisor` adds the cAdvisor one. */
function kubeletMonitor(i, cadvisor) {
  const endpoint = (path) => `  - port: https-metrics
    scheme: https
    path: ${path}
    honorLabels: true
    authorization: {credentials: {name: kubelet-token, key: token}}
    tlsConfig: {insecureSkipVerify: true}
`;
  return `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet-${i}, namespace: monitoring, labels: {release: kps}}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: kubelet}}
  namespaceSelector: {matchNames: [kube-system]}
  endpoints:
${endpoint('/metrics')}${cadvisor ? endpoint('/metrics/cadvisor') : ''}`;
}

/** A monitor whose path lacks its leading slash: one fix (path-leading-slash). */
function fixableMonitor(i) {
  return `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: app-${i}, namespace: team-${i % 50}}
spec:
  selector: {matchLabels: {app: app-${i}}}
  endpoints:
  - port: metrics
    path: metrics
`;
}

/** Runs the CLI once: wall seconds, peak RSS (KB) and how many findings it reported. */
function run(cliArgs, cwd) {
  const result = spawnSync(TIME, ['-f', '%e %M', process.execPath, cli, '--no-config', '--format', 'json', ...cliArgs], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`scrapelint ${cliArgs.join(' ')} failed (${result.status}): ${result.stderr}`);
  const [seconds, kb] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, mb: kb / 1024, findings: JSON.parse(result.stdout).findings.length };
}

const show = (name, r) => console.log(`  ${name.padEnd(34)} ${r.seconds.toFixed(2).padStart(8)} s  peak ${r.mb.toFixed(0).padStart(5)} MB  ${r.findings} findings`);

if (!existsSync(TIME)) {
  console.log(`${TIME} is not installed: nothing measured.`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'scrapelint-hostile-'));
try {
  console.log(`${cli}`);
  if (only.has('a')) {
    const n = size(243000);
    writeFileSync(join(work, 'monitors.yaml'), Array.from({ length: n }, (_, i) => smallMonitor(i)).join('---\n'));
    console.log(`(a) one file of ${n} ServiceMonitors:`);
    show('lint', run(['monitors.yaml'], work));
  }
  if (only.has('b')) {
    const n = size(8000);
    const dir = join(work, 'kubelet');
    mkdirSync(dir);
    for (let i = 0; i < n; i++) writeFileSync(join(dir, `kubelet-${i}.yaml`), kubeletMonitor(i, i === n - 1));
    console.log(`(b) a folder of ${n} kubelet ServiceMonitors:`);
    show('lint', run(['kubelet'], work));
  }
  if (only.has('c')) {
    const n = size(1000);
    writeFileSync(join(work, 'fixable.yaml'), Array.from({ length: n }, (_, i) => fixableMonitor(i)).join('---\n'));
    copyFileSync(join(work, 'fixable.yaml'), join(work, 'fixed.yaml'));
    console.log(`(c) one file of ${n} fixable findings:`);
    const lint = run(['fixable.yaml'], work);
    show('lint', lint);
    const fix = run(['--fix', 'fixed.yaml'], work);
    const left = (readFileSync(join(work, 'fixed.yaml'), 'utf8').match(/path: metrics$/gm) ?? []).length;
    show(`--fix (${left} left unfixed)`, fix);
    console.log(`  fix / lint = ${(fix.seconds / lint.seconds).toFixed(2)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
