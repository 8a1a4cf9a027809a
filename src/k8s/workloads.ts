// Workloads: the kinds whose pod templates a PodMonitor selects (and whose pods a Service
// selects), and where each keeps its template.

/** Where each workload kind keeps its pod template (a Pod is its own). */
export const TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

/** Whether an object of `kind` in `group` is a workload (old manifests use extensions/v1beta1). */
export function isWorkload(kind: string, group: string): boolean {
  if (kind === 'Pod') return group === '';
  if (kind === 'Job' || kind === 'CronJob') return group === 'batch';
  return kind in TEMPLATE_PATHS && (group === 'apps' || group === 'extensions');
}

/** The kinds, other than the monitoring ones, that the rules compare monitors with. */
export const NEEDED_KINDS = ['Service', 'Namespace', ...Object.keys(TEMPLATE_PATHS)];
