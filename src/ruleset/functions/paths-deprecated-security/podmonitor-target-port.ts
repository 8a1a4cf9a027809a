// deprecated-podmonitor-target-port: PodMonitor `targetPort` becomes `port` (a container port
// name) or `portNumber` (a number), renamed in place. When `port` or `portNumber` is also set,
// the operator already ignores `targetPort`, and the fix removes it.
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction, CheckReport, FixOp } from '../../types.js';

export const podmonitorTargetPort: CheckFunction = ({ value }) => {
  if (!isObject(value)) return [];
  const target = value.targetPort;
  if (target === null || target === undefined || target === '') return [];
  const report = (advice: string, fix?: FixOp[]): CheckReport[] => [{ at: ['targetPort'], atKey: true, data: { advice }, fix }];
  const has = (key: string) => value[key] !== undefined && value[key] !== null;
  if (has('port') || has('portNumber')) {
    return report(`\`${has('port') ? 'port' : 'portNumber'}\` is set as well and wins, so delete \`targetPort\`.`, [{ remove: ['targetPort'] }]);
  }
  // A digit string matches only a port *named* "8080", and Kubernetes port names need a letter:
  // the number is what was meant.
  const number = typeof target === 'number' ? target : typeof target === 'string' && /^\d+$/.test(target) ? Number(target) : undefined;
  const renameTo = number !== undefined ? 'portNumber' : 'port';
  if (renameTo in value) {
    // `portNumber:` with no value beside it: the rename needs the key to be free.
    return report(`fill in the empty \`${renameTo}\` and delete \`targetPort\`. No automatic fix: the key is there already.`);
  }
  if (number !== undefined) {
    if (!Number.isInteger(number) || number < 1 || number > 65535) {
      return report(`write \`portNumber\` (1-65535) instead. No automatic fix: ${String(target)} is not a port number.`);
    }
    return report(`write \`portNumber: ${number}\` instead.`, [{ rename: { targetPort: 'portNumber' }, set: { portNumber: number } }]);
  }
  if (typeof target === 'string') return report(`write \`port: ${target}\` instead.`, [{ rename: { targetPort: 'port' } }]);
  return [];
};
